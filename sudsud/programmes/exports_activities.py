"""Files out: the filtered activity list as CSV or XLSX (formula-safe, through
``core.exports``), and the XLSX template an action plan is imported from.

The export uses the import's codes (type, IATI status code, ``SEN:50;MAR:50``,
domain codes, implementer acronyms), so a list can be corrected and imported
again. Organisations the reader may not see are written "Restricted record"
(translated), never by name; yes/no cells are in the reader's language.
"""

import io
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from sudsud.core.exports import csv_bytes, neutralise_cell, xlsx_bytes

from .models import Activity, ActivityStatus, ActivityType, PartnerRole
from .selectors.activities import organisations_visible_in

ACTIVITY_COLUMNS = [
    "code", "title_fr", "title_en", "description_fr", "type", "status",
    "countries", "domains", "implementers", "planned_start", "planned_end",
    "benefit_origin", "benefit_host", "benefit_migrants",
]  # fmt: skip
BUDGET_COLUMNS = [
    "activity_code", "funder", "implementer", "year", "planned", "committed", "spent",
]  # fmt: skip
EXPORT_COLUMNS = [
    "plan", *ACTIVITY_COLUMNS[:9], "lead_ministries", "planned_start", "planned_end",
    "actual_start", "actual_end", "late", "at_risk", "restricted",
    *ACTIVITY_COLUMNS[11:],
]  # fmt: skip
EXAMPLE_ACTIVITY = [
    "PA-SEN-01", "Mobilisation de la diaspora sénégalaise au Maroc",
    "Mobilising the Senegalese diaspora in Morocco", "", "bilateral", "2",
    "MAR:50;SEN:50", "diaspora-mobilisation", "GIZ", "2025-01-01", "2026-12-31",
    "Transferts de compétences vers le Sénégal", "Intégration au Maroc",
    "Accès à l'emploi et aux droits",
]  # fmt: skip
EXAMPLE_BUDGET = ["PA-SEN-01", "BMZ", "GIZ", "2025", "100000", "80000", "20000"]


def organisation_code(organisation: Any, visible_ids: set[int]) -> str:
    if organisation.pk not in visible_ids:
        return _("Restricted record")
    return organisation.acronym or organisation.name


def _yes_no(value: bool) -> str:
    return _("Yes") if value else _("No")


def countries_cell(activity: Activity) -> str:
    return ";".join(
        f"{share.country.iso3}:{share.share.normalize():f}"
        for share in activity.country_shares.all()
    )


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


def _row(activity: Activity, visible_ids: set[int]) -> list[Any]:
    leads = [
        organisation_code(partner.organisation, visible_ids)
        for partner in activity.partners.all()
        if partner.role == PartnerRole.LEAD_MINISTRY
    ]
    implementers = [
        organisation_code(org, visible_ids) for org in activity.implementers.all()
    ]
    return [
        activity.plan.code if activity.plan else "", activity.code,
        activity.title_fr, activity.title_en, activity.description_fr,
        activity.activity_type, activity.status, countries_cell(activity),
        ";".join(domain.code for domain in activity.domains.all()),
        ";".join(implementers),
        ";".join(leads), _date(activity.planned_start), _date(activity.planned_end),
        _date(activity.actual_start), _date(activity.actual_end),
        _yes_no(getattr(activity, "is_late", False)),
        _yes_no(getattr(activity, "is_at_risk", False)),
        _yes_no(activity.is_restricted),
        activity.benefit_origin, activity.benefit_host, activity.benefit_migrants,
    ]  # fmt: skip


def _rows(activities: QuerySet[Activity], user: Any) -> Iterator[list[Any]]:
    visible_ids = organisations_visible_in(user=user, activities=activities)
    # A prefetching queryset: iterate in chunks, prefetches run per chunk.
    for activity in activities.iterator(chunk_size=500):
        yield _row(activity, visible_ids)


def activities_export(
    activities: QuerySet[Activity], *, extension: str, user: Any
) -> bytes:
    """``activities`` (from ``activity_search_for_user``) as CSV or XLSX, for
    ``user`` (organisations hidden from them are written "Restricted record")."""
    rows = _rows(activities, user)
    if extension == "xlsx":
        return xlsx_bytes(EXPORT_COLUMNS, rows, sheet_title="activities")
    return csv_bytes(EXPORT_COLUMNS, rows)


def _append_safe(sheet: Any, values: Iterable[Any]) -> None:
    sheet.append([neutralise_cell(value) for value in values])


def _codes_sheet(workbook: Workbook) -> None:
    codes = workbook.create_sheet(title="codes")
    _append_safe(codes, ["column", "code", _("Meaning")])
    for code, label in ActivityType.choices:
        _append_safe(codes, ["type", code, str(label)])
    for number, label in ActivityStatus.choices:
        _append_safe(codes, ["status", number, str(label)])
    _append_safe(
        codes,
        [
            "countries",
            "MAR:50;SEN:50",
            _("ISO alpha-3 codes with shares adding to 100"),
        ],
    )


def plan_import_template() -> bytes:
    """Sheets "activities" and "budget" with their header and an example, then the
    codes."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "activities"
    _append_safe(sheet, ACTIVITY_COLUMNS)
    _append_safe(sheet, EXAMPLE_ACTIVITY)
    budget = workbook.create_sheet(title="budget")
    _append_safe(budget, BUDGET_COLUMNS)
    _append_safe(budget, EXAMPLE_BUDGET)
    _codes_sheet(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
