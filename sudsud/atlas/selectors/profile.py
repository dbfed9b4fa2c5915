"""The origin profile: where the people born in one country live, in one edition.

Every figure comes from one edition (editions rewrite earlier years and are never
spliced) and is summed in the database: a profile costs the same handful of queries
whatever the number of destinations. Stock values are published statistics that any
signed-in user may read, so these selectors take no user.

Groupings (OECD, Africa, ECOWAS…) are taken with their membership on 1 July of the
year shown, the reference date of UN DESA's stocks: the OECD of 1990 is not the
OECD of 2024.

A profile is of one sex (``Sex``: both, the default, men or women): its total,
destinations, shares, split and growth are that sex's; its series keeps all three.
"""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Sum

from sudsud.atlas.models import Edition, Sex, StockValue
from sudsud.places.models import (
    Grouping,
    GroupingKind,
    GroupingMembership,
    Place,
    PlaceKind,
)
from sudsud.places.selectors import valid_on

WORLD = 900
OTHER = 2003
UNDESA_SOURCE_PREFIX = "undesa"
OECD_SLUG = "oecd"
AFRICA_M49 = 2


@dataclass(frozen=True)
class DestinationRow:
    place: Place
    value: int | None
    data_type: str
    flag: str
    share: float | None = None  # of the origin's total
    other_share: float | None = None  # "Other/unknown" origin in the destination


@dataclass(frozen=True)
class SeriesPoint:
    year: int
    both: int | None
    male: int | None
    female: int | None


@dataclass(frozen=True)
class Growth:
    year_from: int
    year_to: int
    value_from: int
    value_to: int
    absolute: int
    annual_rate: float | None  # compound, per cent a year


@dataclass
class OriginProfile:
    origin: Place
    edition: Edition
    year: int
    total: int | None = None
    total_is_world: bool = False
    destinations: list[DestinationRow] = field(default_factory=list)
    split: dict[str, int] = field(default_factory=dict)
    grouping: Grouping | None = None
    grouping_total: int | None = None
    series: list[SeriesPoint] = field(default_factory=list)
    growth: Growth | None = None
    sex: str = Sex.BOTH

    @property
    def is_both(self) -> bool:
        return self.sex == Sex.BOTH

    def share(self, value: int | None) -> float | None:
        if value is None or not self.total:
            return None
        return 100 * value / self.total

    @property
    def at_year(self) -> SeriesPoint | None:
        return next((p for p in self.series if p.year == self.year), None)


def undesa_editions() -> QuerySet[Edition]:
    return (
        Edition.objects.filter(source__code__startswith=UNDESA_SOURCE_PREFIX)
        .select_related("source")
        .order_by("-published_year", "-pk")
    )


def edition_default() -> Edition | None:
    """The latest UN DESA edition loaded, or ``None`` when nothing is loaded."""
    return undesa_editions().first()


def origin_list() -> QuerySet[Place]:
    """Countries that are the origin of at least one stored value. Profiles are
    addressed by ISO alpha-3, so areas without one (e.g. added by hand) are left out."""
    return (
        Place.objects.filter(kind=PlaceKind.COUNTRY)
        .filter(Exists(any_edition().filter(origin=OuterRef("pk"))))
        .exclude(iso3="")
        .order_by("name_fr")
    )


def origin_get(iso3: str) -> Place:
    """The country with ISO alpha-3 ``iso3``; raises ``Place.DoesNotExist``."""
    return Place.objects.get(kind=PlaceKind.COUNTRY, iso3__iexact=iso3)


def any_edition() -> QuerySet[StockValue]:
    """Values of every edition, for reads that do not name one: every index on
    values begins with the edition (the table has no index on origin or
    destination alone), so the edition is named even when any will do."""
    return StockValue.objects.filter(edition__in=Edition.objects.values("pk"))


def editions_holding(q: Q) -> QuerySet[Edition]:
    """Editions with values matching ``q``, latest publication first."""
    with_data = StockValue.objects.filter(q, edition=OuterRef("pk"))
    return (
        Edition.objects.filter(Exists(with_data))
        .select_related("source")
        .order_by("-published_year", "source__code")
    )


