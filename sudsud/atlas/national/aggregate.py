"""Counting people into cells, and the small-cell rule.

A cell is one stock value's key: (year, origin id, destination id, sex, age group,
sub-national place). Person-level files are counted in a plain ``dict`` while the
rows stream past (a million rows hold a few thousand cells), and each person also
counts in the totals of their sex and of both sexes. Any cell under
:data:`THRESHOLD` is stored without its value and flagged ``suppressed``, and so is
any cell from which a suppressed one could be worked out by subtraction.
"""

from collections import defaultdict, deque
from functools import lru_cache

from sudsud.atlas.models import Sex, StockValue

THRESHOLD = 5
SUPPRESSED = "suppressed"
AGE_BANDS = ((0, 14), (15, 24), (25, 34), (35, 44), (45, 54), (55, 64))

Key = tuple[int, int, int, str, str, str]


@lru_cache(maxsize=1024)  # ages recur on every row of a person-level file
def age_group(value: str) -> str:
    """A ten-year band for an age in years; any other text is kept as written."""
    text = value.strip()
    if not text.isdigit():
        return text[:20]
    age = int(text)
    for low, high in AGE_BANDS:
        if low <= age <= high:
            return f"{low}-{high}"
    return "65+"


def person_keys(
    *, year: int, origin: int, destination: int, sex: str, age: str, sub: str
) -> set[Key]:
    """The cells one person counts in: the detailed one and the totals, among
    them the sub-national place's all-ages totals (which the profile shows)."""
    keys = set()
    for one in (sex, Sex.BOTH.value):
        keys |= {
            (year, origin, destination, one, age, sub),
            (year, origin, destination, one, "", ""),
            (year, origin, destination, one, "", sub),
        }
    return keys


def add_both_sexes(counts: dict[Key, int]) -> int:
    """Where an aggregated file gives men and women but no total, add the
    both-sexes cell as their sum (the profile, the map and the ranking read both
    sexes). Returns how many cells were added; a file's own totals are kept."""
    added = 0
    for year, origin, destination, sex, age, sub in list(counts):
        if sex != Sex.MALE:
            continue
        female = (year, origin, destination, Sex.FEMALE.value, age, sub)
        both = (year, origin, destination, Sex.BOTH.value, age, sub)
        if female in counts and both not in counts:
            male = (year, origin, destination, sex, age, sub)
            counts[both] = counts[male] + counts[female]
            added += 1
    return added


def _sibling_groups(
    counts: dict[Key, int], *, known: bool = True
) -> list[tuple[Key, list[Key]]]:
    """Each stored total with the cells that divide it: men and women under both
    sexes, age groups under all ages, sub-national places under the whole country.

    With ``known`` counts, only totals that their parts add up to make an
    equation: a total over a division with a remainder nobody sees (women missing
    from an aggregated file, people without a place) gives no part away."""
    # One equation per total and way of dividing it: a total may be divided both
    # by sex and by place, and each division must add up on its own.
    groups: dict[tuple[str, Key], list[Key]] = defaultdict(list)
    for key in counts:
        year, origin, destination, sex, age, sub = key
        country = (year, origin, destination, sex, "", "")
        if sex != Sex.BOTH:
            total = (year, origin, destination, Sex.BOTH.value, age, sub)
            groups[("sex", total)].append(key)
        # The country divides into its places' all-ages totals and, for people
        # without a place, their age groups (key ("", age) … ("", "") itself).
        if age and sub:
            place = (year, origin, destination, sex, "", sub)
            if place in counts:
                groups[("age", place)].append(key)
            else:  # files imported before places had all-ages totals
                groups[("country", country)].append(key)
        elif age or sub:
            groups[("country", country)].append(key)
    found = [
        (total, parts)
        for (_by, total), parts in groups.items()
        if total in counts
        and (not known or counts[total] == sum(counts[part] for part in parts))
    ]
    # Largest totals first: settling the broad equations first hides fewer cells
    # than following a chain of small ones (and the order is the same every time).
    return sorted(found, key=lambda group: (-counts[group[0]], group[0]))


def suppressed_cells(counts: dict[Key, int], *, known: bool = True) -> set[Key]:
    """Cells under :data:`THRESHOLD`, and the cells that would give them away.

    Each total and its parts make one equation, total = sum of the parts. If a
    single one of its cells is suppressed, the others give it by subtraction (both
    sexes 13 and men 10 tell that 3 women live there; a total with one part is that
    part). So wherever an equation has exactly one suppressed cell, its smallest
    shown part (or, with none, its total) is suppressed too, until every equation
    has none or at least two (secondary suppression, one equation at a time).

    ``known=False`` when some counts are not known (values already suppressed,
    read back as 0): every division is then taken as an equation."""
    hidden = {key for key, count in counts.items() if count < THRESHOLD}
    if not hidden:
        return hidden
    groups = _sibling_groups(counts, known=known)
    equations_of: dict[Key, list[int]] = defaultdict(list)
    for index, (total, parts) in enumerate(groups):
        for cell in (total, *parts):
            equations_of[cell].append(index)
    # A work list, largest totals first: an equation is looked at again only when
    # one of its cells has just been hidden.
    pending = deque(range(len(groups)))
    waiting = set(pending)
    while pending:
        index = pending.popleft()
        waiting.discard(index)
        total, parts = groups[index]
        if sum(cell in hidden for cell in (total, *parts)) != 1:
            continue
        shown = [part for part in parts if part not in hidden]
        cell = min(shown, key=lambda p: (counts[p], p)) if shown else total
        hidden.add(cell)
        for other in equations_of[cell]:
            if other not in waiting:
                waiting.add(other)
                pending.append(other)
    return hidden


def stock_values(
    counts: dict[Key, int], *, edition_id: int, suppress: bool
) -> list[StockValue]:
    """Unsaved values of ``counts``; with ``suppress``, the cells under the
    threshold and those that would give them away (:func:`suppressed_cells`)."""
    suppressed = suppressed_cells(counts) if suppress else set()
    values = []
    for key, count in counts.items():
        year, origin, destination, sex, age, sub = key
        hidden = key in suppressed
        values.append(
            StockValue(
                edition_id=edition_id,
                year=year,
                origin_id=origin,
                destination_id=destination,
                sex=sex,
                age_group=age,
                subnational=sub,
                value=None if hidden else count,
                flag=SUPPRESSED if hidden else "",
            )
        )
    return values
