"""Writes of national sources: sources, editions, saved mappings, place aliases,
uploads and their all-or-nothing import.

An import reads the stored upload through its mapping, matches every country
value (aliases first), counts person-level rows, and writes only when no row has an
error and every country value is matched. The same file with the same mapping
imported again into the same edition changes nothing; a different file replaces
the edition's values.
"""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sudsud.accounts.models import Role
from sudsud.accounts.scopes import scope_for
from sudsud.atlas.models import (
    ColumnMapping,
    Edition,
    ImportReport,
    NationalUpload,
    PlaceAlias,
    Source,
    StockValue,
)
from sudsud.atlas.national.aggregate import THRESHOLD, stock_values
from sudsud.atlas.national.importer import Reading, read_counts, read_person_counts
from sudsud.atlas.national.mapping import PERSON, REPORT_KINDS, Mapping, mapping_check
from sudsud.atlas.national.matching import PlaceMatcher, place_text
from sudsud.atlas.undesa.writer import refresh_statistics
from sudsud.core.audit import audit_created, audit_updated, model_snapshot
from sudsud.core.tabular import iter_raw_rows, iter_table, read_header
from sudsud.core.uploads import validate_upload
from sudsud.places.models import Place

MANAGE_ROLES = frozenset({Role.PROGRAMME_ADMIN, Role.DATA_ANALYST})
MAX_PERSON_ROWS = 1_000_000
SOURCE_FIELDS = (
    "code", "name_fr", "name_en", "publisher", "definition", "coverage",
    "licence", "citation", "url",
)  # fmt: skip


@dataclass(frozen=True)
class NationalImportResult:
    report: ImportReport | None
    unchanged: bool = False
    unmatched: list[dict[str, Any]] = field(default_factory=list)


def can_manage_national(user: Any) -> bool:
    scope = scope_for(user)
    return scope.authenticated and scope.role in MANAGE_ROLES


def require_national_manager(actor: Any) -> None:
    if actor is not None and not can_manage_national(actor):
        raise PermissionDenied(_("Only administrators and data analysts import data."))


@transaction.atomic
def national_source_create(*, actor: Any, fields: dict[str, Any]) -> Source:
    require_national_manager(actor)
    source = Source(is_national=True, **{k: fields.get(k, "") for k in SOURCE_FIELDS})
    source.full_clean()
    source.save()
    audit_created(actor=actor, instance=source)
    return source


@transaction.atomic
def national_edition_create(
    *, actor: Any, source: Source, code: str, published_year: int, notes: str = ""
) -> Edition:
    require_national_manager(actor)
    if not source.is_national:
        raise PermissionDenied(_("Editions of this source are created by its import."))
    edition = Edition(
        source=source, code=code, published_year=published_year, notes=notes
    )
    edition.full_clean()
    edition.save()
    audit_created(actor=actor, instance=edition)
    return edition


@transaction.atomic
def column_mapping_save(
    *, actor: Any, source: Source, name: str, mapping: Mapping
) -> ColumnMapping:
    """Create the mapping ``name`` of ``source``, or replace its content."""
    require_national_manager(actor)
    saved = ColumnMapping.objects.filter(source=source, name=name.strip()).first()
    if saved is None:
        saved = ColumnMapping(source=source, name=name.strip(), created_by=actor)
        saved.mapping = mapping.as_dict()
        saved.full_clean(exclude=["created_by"])
        saved.save()
        audit_created(actor=actor, instance=saved)
        return saved
    before = model_snapshot(saved)
    saved.mapping = mapping.as_dict()
    saved.full_clean(exclude=["created_by"])
    saved.save()
    audit_updated(actor=actor, instance=saved, before=before)
    return saved


@transaction.atomic
def place_alias_create(*, actor: Any, text: str, place: Place) -> PlaceAlias:
    """Remember that ``text`` (folded) means ``place``; replaces an older alias."""
    require_national_manager(actor)
    folded = place_text(text)
    if not folded:
        raise ValidationError(_("The text to remember is empty."))
    PlaceAlias.objects.filter(text=folded).delete()
    alias = PlaceAlias(text=folded, original=text.strip()[:200], place=place)
    alias.created_by = actor
    alias.full_clean(exclude=["created_by"])
    alias.save()
    audit_created(actor=actor, instance=alias)
    return alias


@transaction.atomic
def national_upload_create(
    *, actor: Any, edition: Edition, upload: UploadedFile
) -> NationalUpload:
    """Keep a checked CSV/XLSX file and its header for the mapping step."""
    require_national_manager(actor)
    extension = validate_upload(upload, extensions=("csv", "xlsx"))
    data = upload.read()
    header = read_header(data, extension=extension)
    stored = NationalUpload(
        edition=edition,
        file_name=(upload.name or "")[:255],
        extension=extension,
        header=header,
        created_by=actor,
    )
    stored.file.save(f"national.{extension}", ContentFile(data), save=False)
    stored.save()
    audit_created(actor=actor, instance=stored)
    return stored


@transaction.atomic
def national_upload_map(
    *, actor: Any, upload: NationalUpload, mapping: Mapping
) -> NationalUpload:
    """Check ``mapping`` against the file's header and keep it on the upload."""
    require_national_manager(actor)
    mapping_check(mapping, upload.header)
    before = model_snapshot(upload)
    upload.mapping = mapping.as_dict()
    upload.unmatched = []  # read again with this mapping at the next import
    upload.save(update_fields=["mapping", "unmatched"])
    audit_updated(actor=actor, instance=upload, before=before)
    return upload