def preferred_edition(editions: QuerySet[Edition]) -> Edition | None:
    """The first UN DESA edition listed, else the first edition."""
    listed = list(editions)
    undesa = [e for e in listed if e.source.code.startswith(UNDESA_SOURCE_PREFIX)]
    chosen = undesa or listed
    return chosen[0] if chosen else None


def origin_editions(origin: Place) -> QuerySet[Edition]:
    """Editions holding values for ``origin``, latest publication first."""
    return editions_holding(Q(origin=origin))


def edition_years(edition: Edition, origin: Place) -> list[int]:
    years = StockValue.objects.filter(edition=edition, origin=origin)
    return sorted(years.values_list("year", flat=True).distinct())


def grouping_choices() -> QuerySet[Grouping]:
    return Grouping.objects.order_by("kind", "m49_code", "name_fr")


def _member_ids(on_date: dt.date, condition: Q) -> QuerySet[GroupingMembership, Any]:
    return GroupingMembership.objects.filter(valid_on(on_date), condition).values(
        "place_id"
    )


def origin_values(edition: Edition, origin: Place) -> QuerySet[StockValue]:
    """Values of one edition for one origin, whole country (no age, no district):
    how the profile, its national sources and the ranking read stocks."""
    return StockValue.objects.filter(
        edition=edition, origin=origin, age_group="", subnational=""
    )


def _destination_rows(
    edition: Edition, origin: Place, year: int, sex: str
) -> list[StockValue]:
    rows = origin_values(edition, origin).filter(
        year=year, sex=sex, destination__kind=PlaceKind.COUNTRY
    )
    return list(
        rows.select_related("destination").order_by(
            F("value").desc(nulls_last=True), "destination__name_fr"
        )
    )


def _other_shares(
    edition: Edition, origin: Place, year: int, sex: str
) -> dict[int, float]:
    """Per destination: the share of its immigrants (of ``sex``) whose origin is
    "Other" (unknown), from the same edition, when the destination × origin data
    hold it."""
    destinations = (
        origin_values(edition, origin).filter(year=year).values("destination_id")
    )
    rows = StockValue.objects.filter(
        edition=edition,
        year=year,
        sex=sex,
        age_group="",
        subnational="",
        origin__code__in=[WORLD, OTHER],
        destination_id__in=destinations,
    ).values_list("destination_id", "origin__code", "value")
    found: dict[int, dict[int, int | None]] = {}
    for destination_id, code, value in rows:
        found.setdefault(destination_id, {})[code] = value
    return {
        destination_id: 100 * (codes.get(OTHER) or 0) / world
        for destination_id, codes in found.items()
        if (world := codes.get(WORLD)) and OTHER in codes
    }


def _split(
    edition: Edition, origin: Place, year: int, grouping: Grouping | None, sex: str
) -> dict[str, int]:
    """Sums over country destinations: all, OECD, Africa and the chosen grouping,
    with each grouping's members on 1 July of ``year`` — one query."""
    on_date = dt.date(year, 7, 1)
    oecd = _member_ids(on_date, Q(grouping__slug=OECD_SLUG))
    africa = _member_ids(
        on_date,
        Q(grouping__kind=GroupingKind.UN_REGION, grouping__m49_code=AFRICA_M49),
    )
    chosen = _member_ids(on_date, Q(grouping=grouping)) if grouping else None
    sums = {
        "countries": Sum("value"),
        "oecd": Sum("value", filter=Q(destination_id__in=oecd)),
        "africa": Sum("value", filter=Q(destination_id__in=africa)),
    }
    if chosen is not None:
        sums["grouping"] = Sum("value", filter=Q(destination_id__in=chosen))
    rows = origin_values(edition, origin).filter(
        year=year, sex=sex, destination__kind=PlaceKind.COUNTRY
    )
    return {key: value or 0 for key, value in rows.aggregate(**sums).items()}


