"""Donor framework catalogues and the mapping of programme indicators to them.

* ``framework_catalogue_import`` reads a catalogue (CSV or XLSX: ``number`` or
  ``code``, ``label_en``, optional ``label_fr`` and ``unit``) into the catalogue
  ``code`` + ``version``. Every row is checked first; any error saves nothing and
  is reported with its line. Importing the same file again changes nothing; a new
  version is a new catalogue, versions are never mixed. French labels missing from
  the file come from ``programmes.frameworks_fr`` (our own translations).
* ``indicator_map_frameworks`` sets the framework indicators a programme indicator
  counts for (any number, in any catalogues).

Permissions: programme administrators import catalogues; administrators and the
coordinators of a country the indicator covers map it. ``actor=None`` is the system.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sudsud.accounts.scopes import scope_allows_approve, scope_for
from sudsud.core.audit import (
    audit_created,
    audit_deleted,
    audit_record,
    audit_updated,
    model_snapshot,
)
from sudsud.core.models import AuditAction
from sudsud.core.tabular import Row, read_table
from sudsud.organisations.models import Organisation
from sudsud.programmes.frameworks_fr import french_label
from sudsud.programmes.models import (
    ActivityCountry,
    FrameworkCatalogue,
    FrameworkIndicator,
    Indicator,
)

CODE_COLUMNS = ("code", "number")
MAX_CODE = FrameworkIndicator._meta.get_field("code").max_length or 20
MAX_LABEL = FrameworkIndicator._meta.get_field("label_en").max_length or 500
MAX_UNIT = FrameworkIndicator._meta.get_field("unit").max_length or 60


@dataclass(frozen=True)
class CatalogueRow:
    line: int
    code: str
    label_en: str
    label_fr: str
    unit: str


def can_import_frameworks(user: Any) -> bool:
    return user is None or scope_for(user).is_programme_admin


def indicator_country_ids(indicator: Indicator) -> set[int]:
    """Countries an indicator covers: those of its activity, or of its plan."""
    result = indicator.result
    if result.activity_id is not None:
        return set(
            ActivityCountry.objects.filter(activity_id=result.activity_id).values_list(
                "country_id", flat=True
            )
        )
    if result.plan is not None:
        return set(result.plan.countries.values_list("pk", flat=True))
    return set()


def can_map_indicator(user: Any, indicator: Indicator) -> bool:
    """Administrators everywhere; coordinators in a country the indicator covers."""
    if user is None or scope_for(user).is_programme_admin:
        return True
    return any(
        scope_allows_approve(user, country_id=country_id)
        for country_id in indicator_country_ids(indicator)
    )


def _row_errors(row: Row, code: str, label_en: str, unit: str) -> list[str]:
    line = {"line": row.line}
    errors = []
    if not code:
        errors.append(_("Line %(line)d: the code (or number) is missing.") % line)
    elif len(code) > MAX_CODE:
        errors.append(
            _("Line %(line)d: the code is longer than %(max)d characters.")
            % {**line, "max": MAX_CODE}
        )
    if not label_en:
        errors.append(
            _("Line %(line)d: the English label (label_en) is missing.") % line
        )
    elif len(label_en) > MAX_LABEL:
        errors.append(
            _("Line %(line)d: the label is longer than %(max)d characters.")
            % {**line, "max": MAX_LABEL}
        )
    if len(unit) > MAX_UNIT:
        errors.append(
            _("Line %(line)d: the unit is longer than %(max)d characters.")
            % {**line, "max": MAX_UNIT}
        )
    return errors


def _parse_row(row: Row, catalogue_code: str) -> tuple[CatalogueRow, list[str]]:
    values = row.values
    code = next((values[c] for c in CODE_COLUMNS if values.get(c)), "")
    label_en = values.get("label_en", "")
    unit = values.get("unit", "")
    label_fr = values.get("label_fr", "") or french_label(catalogue_code, code)
    parsed = CatalogueRow(row.line, code, label_en, label_fr[:MAX_LABEL], unit)
    return parsed, _row_errors(row, code, label_en, unit)


def _parse(data: bytes, extension: str, catalogue_code: str) -> list[CatalogueRow]:
    table = read_table(data, extension=extension)
    if not any(c in table.header for c in CODE_COLUMNS) or (
        "label_en" not in table.header
    ):
        raise ValidationError(
            _("The file needs the columns “number” (or “code”) and “label_en”.")
        )
    rows: list[CatalogueRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for raw in table.rows:
        row, row_errors = _parse_row(raw, catalogue_code)
        if row.code and row.code in seen:
            row_errors.append(
                _("Line %(line)d: the code %(code)s is already on line %(first)d.")
                % {"line": row.line, "code": row.code, "first": seen[row.code]}
            )
        seen.setdefault(row.code, row.line)
        rows.append(row)
        errors += row_errors
    if not rows and not errors:
        errors.append(_("The file has no indicators."))
    if errors:
        raise ValidationError(errors)
    return rows


def _catalogue(actor: Any, fields: dict[str, Any]) -> FrameworkCatalogue:
    catalogue = FrameworkCatalogue.objects.filter(
        code=fields["code"], version=fields["version"]
    ).first()
    if catalogue is None:
        catalogue = FrameworkCatalogue(**fields)
        catalogue.full_clean()
        catalogue.save()
        audit_created(actor=actor, instance=catalogue, note="framework import")
        return catalogue
    before = model_snapshot(catalogue)
    for field, value in fields.items():
        setattr(catalogue, field, value)
    catalogue.full_clean()
    catalogue.save()
    audit_updated(actor=actor, instance=catalogue, before=before)
    return catalogue


def _save_indicator(
    actor: Any, catalogue: FrameworkCatalogue, row: CatalogueRow, order: int
) -> None:
    fields = {
        "label_en": row.label_en,
        "label_fr": row.label_fr,
        "unit": row.unit,
        "order": order,
    }
    current = catalogue.indicators.filter(code=row.code).first()
    if current is None:
        created = FrameworkIndicator(catalogue=catalogue, code=row.code, **fields)
        created.full_clean()
        created.save()
        audit_created(actor=actor, instance=created, note="framework import")
        return
    before = model_snapshot(current)
    for field, value in fields.items():
        setattr(current, field, value)
    current.full_clean()
    if before != model_snapshot(current):
        current.save()
        audit_updated(actor=actor, instance=current, before=before)


def _remove_absent(actor: Any, catalogue: FrameworkCatalogue, codes: set[str]) -> None:
    absent = catalogue.indicators.exclude(code__in=codes)
    mapped = sorted(
        absent.filter(indicators__isnull=False).values_list("code", flat=True)
    )
    if mapped:
        raise ValidationError(
            _(
                "These indicators are not in the file but programme indicators count "
                "for them: %(codes)s. Import the file as a new version instead."
            )
            % {"codes": ", ".join(dict.fromkeys(mapped))}
        )
    for indicator in absent:
        audit_deleted(
            actor=actor, instance=indicator, note="framework import: not in the file"
        )
        indicator.delete()


@transaction.atomic
def framework_catalogue_import(
    *,
    actor: Any,
    data: bytes,
    extension: str,
    code: str,
    version: str,
    name_fr: str,
    name_en: str,
    funder: Organisation | None = None,
) -> FrameworkCatalogue:
    """Create or bring up to date the catalogue ``code`` ``version`` from a file."""
    if not can_import_frameworks(actor):
        raise PermissionDenied(_("Only programme administrators import frameworks."))
    rows = _parse(data, extension, code)
    catalogue = _catalogue(
        actor,
        {
            "code": code,
            "version": version,
            "name_fr": name_fr,
            "name_en": name_en,
            "funder": funder,
        },
    )
    for order, row in enumerate(rows, start=1):
        _save_indicator(actor, catalogue, row, order)
    _remove_absent(actor, catalogue, {row.code for row in rows})
    return catalogue


@transaction.atomic
def indicator_map_frameworks(
    *,
    actor: Any,
    indicator: Indicator,
    framework_indicators: Iterable[FrameworkIndicator],
) -> Indicator:
    """Make ``indicator`` count for exactly ``framework_indicators``."""
    if not can_map_indicator(actor, indicator):
        raise PermissionDenied(
            _("Only administrators and the country's coordinators map indicators.")
        )
    wanted = sorted({item.pk for item in framework_indicators})
    current = sorted(indicator.framework_indicators.values_list("pk", flat=True))
    if wanted != current:
        indicator.framework_indicators.set(wanted)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=indicator,
            changes={"framework_indicators": [current, wanted]},
        )
    return indicator
