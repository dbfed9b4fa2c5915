"""National sources beside UN DESA on the origin profile.

Each national edition holding figures for the origin (a consular register, a
survey…) is described on its own: definition, coverage, years, licence, citation,
its total in its latest year, its destinations and sub-national places. For the
destinations it shares with UN DESA, its figure is put *beside* UN DESA's for the
UN DESA year nearest to it — never spliced into one series: the two count
different people (born abroad or foreign citizens for UN DESA; registered
nationals, survey estimates… for a national source), at different dates, with
different coverage.

Who sees what: stock values are published statistics (person-level files are
aggregated and cells under 5 people suppressed on import), readable by every
signed-in user, like the rest of the atlas; national sources and editions carry no
country and no restriction. :func:`national_editions_for_user` is the one place
where a restriction would apply.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import get_language

from sudsud.accounts.scopes import scope_for
from sudsud.atlas.models import Edition, Sex, Source, StockValue
from sudsud.places.models import Place, PlaceKind

from .profile import (
    UNDESA_SOURCE_PREFIX,
    edition_years,
    editions_holding,
    origin_values,
)

SUPPRESSED = "suppressed"
TOP = 10


def source_name(source: Source) -> str:
    """The source's name in the active language (English or else French)."""
    english = (get_language() or "fr")[:2] == "en"
    return source.name_en if english and source.name_en else source.name_fr


@dataclass(frozen=True)
class NationalDestination:
    place: Place
    value: int | None
    flag: str


@dataclass(frozen=True)
class SubnationalRow:
    destination: Place
    name: str
    value: int | None
    flag: str


@dataclass(frozen=True)
class ComparisonRow:
    place: Place
    undesa: int | None
    undesa_data_type: str  # B foreign-born, C foreign citizens… (per destination)
    national: int | None

    @property
    def difference(self) -> int | None:
        """National minus UN DESA, when both have a figure."""
        if self.undesa is None or self.national is None:
            return None
        return self.national - self.undesa


@dataclass(frozen=True)
class Comparison:
    edition: Edition  # the UN DESA edition
    year: int  # the UN DESA year nearest to the national source's
    rows: list[ComparisonRow]


@dataclass
class NationalSource:
    edition: Edition
    years: list[int]
    year: int  # the latest year of the edition for the origin
    total: int | None = None  # both sexes, sum over destination countries
    male: int | None = None
    female: int | None = None
    suppressed: int = 0  # cells of ``year`` stored without their figure
    destinations: list[NationalDestination] = field(default_factory=list)
    subnational: list[SubnationalRow] = field(default_factory=list)
    comparison: Comparison | None = None

    @property
    def source(self) -> Source:
        return self.edition.source

    @property
    def name(self) -> str:
        return source_name(self.edition.source)

    @property
    def top(self) -> list[NationalDestination]:
        return [row for row in self.destinations if row.value is not None][:TOP]


def national_editions_for_user(*, user: Any, origin: Place) -> QuerySet[Edition]:
    """National editions holding figures for ``origin`` that ``user`` may read,
    latest publication first. Anonymous and inactive users read none."""
    if not scope_for(user).authenticated:
        return Edition.objects.none()
    editions = editions_holding(Q(origin=origin)).filter(source__is_national=True)
    return editions.order_by("-published_year", "source__code", "code")


def _undesa_reference(origin: Place, reference: Edition | None) -> Edition | None:
    """``reference`` when it is a UN DESA edition, else the latest UN DESA edition
    holding the origin."""
    if reference is not None and reference.source.code.startswith(UNDESA_SOURCE_PREFIX):
        return reference
    undesa = Q(source__code__startswith=UNDESA_SOURCE_PREFIX)
    return editions_holding(Q(origin=origin)).filter(undesa).first()


def _destination_rows(
    edition: Edition, origin: Place, year: int
) -> QuerySet[StockValue]:
    return origin_values(edition, origin).filter(
        year=year, sex=Sex.BOTH, destination__kind=PlaceKind.COUNTRY
    )