def _fingerprint(data: bytes, mapping: Mapping) -> str:
    digest = hashlib.sha256(data)
    digest.update(json.dumps(mapping.as_dict(), sort_keys=True).encode())
    return digest.hexdigest()


def _report(upload: NationalUpload, *, actor: Any, **fields: Any) -> ImportReport:
    report = ImportReport(
        edition=upload.edition,
        file_name=upload.file_name,
        created_by=actor,
        **fields,
    )
    report.full_clean(exclude=["created_by"])
    report.save()
    audit_created(actor=actor, instance=report)
    return report


def _unmatched(upload: NationalUpload, found: dict[str, int]) -> NationalImportResult:
    upload.unmatched = [
        {"value": value, "line": line} for value, line in sorted(found.items())
    ]
    upload.save(update_fields=["unmatched"])
    return NationalImportResult(report=None, unmatched=upload.unmatched)


def _read(
    data: bytes,
    extension: str,
    mapping: Mapping,
    progress: Callable[[int], None] | None,
) -> Reading:
    """The file's counted cells. Rows are streamed, never all kept: a person-level
    file of a million rows aggregates to a few thousand cells."""
    if mapping.layout == PERSON:
        header, raw_rows = iter_raw_rows(data, extension=extension)
        return read_person_counts(
            header,
            raw_rows,
            mapping=mapping,
            matcher=PlaceMatcher(),
            max_rows=MAX_PERSON_ROWS,
            progress=progress,
        )
    _header, rows = iter_table(data, extension=extension, max_rows=MAX_PERSON_ROWS)
    return read_counts(rows, mapping=mapping, matcher=PlaceMatcher(), progress=progress)


@transaction.atomic
def national_import(
    *,
    actor: Any,
    upload: NationalUpload,
    progress: Callable[[int], None] | None = None,
) -> NationalImportResult:
    """Import ``upload`` through its mapping, all or nothing.

    Raises ``PermissionDenied``, or ``ValidationError`` listing the errors by line.
    Returns the unmatched country values (and writes nothing) when some remain."""
    require_national_manager(actor)
    mapping = Mapping(**upload.mapping) if upload.mapping else Mapping()
    mapping_check(mapping, upload.header)
    with upload.file.open("rb") as handle:
        data = handle.read()
    sha256 = _fingerprint(data, mapping)
    latest = ImportReport.objects.filter(edition=upload.edition).first()
    if latest is not None and latest.sha256 == sha256:
        _discard_file(upload)
        return NationalImportResult(report=latest, unchanged=True)
    reading = _read(data, upload.extension, mapping, progress)
    if reading.errors:
        raise ValidationError(reading.errors)
    if reading.unmatched:
        return _unmatched(upload, reading.unmatched)
    if not reading.counts:  # importing it would only delete the edition's values
        raise ValidationError(
            _("The file holds no row of figures: nothing was changed."),
            code="empty",
        )
    # Only aggregated figures the source has published keep their small cells;
    # people counted one by one are always protected.
    suppress = mapping.layout == PERSON or not mapping.published
    values = stock_values(
        reading.counts, edition_id=upload.edition_id, suppress=suppress
    )
    StockValue.objects.filter(edition=upload.edition).delete()
    StockValue.objects.bulk_create(values, batch_size=2000)
    refresh_statistics()
    suppressed = sum(1 for value in values if value.value is None)
    small = sum(1 for count in reading.counts.values() if count < THRESHOLD)
    small = small if suppress else 0
    warnings = []
    if reading.totals_added:
        warnings.append(
            ngettext(
                "%(count)d both-sexes total was computed as men + women.",
                "%(count)d both-sexes totals were computed as men + women.",
                reading.totals_added,
            )
            % {"count": reading.totals_added}
        )
    if small:
        warnings.append(
            _("%(count)d cells under 5 people were suppressed.") % {"count": small}
        )
    if suppressed > small:
        warnings.append(
            ngettext(
                "%(count)d other cell was suppressed so that none under 5 can be "
                "worked out by subtraction.",
                "%(count)d other cells were suppressed so that none under 5 can be "
                "worked out by subtraction.",
                suppressed - small,
            )
            % {"count": suppressed - small}
        )
    report = _report(
        upload,
        actor=actor,
        kind=REPORT_KINDS[mapping.layout],
        sha256=sha256,
        rows_read=reading.rows_read,
        values_stored=len(values),
        warnings=warnings,
    )
    upload.unmatched = []
    upload.save(update_fields=["unmatched"])
    _discard_file(upload)
    return NationalImportResult(report=report)


def _discard_file(upload: NationalUpload) -> None:
    """A national file may list people one by one: once imported it is not kept
    (the report and the aggregated, suppressed values remain). The stored file is
    removed only after the transaction commits."""
    if not upload.file:
        return
    name, storage = upload.file.name, upload.file.storage
    upload.file = ""
    upload.save(update_fields=["file"])
    transaction.on_commit(lambda: storage.delete(name), robust=True)


@transaction.atomic
def national_unmatched_resolve(
    *, actor: Any, upload: NationalUpload, choices: list[tuple[str, Place]]
) -> NationalUpload:
    """Remember the place chosen for each unmatched value of ``upload``."""
    require_national_manager(actor)
    for text, place in choices:
        place_alias_create(actor=actor, text=text, place=place)
    upload.unmatched = []
    upload.save(update_fields=["unmatched"])
    return upload
