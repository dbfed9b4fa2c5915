"""The programme countries side by side: each origin's total, men and women, the
OECD / Africa / rest split, growth between two years and top destinations, in one
edition — a constant number of queries whatever the number of origins."""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F, Q, Sum, Window
from django.db.models.functions import RowNumber

from sudsud.atlas.models import Edition, Sex, StockValue
from sudsud.places.models import GroupingKind, Place, PlaceKind

from .compare import _pct, _whole, editions_holding, preferred_edition
from .profile import (
    AFRICA_M49,
    OECD_SLUG,
    WORLD,
    DestinationRow,
    Growth,
    SeriesPoint,
    _member_ids,
    growth_between,
)

PROGRAMME_ISO3 = ("SEN", "MLI", "CIV", "MAR")
TOP = 3


@dataclass
class OriginSummary:
    origin: Place
    total: int | None = None
    male: int | None = None
    female: int | None = None
    split: dict[str, int] = field(default_factory=dict)
    growth: Growth | None = None
    top: list[DestinationRow] = field(default_factory=list)

    def share(self, key: str) -> float | None:
        return _pct(self.split.get(key), self.total)


@dataclass
class Comparison:
    edition: Edition
    year_from: int
    year: int
    years: list[int]
    summaries: list[OriginSummary]


def programme_origins() -> list[Place]:
    places = Place.objects.filter(kind=PlaceKind.COUNTRY, iso3__in=PROGRAMME_ISO3)
    return sorted(places, key=lambda place: PROGRAMME_ISO3.index(place.iso3))


def _country_sums(
    edition: Edition, origins: list[Place], years: tuple[int, int]
) -> dict[tuple[int, int, str], dict[str, int]]:
    """Sums over country destinations by origin, year and sex — with the OECD
    and Africa members of 1 July of the later year — in one query."""
    on_date = dt.date(years[1], 7, 1)
    oecd = _member_ids(on_date, Q(grouping__slug=OECD_SLUG))
    africa = _member_ids(
        on_date, Q(grouping__kind=GroupingKind.UN_REGION, grouping__m49_code=AFRICA_M49)
    )
    rows = (
        StockValue.objects.filter(
            _whole(),
            edition=edition,
            origin__in=origins,
            year__in=years,
            destination__kind=PlaceKind.COUNTRY,
        )
        .values("origin_id", "year", "sex")
        .annotate(
            countries=Sum("value"),
            oecd=Sum("value", filter=Q(destination_id__in=oecd)),
            africa=Sum("value", filter=Q(destination_id__in=africa)),
        )
    )
    return {
        (r["origin_id"], r["year"], r["sex"]): {
            k: r[k] or 0 for k in ("countries", "oecd", "africa")
        }
        for r in rows
    }


def _world_totals(
    edition: Edition, origins: list[Place], years: tuple[int, int]
) -> dict[tuple[int, int, str], int | None]:
    rows = StockValue.objects.filter(
        _whole(),
        edition=edition,
        origin__in=origins,
        year__in=years,
        destination__code=WORLD,
    ).values_list("origin_id", "year", "sex", "value")
    return {(o, y, s): v for o, y, s, v in rows}


def _top_destinations(
    edition: Edition, origins: list[Place], year: int
) -> dict[int, list[StockValue]]:
    rank = Window(
        RowNumber(),
        partition_by=[F("origin_id")],
        order_by=[F("value").desc(nulls_last=True), F("destination__name_fr").asc()],
    )
    rows = (
        StockValue.objects.filter(
            _whole(),
            edition=edition,
            origin__in=origins,
            year=year,
            sex=Sex.BOTH,
            destination__kind=PlaceKind.COUNTRY,
            value__isnull=False,
        )
        .select_related("destination")
        .annotate(rank=rank)
        .filter(rank__lte=TOP)
        .order_by("origin_id", "rank")
    )
    top: dict[int, list[StockValue]] = {}
    for row in rows:
        top.setdefault(row.origin_id, []).append(row)
    return top


def _summary(
    origin: Place,
    sums: dict[tuple[int, int, str], dict[str, int]],
    world: dict[tuple[int, int, str], int | None],
    years: tuple[int, int],
) -> OriginSummary:
    def total(year: int, sex: str) -> int | None:
        key = (origin.pk, year, sex)
        if world.get(key) is not None:
            return world[key]
        return sums[key]["countries"] if key in sums else None

    year_from, year = years
    summary = OriginSummary(
        origin, total(year, Sex.BOTH), total(year, Sex.MALE), total(year, Sex.FEMALE)
    )
    found = sums.get((origin.pk, year, Sex.BOTH))
    if found:
        oecd, africa = found["oecd"], found["africa"]
        summary.split = {
            "oecd": oecd,
            "africa": africa,
            "rest": found["countries"] - oecd - africa,
            "unknown": max((summary.total or 0) - found["countries"], 0),
        }
    series = [SeriesPoint(y, total(y, Sex.BOTH), None, None) for y in years]
    summary.growth = growth_between(series, year_from, year)
    return summary


def comparison(
    *,
    origins: list[Place],
    edition: Edition,
    year_from: int,
    year: int,
    years: list[int],
) -> Comparison:
    """Each origin's figures for ``year`` in one edition; four queries in all."""
    pair = (year_from, year)
    sums = _country_sums(edition, origins, pair)
    world = _world_totals(edition, origins, pair)
    top = _top_destinations(edition, origins, year)
    summaries = []
    for origin in origins:
        summary = _summary(origin, sums, world, pair)
        summary.top = [
            DestinationRow(r.destination, r.value, r.data_type, r.flag)
            for r in top.get(origin.pk, [])
        ]
        summaries.append(summary)
    return Comparison(edition, year_from, year, years, summaries)


def comparison_resolve(
    *,
    origins: list[Place],
    edition: Edition | None = None,
    year_from: int | None = None,
    year: int | None = None,
) -> Comparison | None:
    """Defaults: the latest UN DESA edition holding one of the origins, its last
    and first years. ``None`` when no edition holds any of them."""
    edition = edition or preferred_edition(editions_holding(Q(origin__in=origins)))
    if edition is None or not origins:
        return None
    held = StockValue.objects.filter(edition=edition, origin__in=origins)
    years = sorted(held.values_list("year", flat=True).distinct())
    if not years:
        return None
    end = year if year in years else years[-1]
    start = year_from if year_from in years and year_from < end else years[0]
    return comparison(
        origins=origins, edition=edition, year_from=start, year=end, years=years
    )
