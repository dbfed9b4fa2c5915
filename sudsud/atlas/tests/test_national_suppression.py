"""Small cells stay hidden: none can be worked out from the cells shown.

The equations a reader could use are written here from what the cells mean (men
and women make both sexes; a place's age groups make the place; places and the age
groups of people without a place make the country), independently of the code's
own grouping, and checked one by one: none may hold exactly one hidden cell."""

import random

import pytest

from sudsud.atlas.national.aggregate import THRESHOLD, person_keys, suppressed_cells

SEXES = ("male", "female")
AGES = ("0-14", "15-24", "25-34", "65+")
PLACES = ("Paris", "Lyon", "Marseille", "")


def _count(people, keys=person_keys):
    counts = {}
    for sex, age, place in people:
        for key in keys(
            year=2021, origin=1, destination=2, sex=sex, age=age, sub=place
        ):
            counts[key] = counts.get(key, 0) + 1
    return counts


def _cell(sex, age, place):
    return (2021, 1, 2, sex, age, place)


def _equations():
    """(total, parts) as a reader of the published table would write them."""
    places = [place for place in PLACES if place]
    equations = []
    for age in ("", *AGES):
        for place in ("", *places):
            equations.append(
                (_cell("both", age, place), [_cell(s, age, place) for s in SEXES])
            )
    for sex in ("both", *SEXES):
        for place in places:
            parts = [_cell(sex, age, place) for age in AGES]
            equations.append((_cell(sex, "", place), parts))
        country = [_cell(sex, "", place) for place in places]
        country += [_cell(sex, age, "") for age in AGES]
        equations.append((_cell(sex, "", ""), country))
    return equations


def _giveaways(counts, hidden):
    """Equations that hold in the data and have a single hidden cell. A cell
    absent from the table is a known 0."""
    found = []
    for total, parts in _equations():
        if total not in counts:
            continue
        if counts[total] != sum(counts.get(part, 0) for part in parts):
            continue  # a remainder nobody sees: nothing to subtract
        cells = [cell for cell in (total, *parts) if cell in counts]
        if sum(cell in hidden for cell in cells) == 1:
            found.append((total, parts))
    return found


def test_men_are_not_given_away_by_both_sexes_minus_women():
    counts = _count([("female", "25-34", "")] * 7 + [("male", "25-34", "")] * 2)
    hidden = suppressed_cells(counts)
    assert _cell("both", "", "") not in hidden  # 9 people: shown
    assert _cell("female", "", "") in hidden  # 9 − 7 would tell the 2 men
    assert not _giveaways(counts, hidden)


@pytest.mark.parametrize("seed", range(60))
def test_no_small_cell_can_be_worked_out(seed):
    rng = random.Random(seed)
    people = [
        (rng.choice(SEXES), rng.choice(AGES), rng.choice(PLACES))
        for _ in range(rng.randint(1, 80))
    ]
    counts = _count(people)
    hidden = suppressed_cells(counts)
    assert {key for key, count in counts.items() if count < THRESHOLD} <= hidden
    assert not _giveaways(counts, hidden)


def _old_keys(*, year, origin, destination, sex, age, sub):
    """Cells of files imported before places had all-ages totals."""
    return {
        (year, origin, destination, one, *cell)
        for one in (sex, "both")
        for cell in ((age, sub), ("", ""))
    }


@pytest.mark.parametrize("seed", range(20))
def test_files_imported_before_place_totals_are_protected_too(seed):
    rng = random.Random(seed)
    people = [
        (rng.choice(SEXES), rng.choice(AGES), rng.choice(PLACES[:-1]))
        for _ in range(rng.randint(1, 60))
    ]
    counts = _count(people, keys=_old_keys)
    # What migration 0005 sees: suppressed cells read back as 0.
    stored = {key: (0 if count < THRESHOLD else count) for key, count in counts.items()}
    hidden = suppressed_cells(stored, known=False)
    assert {key for key, count in counts.items() if count < THRESHOLD} <= hidden
    # Country = sum of its (age, place) cells: no single hidden cell in it.
    for sex in ("both", *SEXES):
        country = _cell(sex, "", "")
        parts = [key for key in counts if key[3] == sex and key[4]]
        if country in counts:
            assert sum(cell in hidden for cell in (country, *parts)) != 1


def test_a_total_without_all_its_parts_is_not_hidden_for_nothing():
    # An aggregated file with both sexes and men but no women: 100 − 3 tells nothing.
    counts = {_cell("both", "", ""): 100, _cell("male", "", ""): 3}
    assert suppressed_cells(counts) == {_cell("male", "", "")}


def test_large_cells_are_all_shown():
    counts = _count([(sex, age, "Paris") for sex in SEXES for age in AGES] * 5)
    assert suppressed_cells(counts) == set()
