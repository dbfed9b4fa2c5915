"""Files out: the filtered list as CSV or XLSX, and the import templates.

Exports use the import's columns and codes (type code, ISO3), so an exported file
can be corrected and imported again.
"""

import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from sudsud.core.exports import csv_bytes, neutralise_cell, xlsx_bytes

from .imports import COLUMNS
from .models import Organisation, OrganisationKind
from .selectors import organisation_visible_parent

EXPORT_COLUMNS = [*COLUMNS, "archived"]
EXAMPLE_ROW = [
    "Association des Sénégalais de Tanger", "جمعية السنغاليين بطنجة", "ASTA",
    "diaspora_association", "MAR", "SEN", "Tanger", "", "", "", "https://example.org",
    "contact@example.org", "00212 600 000 000", "non",
]  # fmt: skip


def _yes_no(value: bool) -> str:
    return "oui" if value else "non"


def _rows(organisations: QuerySet[Organisation], user: Any) -> Iterator[list[str]]:
    for organisation in organisations.iterator(chunk_size=500):
        parent = organisation_visible_parent(user=user, organisation=organisation)
        yield [
            organisation.name, organisation.name_ar, organisation.acronym,
            organisation.kind, organisation.country.iso3,
            organisation.scope_country.iso3 if organisation.scope_country else "",
            organisation.city,
            (parent.iati_identifier or parent.name) if parent else "",
            organisation.iati_identifier, organisation.registration_number,
            organisation.website, organisation.email, organisation.phone,
            _yes_no(organisation.is_restricted), _yes_no(organisation.is_archived),
        ]  # fmt: skip


def organisations_csv(organisations: QuerySet[Organisation], *, user: Any) -> bytes:
    """``organisations`` (from a selector for ``user``) as CSV; a parent ``user``
    may not see is left empty."""
    return csv_bytes(EXPORT_COLUMNS, _rows(organisations, user))


def organisations_xlsx(organisations: QuerySet[Organisation], *, user: Any) -> bytes:
    rows = _rows(organisations, user)
    return xlsx_bytes(EXPORT_COLUMNS, rows, sheet_title="organisations")


def organisations_export(
    organisations: QuerySet[Organisation], *, user: Any, extension: str
) -> bytes:
    build = organisations_xlsx if extension == "xlsx" else organisations_csv
    return build(organisations, user=user)


def import_template_csv() -> bytes:
    return csv_bytes(COLUMNS, [EXAMPLE_ROW])


def _append_safe(sheet: object, values: Iterable[str]) -> None:
    sheet.append([neutralise_cell(value) for value in values])  # type: ignore[attr-defined]


def import_template_xlsx() -> bytes:
    """Header and an example on the first sheet; the type codes on the second."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "organisations"
    _append_safe(sheet, COLUMNS)
    _append_safe(sheet, EXAMPLE_ROW)
    kinds = workbook.create_sheet(title=_("types")[:31])
    _append_safe(kinds, ["kind", _("Label")])
    for code, label in OrganisationKind.choices:
        _append_safe(kinds, [code, str(label)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