def _series(edition: Edition, origin: Place) -> tuple[list[SeriesPoint], bool]:
    """Totals by year and sex, and whether they are the "World" destination's
    (when the edition has it) rather than the sum over country destinations."""
    values = origin_values(edition, origin)
    world = values.filter(destination__code=WORLD).values_list("year", "sex", "value")
    rows = list(world)
    from_world = bool(rows)
    if not from_world:
        summed = values.filter(destination__kind=PlaceKind.COUNTRY).values(
            "year", "sex"
        )
        rows = list(
            summed.annotate(total=Sum("value")).values_list("year", "sex", "total")
        )
    by_year: dict[int, dict[str, int | None]] = {}
    for year, sex, value in rows:
        by_year.setdefault(year, {})[sex] = value
    points = [
        SeriesPoint(
            year, sexes.get(Sex.BOTH), sexes.get(Sex.MALE), sexes.get(Sex.FEMALE)
        )
        for year, sexes in sorted(by_year.items())
    ]
    return points, from_world


def growth_between(
    series: list[SeriesPoint], year_from: int, year_to: int, sex: str = Sex.BOTH
) -> Growth | None:
    """Change of the total of ``sex`` (both sexes by default): absolute, and as a
    compound annual rate."""
    values = {point.year: getattr(point, sex) for point in series}
    start, end = values.get(year_from), values.get(year_to)
    if start is None or end is None or year_to <= year_from:
        return None
    rate = None
    if start > 0 and end > 0:
        rate = 100 * ((end / start) ** (1 / (year_to - year_from)) - 1)
    return Growth(year_from, year_to, start, end, end - start, rate)


def origin_profile(
    *,
    origin: Place,
    edition: Edition,
    year_from: int,
    year_to: int,
    grouping: Grouping | None = None,
    sex: str = Sex.BOTH,
) -> OriginProfile:
    """Everything the origin profile shows, for the year ``year_to`` and ``sex``."""
    profile = OriginProfile(origin=origin, edition=edition, year=year_to, sex=sex)
    profile.series, from_world = _series(edition, origin)
    sums = _split(edition, origin, year_to, grouping, sex)
    at_year = profile.at_year
    world_total = getattr(at_year, sex) if at_year else None
    profile.total_is_world = from_world and world_total is not None
    profile.total = world_total if world_total is not None else sums["countries"]
    profile.split = {
        "oecd": sums["oecd"],
        "africa": sums["africa"],
        "rest": sums["countries"] - sums["oecd"] - sums["africa"],
        "unknown": max((profile.total or 0) - sums["countries"], 0),
    }
    profile.grouping = grouping
    profile.grouping_total = sums.get("grouping")
    others = _other_shares(edition, origin, year_to, sex)
    profile.destinations = [
        DestinationRow(
            place=row.destination,
            value=row.value,
            data_type=row.data_type,
            flag=row.flag,
            share=profile.share(row.value),
            other_share=others.get(row.destination_id),
        )
        for row in _destination_rows(edition, origin, year_to, sex)
    ]
    profile.growth = growth_between(profile.series, year_from, year_to, sex)
    return profile


def place_names() -> dict[int, str]:
    """Every country's name in the active language, by M49 code (for map titles)."""
    places = Place.objects.filter(kind=PlaceKind.COUNTRY).only(
        "code", "name_fr", "name_en", "name_ar"
    )
    return {place.code: place.name for place in places}


def origin_profile_resolve(
    *,
    origin: Place,
    edition: Edition | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    grouping: Grouping | None = None,
    sex: str | None = None,
) -> OriginProfile | None:
    """The profile for the choices given, each falling back to its default: the
    latest UN DESA edition holding the origin (else the latest edition), its last
    year, its first year, both sexes. ``None`` when no edition holds the origin."""
    edition = edition or preferred_edition(origin_editions(origin))
    if edition is None:
        return None
    years = edition_years(edition, origin)
    if not years:
        return None
    end = year_to if year_to in years else years[-1]
    start = year_from if year_from in years and year_from < end else years[0]
    return origin_profile(
        origin=origin,
        edition=edition,
        year_from=start,
        year_to=end,
        grouping=grouping,
        sex=sex if sex in Sex.values else Sex.BOTH,
    )
