"""National sources beside UN DESA on the origin profile.

Each national edition holding figures for the origin (a consular register, a
survey…) is described on its own: definition, coverage, years, licence, citation,
its total in its latest year, its destinations and sub-national places. For the
destinations it shares with UN DESA, its figure is put *beside* UN DESA's for the
UN DESA year nearest to it — never spliced into one series: the two count
different people (born abroad or foreign citizens for UN DESA; registered
nationals, survey estimates… for a national source), at different dates, with
different coverage.

Both sexes is the file's own figure; when a file counts men and women apart with
no total (an aggregated file with a sex column or two sex columns), it is their
sum, destination by destination, and unknown where either is suppressed. Totals
leave suppressed cells out and say how many there are. All national editions are
read together: the queries do not grow with editions or destinations.

Who sees what: stock values are published statistics (person-level files are
aggregated and cells under 5 people suppressed on import), readable by every
signed-in user, like the rest of the atlas; national sources and editions carry no
country and no restriction. :func:`national_editions_for_user` is the one place
where a restriction would apply.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import get_language

from sudsud.accounts.scopes import scope_for
from sudsud.atlas.models import Edition, Sex, Source, StockValue
from sudsud.atlas.national.aggregate import SUPPRESSED
from sudsud.places.models import Place, PlaceKind

from .profile import UNDESA_SOURCE_PREFIX, editions_holding, origin_values

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


def _years(editions: list[Edition], origin: Place) -> dict[int, list[int]]:
    """The years each edition holds for ``origin`` — one query for all."""
    rows = StockValue.objects.filter(edition__in=editions, origin=origin)
    years: dict[int, set[int]] = {}
    for edition_id, year in rows.values_list("edition_id", "year").distinct():
        years.setdefault(edition_id, set()).add(year)
    return {edition_id: sorted(held) for edition_id, held in years.items()}


def _latest_cells(found: list[NationalSource], origin: Place) -> list[StockValue]:
    """Every sex's whole-country and sub-national values (all ages) of each
    source's latest year for ``origin`` — one query for all sources."""
    latest = Q()
    for source in found:
        latest |= Q(edition=source.edition, year=source.year)
    cells = StockValue.objects.filter(latest, origin=origin, age_group="")
    found_cells = list(cells.order_by("destination__name_fr", "subnational", "pk"))
    # Each destination once, not once per cell (a few dozen places, hundreds of cells).
    places = Place.objects.in_bulk({cell.destination_id for cell in found_cells})
    for cell in found_cells:
        cell.destination = places[cell.destination_id]
    return found_cells


def both_sexes(cells: dict[str, StockValue]) -> tuple[int | None, str]:
    """A destination's both-sexes figure and flag: the file's own, else men plus
    women when the file counts them apart (unknown when either is suppressed)."""
    if Sex.BOTH in cells:
        return cells[Sex.BOTH].value, cells[Sex.BOTH].flag
    parts = [cells[sex] for sex in (Sex.MALE, Sex.FEMALE) if sex in cells]
    known = [part.value for part in parts if part.value is not None]
    if len(known) == 2:
        return sum(known), ""
    return None, next((part.flag for part in parts if part.flag), "")


def _sum(values: list[int | None]) -> int | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def _figures(found: NationalSource, cells: list[StockValue]) -> None:
    """Destinations (both sexes, largest first), totals over destination countries
    (suppressed cells left out) and the number of suppressed cells, from the whole-
    country values of destination countries (already in name order)."""
    by_place: dict[int, dict[str, StockValue]] = {}
    for cell in cells:
        by_place.setdefault(cell.destination_id, {})[cell.sex] = cell
    found.destinations = sorted(
        (
            NationalDestination(
                next(iter(sexes.values())).destination, *both_sexes(sexes)
            )
            for sexes in by_place.values()
        ),
        key=lambda row: (row.value is None, -(row.value or 0)),  # stable: names tie
    )
    found.total = _sum([row.value for row in found.destinations])
    found.male = _sum([cell.value for cell in cells if cell.sex == Sex.MALE])
    found.female = _sum([cell.value for cell in cells if cell.sex == Sex.FEMALE])
    found.suppressed = sum(cell.flag == SUPPRESSED for cell in cells)


def _describe(found: list[NationalSource], origin: Place) -> None:
    """Each source's figures and sub-national places (both sexes)."""
    whole: dict[int, list[StockValue]] = {}
    places: dict[int, list[SubnationalRow]] = {}
    for cell in _latest_cells(found, origin):
        if not cell.subnational:
            if cell.destination.kind == PlaceKind.COUNTRY:
                whole.setdefault(cell.edition_id, []).append(cell)
        elif cell.sex == Sex.BOTH:
            row = SubnationalRow(
                cell.destination, cell.subnational, cell.value, cell.flag
            )
            places.setdefault(cell.edition_id, []).append(row)
    for source in found:
        _figures(source, whole.get(source.edition.pk, []))
        source.subnational = places.get(source.edition.pk, [])


class _Undesa:
    """UN DESA's figures by destination for one origin, in the years nearest to
    the national sources' — read in one query."""

    def __init__(self, edition: Edition, origin: Place, years: list[int]):
        self.edition, self.origin = edition, origin
        self.years = years

    def nearest_year(self, year: int) -> int | None:
        if not self.years:
            return None
        return min(self.years, key=lambda y: (abs(y - year), -y))

    def compare(self, found: list[NationalSource]) -> None:
        nearest = {source.year: self.nearest_year(source.year) for source in found}
        wanted = {year for year in nearest.values() if year is not None}
        rows = origin_values(self.edition, self.origin).filter(
            year__in=wanted, sex=Sex.BOTH, destination__kind=PlaceKind.COUNTRY
        )
        values: dict[int, dict[int, tuple[int | None, str]]] = {}
        for year, destination, value, data_type in rows.values_list(
            "year", "destination_id", "value", "data_type"
        ):
            values.setdefault(year, {})[destination] = (value, data_type)
        for source in found:
            near = nearest[source.year]
            undesa = values.get(near, {}) if near is not None else {}
            compared = [
                ComparisonRow(row.place, *undesa[row.place.pk], row.value)
                for row in source.destinations
                if row.place.pk in undesa
            ]
            if near is not None and compared:
                source.comparison = Comparison(self.edition, near, compared)


def national_sources_for_origin(
    *, user: Any, origin: Place, reference: Edition | None = None
) -> list[NationalSource]:
    """Every national edition ``user`` may read that holds figures for ``origin``,
    each described on its own and compared with UN DESA (``reference`` when it is a
    UN DESA edition, else the latest one holding the origin). The same handful of
    queries whatever the number of national editions and destinations."""
    editions = list(national_editions_for_user(user=user, origin=origin))
    if not editions:
        return []
    desa = _undesa_reference(origin, reference)
    years = _years([*editions, *([desa] if desa else [])], origin)
    found = [
        NationalSource(
            edition=edition, years=years[edition.pk], year=years[edition.pk][-1]
        )
        for edition in editions
        if years.get(edition.pk)
    ]
    if not found:
        return []
    _describe(found, origin)
    if desa is not None:
        _Undesa(desa, origin, years.get(desa.pk, [])).compare(found)
    return found
