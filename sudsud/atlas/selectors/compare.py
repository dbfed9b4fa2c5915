"""Views beside the origin profile: who lives in a destination, one corridor across
years and editions, the programme countries side by side, and one year as published
in two editions.

As in ``profile.py``: every figure names its edition (a corridor shows one line per
edition, never one spliced series), sums are done in the database and each view
costs a constant number of queries. The side-by-side comparison is in
``compare_origins.py``, the edition comparison in ``compare_editions.py``. Stock values are published statistics that any
signed-in user may read, so these selectors take no user.
"""

from dataclasses import dataclass, field

from django.db.models import F, Q, Sum

from sudsud.atlas.models import Edition, Sex, StockValue
from sudsud.places.models import Place, PlaceKind

from .profile import (
    OTHER,
    WORLD,
    DestinationRow,
    SeriesPoint,
    any_edition,
    editions_holding,
    origin_get,
    preferred_edition,
)

country_get = origin_get  # the same lookup, named for destinations too


def _pct(part: int | None, whole: int | None) -> float | None:
    if part is None or not whole:
        return None
    return 100 * part / whole


def _whole() -> Q:
    """Whole-country values: no age group, no sub-national place."""
    return Q(age_group="", subnational="")


def _points(rows: list[tuple[int, str, int | None]]) -> list[SeriesPoint]:
    by_year: dict[int, dict[str, int | None]] = {}
    for year, sex, value in rows:
        by_year.setdefault(year, {})[sex] = value
    return [
        SeriesPoint(year, s.get(Sex.BOTH), s.get(Sex.MALE), s.get(Sex.FEMALE))
        for year, s in sorted(by_year.items())
    ]


# --- Destination view -------------------------------------------------------


@dataclass
class DestinationProfile:
    destination: Place
    edition: Edition
    year: int
    years: list[int]
    total: int | None = None
    total_is_world: bool = False
    other: int | None = None  # people of "Other" (unknown) origin, code 2003
    origins: list[DestinationRow] = field(default_factory=list)
    series: list[SeriesPoint] = field(default_factory=list)

    @property
    def other_share(self) -> float | None:
        return _pct(self.other, self.total)

    @property
    def at_year(self) -> SeriesPoint | None:
        return next((p for p in self.series if p.year == self.year), None)


def _destination_series(
    edition: Edition, destination: Place
) -> tuple[list[SeriesPoint], bool, dict[int, int | None]]:
    """Totals by year and sex (the "World" origin's, else the sum over country
    origins), whether they are World's, and the "Other" origin by year."""
    values = StockValue.objects.filter(
        _whole(), edition=edition, destination=destination
    )
    rows = values.filter(origin__code__in=[WORLD, OTHER]).values_list(
        "origin__code", "year", "sex", "value"
    )
    world, other = [], {}
    for code, year, sex, value in rows:
        if code == WORLD:
            world.append((year, sex, value))
        elif sex == Sex.BOTH:
            other[year] = value
    if world:
        return _points(world), True, other
    summed = values.filter(origin__kind=PlaceKind.COUNTRY).values("year", "sex")
    totals = summed.annotate(total=Sum("value")).values_list("year", "sex", "total")
    return _points(list(totals)), False, other


def destination_profile(
    *, destination: Place, edition: Edition, year: int, years: list[int]
) -> DestinationProfile:
    view = DestinationProfile(destination, edition, year, years)
    view.series, from_world, others = _destination_series(edition, destination)
    at_year = view.at_year
    view.total = at_year.both if at_year else None
    view.total_is_world = from_world and view.total is not None
    view.other = others.get(year)
    rows = StockValue.objects.filter(
        _whole(),
        edition=edition,
        destination=destination,
        year=year,
        sex=Sex.BOTH,
        origin__kind=PlaceKind.COUNTRY,
    ).select_related("origin")
    view.origins = [
        DestinationRow(
            row.origin, row.value, row.data_type, row.flag, _pct(row.value, view.total)
        )
        for row in rows.order_by(F("value").desc(nulls_last=True), "origin__name_fr")
    ]
    return view


def destination_profile_resolve(
    *, destination: Place, edition: Edition | None = None, year: int | None = None
) -> DestinationProfile | None:
    """Defaults: the latest UN DESA edition holding the destination, its last year.
    ``None`` when no edition holds it."""
    edition = edition or preferred_edition(editions_holding(Q(destination=destination)))
    if edition is None:
        return None
    held = StockValue.objects.filter(edition=edition, destination=destination)
    years = sorted(held.values_list("year", flat=True).distinct())
    if not years:
        return None
    year = year if year in years else years[-1]
    return destination_profile(
        destination=destination, edition=edition, year=year, years=years
    )


# --- Corridor -----------------------------------------------------------------


@dataclass
class CorridorLine:
    edition: Edition
    points: list[SeriesPoint]

    def value(self, year: int) -> int | None:
        return next((p.both for p in self.points if p.year == year), None)


@dataclass
class Corridor:
    origin: Place
    destination: Place
    lines: list[CorridorLine]

    @property
    def years(self) -> list[int]:
        return sorted({p.year for line in self.lines for p in line.points})

    def table(self) -> list[tuple[int, list[int | None]]]:
        """One row per year, one column per edition (both sexes)."""
        return [(y, [line.value(y) for line in self.lines]) for y in self.years]


def corridor(*, origin: Place, destination: Place) -> Corridor:
    """Every edition's values for origin → destination, one line per edition."""
    rows = (
        any_edition()
        .filter(_whole(), origin=origin, destination=destination)
        .select_related("edition__source")
        .order_by("-edition__published_year", "edition__source__code", "year")
    )
    editions: dict[int, Edition] = {}
    values: dict[int, list[tuple[int, str, int | None]]] = {}
    for row in rows:
        editions.setdefault(row.edition_id, row.edition)
        values.setdefault(row.edition_id, []).append((row.year, row.sex, row.value))
    lines = [CorridorLine(editions[pk], _points(values[pk])) for pk in editions]
    return Corridor(origin, destination, lines)
