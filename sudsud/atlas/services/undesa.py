"""Import the official UN DESA International Migrant Stock workbooks.

All or nothing in one transaction; the same file twice (same sha256, edition and
kind) changes nothing; another file of the same edition and kind replaces that
edition's values of that kind. Pages, API, jobs and the command all call
:func:`undesa_import`.
"""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from babel import Locale
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from sudsud.accounts.models import Role
from sudsud.accounts.scopes import scope_for
from sudsud.atlas.models import Definition, Edition, ImportReport, Source, StockValue
from sudsud.atlas.undesa.importer import OTHER, WORLD, Outcome, PlaceIndex, read_series
from sudsud.atlas.undesa.layout import BILATERAL, DESTINATION, KNOWN_EDITIONS, ORIGIN
from sudsud.atlas.undesa.reader import DesaWorkbook, open_workbook
from sudsud.atlas.undesa.writer import bulk_load, insert_series, refresh_statistics
from sudsud.core.audit import audit_created
from sudsud.places.models import Place, PlaceKind
from sudsud.places.services.common import place_search_text

SOURCE_CODE = "undesa-ims"
IMPORT_ROLES = frozenset({Role.PROGRAMME_ADMIN, Role.DATA_ANALYST})
SOURCE_FIELDS = {
    "name_fr": "UN DESA, Stock international de migrants",
    "name_en": "UN DESA International Migrant Stock",
    "publisher": "United Nations Department of Economic and Social Affairs, "
    "Population Division",
    "definition": Definition.MIXED,
    # French first, as the platform; {year} is each edition's (Edition.citation).
    "coverage": "Pays et zones du monde, de 1990 à l’année de l’édition, par sexe ; "
    "personnes nées à l’étranger (B) ou de nationalité étrangère (C), réfugiés "
    "ajoutés (R), estimations imputées (I).",
    "licence": "CC BY 3.0 IGO",
    "citation": "United Nations Department of Economic and Social Affairs, "
    "Population Division ({year}). International Migrant Stock {year}.",
    "url": "https://www.un.org/development/desa/pd/content/international-migrant-stock",
}
# Aggregates the importer needs as places: CLDR territory → names in each language.
AGGREGATES = {WORLD: ("001", "World"), OTHER: ("ZZ", "Other")}


@dataclass(frozen=True)
class UndesaImportResult:
    report: ImportReport
    unchanged: bool


def can_import_undesa(user: Any) -> bool:
    scope = scope_for(user)
    return scope.authenticated and scope.role in IMPORT_ROLES


def _source(actor: Any) -> Source:
    source = Source.objects.filter(code=SOURCE_CODE).first()
    if source is not None:
        return source
    source = Source(code=SOURCE_CODE, **SOURCE_FIELDS)
    source.full_clean()
    source.save()
    audit_created(actor=actor, instance=source)
    return source


def _edition(actor: Any, code: str) -> Edition:
    year = KNOWN_EDITIONS[code]
    source = _source(actor)
    edition = Edition.objects.filter(source=source, code=code).first()
    if edition is None:
        edition = Edition(source=source, code=code, published_year=year)
        edition.full_clean()
        edition.save()
        audit_created(actor=actor, instance=edition)
    return edition


def _capitalised(name: str | None) -> str:
    return (name or "")[:1].upper() + (name or "")[1:]


def _aggregate_place(actor: Any, code: int, fallback: str) -> int:
    place = Place.objects.filter(code=code).first()
    if place is None:
        territory, english = AGGREGATES[code]
        names = {
            f"name_{lang}": _capitalised(Locale(lang).territories.get(territory))
            or english
            for lang in ("fr", "en", "ar")
        }
        place = Place(code=code, kind=PlaceKind.AGGREGATE, **names)
        place.search_text = place_search_text(place)
        place.full_clean()
        place.save()
        audit_created(actor=actor, instance=place, note=fallback)
    return place.pk


def _places(actor: Any, kind: str) -> PlaceIndex:
    countries = dict(
        Place.objects.filter(code__lt=WORLD).values_list("code", "pk").iterator()
    )
    index = PlaceIndex(countries=countries)
    if kind in (ORIGIN, DESTINATION):
        index.world_id = _aggregate_place(actor, WORLD, "UN DESA import")
    if kind in (ORIGIN, BILATERAL):
        index.other_id = _aggregate_place(actor, OTHER, "UN DESA import")
    return index


def _delete_kind(edition: Edition, kind: str, places: PlaceIndex) -> None:
    """One DELETE on the edition (the unique index's first column) and the axes."""
    values = StockValue.objects.filter(edition=edition)
    if kind == ORIGIN:
        values = values.filter(destination_id=places.world_id)
    elif kind == DESTINATION:
        values = values.filter(origin_id=places.world_id).exclude(
            destination_id=places.world_id
        )
    else:
        world = Place.objects.filter(code=WORLD).values_list("pk", flat=True).first()
        if world is not None:
            values = values.exclude(origin_id=world).exclude(destination_id=world)
    values.delete()  # no signals, no cascades: one DELETE statement


def _replace(
    book: DesaWorkbook,
    edition: Edition,
    places: PlaceIndex,
    progress: Callable[[int, int], None] | None,
) -> Outcome:
    """Delete the edition's values of this kind and write the workbook's."""
    out = Outcome()
    with bulk_load(book.height * len(book.layout.values)):
        _delete_kind(edition, book.layout.kind, places)
        series = read_series(
            book, edition_id=edition.pk, places=places, out=out, progress=progress
        )
        out.values_stored = insert_series(series)
    refresh_statistics()
    return out


def _notes(out: Outcome) -> list[str]:
    notes = list(out.warnings)
    if out.aggregate_rows:
        notes.append(
            _(
                "%(count)d rows of regions and groups were recognised and not "
                "imported as countries."
            )
            % {"count": out.aggregate_rows}
        )
    return notes


@transaction.atomic
def undesa_import(
    *,
    actor: Any,
    data: bytes,
    file_name: str,
    edition: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> UndesaImportResult:
    """Import one workbook. ``actor`` None is the command line (trusted).

    Raises ``PermissionDenied``, or ``ValidationError`` with a clear message for a
    file that is not a known DESA workbook; nothing is written then."""
    if actor is not None and not can_import_undesa(actor):
        raise PermissionDenied(_("Only administrators and data analysts import data."))
    book = open_workbook(data, edition=edition)
    sha256 = hashlib.sha256(data).hexdigest()
    edition_obj = _edition(actor, book.edition)
    kind = book.layout.kind
    latest = ImportReport.objects.filter(edition=edition_obj, kind=kind).first()
    if latest is not None and latest.sha256 == sha256:
        return UndesaImportResult(report=latest, unchanged=True)
    out = _replace(book, edition_obj, _places(actor, kind), progress)
    report = ImportReport(
        edition=edition_obj,
        kind=kind,
        file_name=file_name[:255],
        sha256=sha256,
        rows_read=out.rows_read,
        values_stored=out.values_stored,
        warnings=_notes(out),
        created_by=actor,
    )
    report.full_clean(exclude=["created_by"])  # None for the command line
    report.save()
    audit_created(actor=actor, instance=report)
    return UndesaImportResult(report=report, unchanged=False)
