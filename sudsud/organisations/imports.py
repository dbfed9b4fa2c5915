"""Importing organisations from CSV or XLSX: every row is checked first (see
``import_rows``), errors are reported by line, and the file is written in one
transaction only when no row has an error. Rows are matched to existing records by
IATI identifier, else by (name, country), so importing the same file twice changes
nothing."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from sudsud.core.tabular import read_table
from sudsud.core.text import normalise_for_search

from . import services
from .import_rows import (
    COLUMNS,
    REQUIRED_COLUMNS,
    ImportContext,
    ParsedRow,
    line_error,
    validate_rows,
)
from .models import Organisation
from .permissions import can_view_parent

__all__ = ["COLUMNS", "organisations_import"]

Progress = Callable[[int, int], None]


def _differs(organisation: Organisation, fields: dict[str, Any]) -> bool:
    for name, value in fields.items():
        model_field = Organisation._meta.get_field(name)
        if model_field.is_relation:
            current = getattr(organisation, model_field.attname)  # type: ignore[union-attr]
            value = value.pk if isinstance(value, models.Model) else None
        else:
            current = getattr(organisation, name)
        if current != value:
            return True
    return False


def _hidden_parent(existing: Organisation | None, actor: Any) -> Organisation | None:
    """An exported row shows no parent the user may not see; importing it again
    keeps that parent instead of detaching the record from it."""
    if existing is None or actor is None or existing.parent_id is None:
        return None
    return None if can_view_parent(actor, existing) else existing.parent


def _parent_for(
    parsed: ParsedRow, index: int, written: list[Organisation], context: ImportContext
) -> Organisation | None:
    ref = normalise_for_search(parsed.parent_ref or "")
    if not ref:
        return _hidden_parent(parsed.existing, context.actor)
    earlier = context.file_refs.get(ref)
    if earlier is not None and earlier < index:
        return written[earlier]
    return context.visible_by_ref[ref][0]


def _upsert(
    parsed: ParsedRow, fields: dict[str, Any], actor: Any, counts: dict[str, int]
) -> Organisation:
    if parsed.existing is None:
        counts["created"] += 1
        return services.organisation_create(actor=actor, **fields)
    if not _differs(parsed.existing, fields):
        counts["unchanged"] += 1
        return parsed.existing
    counts["updated"] += 1
    return services.organisation_update(
        actor=actor, organisation=parsed.existing, **fields
    )


@transaction.atomic
def _write(
    parsed_rows: list[ParsedRow], context: ImportContext, progress: Progress | None
) -> dict[str, int]:
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    written: list[Organisation] = []
    errors: list[str] = []
    for index, parsed in enumerate(parsed_rows):
        fields = dict(parsed.fields)
        if parsed.parent_ref is not None:
            fields["parent"] = _parent_for(parsed, index, written, context)
        try:
            written.append(_upsert(parsed, fields, context.actor, counts))
        except ValidationError as exc:
            errors.extend(line_error(parsed.line, message) for message in exc.messages)
            written.append(parsed.existing or Organisation())
        if progress and (index % 25 == 0 or index == len(parsed_rows) - 1):
            progress(index + 1, len(parsed_rows))
    if errors:
        raise ValidationError(errors)  # leaves the atomic block: nothing is saved
    return counts


def import_summary(counts: dict[str, int]) -> str:
    if not counts["created"] and not counts["updated"]:
        return _(
            "Nothing changed: the %(count)d organisations of the file are already "
            "up to date."
        ) % {"count": counts["unchanged"]}
    return (
        _(
            "%(created)d organisations created, %(updated)d updated, "
            "%(unchanged)d unchanged."
        )
        % counts
    )


def organisations_import(
    *, actor: Any, data: bytes, extension: str, progress: Progress | None = None
) -> dict[str, Any]:
    """Import a file; return ``{"summary", "counts"}`` or raise ``ValidationError``
    listing every error by line, having saved nothing."""
    table = read_table(data, extension=extension)
    missing = [column for column in REQUIRED_COLUMNS if column not in table.header]
    if missing:
        raise ValidationError(
            _("Missing column(s): %(columns)s.") % {"columns": ", ".join(missing)}
        )
    if not table.rows:
        raise ValidationError(_("The file has no rows to import."))
    context = ImportContext.load(actor)
    parsed_rows = validate_rows(table.rows, context)
    counts = _write(parsed_rows, context, progress)
    return {"summary": import_summary(counts), "counts": counts}
