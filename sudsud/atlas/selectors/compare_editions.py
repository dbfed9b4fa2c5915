"""One year of one origin as published in two editions (for example Rev.2020 and
Rev.2024): the total and each destination side by side, with the difference.

The two editions are shown beside each other, never merged: the difference is the
revision the later edition made to the earlier one's figure. Three queries.
"""

from dataclasses import dataclass, field

from django.db.models import Q, Sum

from sudsud.atlas.models import Edition, Sex, StockValue
from sudsud.places.models import Place, PlaceKind

from .compare import editions_holding
from .profile import UNDESA_SOURCE_PREFIX, WORLD


def _difference(a: int | None, b: int | None) -> tuple[int | None, float | None]:
    if a is None or b is None:
        return None, None
    return b - a, (100 * (b - a) / a if a else None)


@dataclass(frozen=True)
class EditionDiffRow:
    place: Place
    a: int | None
    b: int | None

    @property
    def difference(self) -> int | None:
        return _difference(self.a, self.b)[0]

    @property
    def percent(self) -> float | None:
        return _difference(self.a, self.b)[1]


@dataclass
class EditionComparison:
    origin: Place
    year: int
    a: Edition  # the earlier edition
    b: Edition  # the later edition
    years: list[int]
    total_a: int | None = None
    total_b: int | None = None
    rows: list[EditionDiffRow] = field(default_factory=list)

    @property
    def difference(self) -> int | None:
        return _difference(self.total_a, self.total_b)[0]

    @property
    def percent(self) -> float | None:
        return _difference(self.total_a, self.total_b)[1]


def _totals(origin: Place, year: int, editions: list[Edition]) -> dict[int, int | None]:
    """Per edition: the "World" destination's figure, else the sum over countries."""
    values = StockValue.objects.filter(
        origin=origin,
        year=year,
        sex=Sex.BOTH,
        age_group="",
        subnational="",
        edition__in=editions,
    )
    sums = (
        values.values("edition_id")
        .annotate(
            world=Sum("value", filter=Q(destination__code=WORLD)),
            countries=Sum("value", filter=Q(destination__kind=PlaceKind.COUNTRY)),
        )
        .values_list("edition_id", "world", "countries")
    )
    return {
        pk: world if world is not None else countries for pk, world, countries in sums
    }


def edition_comparison(
    *, origin: Place, year: int, a: Edition, b: Edition, years: list[int]
) -> EditionComparison:
    found = EditionComparison(origin, year, a, b, years)
    totals = _totals(origin, year, [a, b])
    found.total_a, found.total_b = totals.get(a.pk), totals.get(b.pk)
    rows = StockValue.objects.filter(
        origin=origin,
        year=year,
        sex=Sex.BOTH,
        age_group="",
        subnational="",
        edition__in=[a, b],
        destination__kind=PlaceKind.COUNTRY,
    ).select_related("destination")
    pairs: dict[int, dict[int, int | None]] = {}
    places: dict[int, Place] = {}
    for row in rows:
        places[row.destination_id] = row.destination
        pairs.setdefault(row.destination_id, {})[row.edition_id] = row.value
    found.rows = sorted(
        (
            EditionDiffRow(places[pk], v.get(a.pk), v.get(b.pk))
            for pk, v in pairs.items()
        ),
        key=lambda r: (-(r.b if r.b is not None else r.a or -1), r.place.name_fr),
    )
    return found


def _pair(
    origin: Place, a: Edition | None, b: Edition | None
) -> tuple[Edition, Edition] | None:
    """The two editions, earlier first; by default the two latest holding the
    origin (UN DESA's first)."""
    listed = list(editions_holding(Q(origin=origin)))
    undesa = [e for e in listed if e.source.code.startswith(UNDESA_SOURCE_PREFIX)]
    ordered = undesa + [e for e in listed if e not in undesa]
    b = b or next((e for e in ordered if e != a), None)
    a = a or next((e for e in ordered if e != b), None)
    if a is None or b is None or a == b:
        return None
    if (a.published_year, a.pk) > (b.published_year, b.pk):
        a, b = b, a
    return a, b


def edition_comparison_resolve(
    *,
    origin: Place,
    year: int | None = None,
    a: Edition | None = None,
    b: Edition | None = None,
) -> EditionComparison | None:
    """Defaults: the two latest editions, the last year both hold. ``None`` when
    fewer than two editions hold the origin or they share no year."""
    pair = _pair(origin, a, b)
    if pair is None:
        return None
    held = StockValue.objects.filter(origin=origin, edition__in=pair)
    by_edition = held.values_list("edition_id", "year").distinct()
    found: dict[int, set[int]] = {}
    for edition_id, held_year in by_edition:
        found.setdefault(edition_id, set()).add(held_year)
    years = sorted(found.get(pair[0].pk, set()) & found.get(pair[1].pk, set()))
    if not years:
        return None
    year = year if year in years else years[-1]
    return edition_comparison(
        origin=origin, year=year, a=pair[0], b=pair[1], years=years
    )
