"""Counting people into cells, and the small-cell rule.

A cell is one stock value's key: (year, origin id, destination id, sex, age group,
sub-national place). Person-level files are counted in a plain ``dict`` while the
rows stream past (a million rows hold a few thousand cells), and each person also
counts in the totals of their sex and of both sexes. Any cell under
:data:`THRESHOLD` is stored without its value and flagged ``suppressed``.
"""

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


def stock_values(
    counts: dict[Key, int], *, edition_id: int, suppress: bool
) -> list[StockValue]:
    """Unsaved values of ``counts``; cells under the threshold suppressed."""
    values = []
    for (year, origin, destination, sex, age, sub), count in counts.items():
        hidden = suppress and count < THRESHOLD
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
