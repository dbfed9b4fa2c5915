"""Small cells stay hidden: none can be worked out from the totals shown."""

import random

import pytest

from sudsud.atlas.national.aggregate import (
    THRESHOLD,
    _sibling_groups,
    person_keys,
    suppressed_cells,
)

SEXES = ("male", "female")
AGES = ("0-14", "15-24", "25-34", "65+")
PLACES = ("Paris", "Lyon", "Marseille", "")


def _count(people):
    counts = {}
    for sex, age, place in people:
        for key in person_keys(
            year=2021, origin=1, destination=2, sex=sex, age=age, sub=place
        ):
            counts[key] = counts.get(key, 0) + 1
    return counts


def _lone_unknowns(counts, hidden):
    """Equations (total = sum of parts) with a single hidden cell: solvable."""
    return [
        (total, parts)
        for total, parts in _sibling_groups(counts)
        if sum(cell in hidden for cell in (total, *parts)) == 1
    ]


def test_men_are_not_given_away_by_both_sexes_minus_women():
    counts = _count([("female", "25-34", "")] * 7 + [("male", "25-34", "")] * 2)
    hidden = suppressed_cells(counts)
    total = (2021, 1, 2, "both", "", "")
    women = (2021, 1, 2, "female", "", "")
    assert total not in hidden  # 9 people: shown
    assert women in hidden  # 9 − 7 would tell the 2 men
    assert not _lone_unknowns(counts, hidden)


@pytest.mark.parametrize("seed", range(40))
def test_no_small_cell_can_be_worked_out(seed):
    rng = random.Random(seed)
    people = [
        (rng.choice(SEXES), rng.choice(AGES), rng.choice(PLACES))
        for _ in range(rng.randint(1, 60))
    ]
    counts = _count(people)
    hidden = suppressed_cells(counts)
    assert {key for key, count in counts.items() if count < THRESHOLD} <= hidden
    assert not _lone_unknowns(counts, hidden)


def test_large_cells_are_all_shown():
    counts = _count([(sex, age, "Paris") for sex in SEXES for age in AGES] * 5)
    assert suppressed_cells(counts) == set()