def _totals(found: NationalSource, origin: Place) -> None:
    """Both sexes, men, women (sums over destination countries) and the number of
    suppressed cells of the latest year — one query."""
    rows = origin_values(found.edition, origin).filter(
        year=found.year, destination__kind=PlaceKind.COUNTRY
    )
    sums = rows.aggregate(
        both=Sum("value", filter=Q(sex=Sex.BOTH)),
        male=Sum("value", filter=Q(sex=Sex.MALE)),
        female=Sum("value", filter=Q(sex=Sex.FEMALE)),
        suppressed=Count("pk", filter=Q(flag=SUPPRESSED)),
    )
    found.total, found.male, found.female = sums["both"], sums["male"], sums["female"]
    found.suppressed = sums["suppressed"]


def _subnational(edition: Edition, origin: Place, year: int) -> list[SubnationalRow]:
    rows = (
        StockValue.objects.filter(
            edition=edition, origin=origin, year=year, sex=Sex.BOTH, age_group=""
        )
        .exclude(subnational="")
        .select_related("destination")
        .order_by("destination__name_fr", "subnational")
    )
    return [
        SubnationalRow(row.destination, row.subnational, row.value, row.flag)
        for row in rows
    ]


class _Undesa:
    """UN DESA's figures by destination for one origin, read once per year."""

    def __init__(self, edition: Edition, origin: Place):
        self.edition, self.origin = edition, origin
        self.years = edition_years(edition, origin)
        self._by_year: dict[int, dict[int, tuple[int | None, str]]] = {}

    def nearest_year(self, year: int) -> int | None:
        if not self.years:
            return None
        return min(self.years, key=lambda y: (abs(y - year), -y))

    def values(self, year: int) -> dict[int, tuple[int | None, str]]:
        if year not in self._by_year:
            rows = _destination_rows(self.edition, self.origin, year)
            self._by_year[year] = {
                destination: (value, data_type)
                for destination, value, data_type in rows.values_list(
                    "destination_id", "value", "data_type"
                )
            }
        return self._by_year[year]

    def compare(self, found: NationalSource) -> Comparison | None:
        year = self.nearest_year(found.year)
        if year is None:
            return None
        undesa = self.values(year)
        rows = [
            ComparisonRow(
                row.place, undesa[row.place.pk][0], undesa[row.place.pk][1], row.value
            )
            for row in found.destinations
            if row.place.pk in undesa
        ]
        return Comparison(self.edition, year, rows) if rows else None


def _describe(
    edition: Edition, origin: Place, undesa: _Undesa | None
) -> NationalSource | None:
    years = edition_years(edition, origin)
    if not years:
        return None
    found = NationalSource(edition=edition, years=years, year=years[-1])
    _totals(found, origin)
    rows = _destination_rows(edition, origin, found.year).select_related("destination")
    found.destinations = [
        NationalDestination(row.destination, row.value, row.flag)
        for row in rows.order_by(
            F("value").desc(nulls_last=True), "destination__name_fr"
        )
    ]
    found.subnational = _subnational(edition, origin, found.year)
    found.comparison = undesa.compare(found) if undesa else None
    return found


def national_sources_for_origin(
    *, user: Any, origin: Place, reference: Edition | None = None
) -> list[NationalSource]:
    """Every national edition ``user`` may read that holds figures for ``origin``,
    each described on its own and compared with UN DESA (``reference`` when it is a
    UN DESA edition, else the latest one holding the origin). About five queries
    per national edition."""
    editions = list(national_editions_for_user(user=user, origin=origin))
    if not editions:
        return []
    desa = _undesa_reference(origin, reference)
    undesa = _Undesa(desa, origin) if desa else None
    described = [_describe(edition, origin, undesa) for edition in editions]
    return [found for found in described if found is not None]
