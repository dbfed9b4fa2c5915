"""Files out: the results framework and its values, as CSV or XLSX (formula-safe,
through ``core.exports``).

* Results and indicators: one row per indicator, with its result, plan or
  activity, unit, measure, roll-up method, baseline, breakdown dimensions and
  the donor framework indicators it maps to.
* Values: one row per indicator period and per total or breakdown cell, with the
  target, the approved actual (rolled up, ``selectors.rollup``) and the reporting
  status: of the row's country when the cell names one, else of the overall
  update, else "MAR: Approved; SEN: Draft" for the countries of the total.

Headers and labels are in the reader's language; numbers and dates are written
as numbers and dates (XLSX). Nothing in these files names an organisation.
"""

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from sudsud.core.exports import csv_bytes, xlsx_bytes

from .models import Indicator, IndicatorUpdate, UpdateStatus, parse_breakdown_key
from .selectors.data import (
    DataFilters,
    IndicatorValues,
    breakdown_label,
    breakdown_value_names,
    export_indicators_for_user,
    export_values_for_user,
)
from .selectors.rollup import PeriodValues

KINDS = ("results", "values")
EXTENSIONS = ("csv", "xlsx")


def number(value: Decimal | None) -> int | Decimal | None:
    """``12.0000`` → 12, ``12.5000`` → 12.5 (still numbers for the spreadsheet)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return value.normalize()


def _plan_code(indicator: Indicator) -> str:
    result = indicator.result
    plan = result.activity.plan if result.activity else result.plan
    return plan.code if plan else ""


def _context(indicator: Indicator) -> list[Any]:
    result = indicator.result
    return [
        _plan_code(indicator),
        result.activity.code if result.activity else "",
        result.get_level_display(),
        result.code,
        indicator.code,
        indicator.title,
    ]


def _context_header() -> list[str]:
    return [
        _("Action plan"),
        _("Activity"),
        _("Result level"),
        _("Result code"),
        _("Indicator code"),
        _("Indicator"),
    ]


# --- Results and indicators ---------------------------------------------------------


def results_header() -> list[str]:
    return [
        *_context_header(),
        _("Result title (French)"), _("Result title (English)"),
        _("Indicator title (French)"), _("Indicator title (English)"),
        _("Kind"), _("Unit"), _("Measure"), _("Roll-up method"),
        _("Higher is better"), _("Baseline"), _("Baseline year"),
        _("Breakdowns"), _("Donor framework indicators"), _("Contributes to"),
    ]  # fmt: skip


def _results_row(indicator: Indicator) -> list[Any]:
    frameworks = [
        f"{fi.catalogue.code} {fi.code}" for fi in indicator.framework_indicators.all()
    ]
    return [
        *_context(indicator),
        indicator.result.title_fr, indicator.result.title_en,
        indicator.title_fr, indicator.title_en,
        indicator.get_kind_display(), indicator.unit,
        indicator.get_measure_display(), indicator.get_aggregation_display(),
        _("Yes") if indicator.ascending else _("No"),
        number(indicator.baseline_value), indicator.baseline_year,
        "; ".join(dimension.name for dimension in indicator.dimensions.all()),
        "; ".join(frameworks),
        indicator.parent.code if indicator.parent else "",
    ]  # fmt: skip


def results_rows(*, user: Any, filters: DataFilters) -> Iterator[list[Any]]:
    for indicator in export_indicators_for_user(user=user, filters=filters):
        yield _results_row(indicator)


# --- Values -------------------------------------------------------------------------


def values_header() -> list[str]:
    return [
        *_context_header(),
        _("Unit"), _("Roll-up method"), _("Period start"), _("Period end"),
        _("Breakdown key"), _("Breakdown"), _("Country"), _("Target"),
        _("Approved actual"), _("Status"), _("Approved by"), _("Approved on"),
    ]  # fmt: skip


def _person(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _status_cells(update: IndicatorUpdate | None) -> list[Any]:
    if update is None:
        return [_("Not reported"), "", ""]
    if update.status != UpdateStatus.APPROVED or update.reviewed_at is None:
        return [update.get_status_display(), "", ""]
    when = timezone.localtime(update.reviewed_at).date()
    return [update.get_status_display(), _person(update.reviewed_by), when]


def _summary(updates: list[IndicatorUpdate]) -> list[Any]:
    """The total row of a period reported country by country."""
    parts = [
        f"{update.country.iso3}: {update.get_status_display()}"
        for update in sorted(updates, key=lambda u: u.country.iso3 if u.country else "")
        if update.country is not None
    ]
    return ["; ".join(parts) or _("Not reported"), "", ""]


def _keys(row: PeriodValues, countries: Sequence[str], wanted: str | None) -> list[str]:
    keys = {*row.target_breakdowns, *row.actual_breakdowns}
    keys |= {f"country={iso3}" for iso3 in countries}
    if wanted is not None:
        keys = {
            k for k in keys if parse_breakdown_key(k).get("country", wanted) == wanted
        }
    return ["", *sorted(keys)]


def _countries(item: IndicatorValues) -> list[str]:
    result = item.indicator.result
    if result.activity is not None:
        return [s.country.iso3 for s in result.activity.country_shares.all()]
    if result.plan is not None:
        return [place.iso3 for place in result.plan.countries.all()]
    return []


def _period_rows(
    item: IndicatorValues, row: PeriodValues, names: dict, wanted: str | None
) -> Iterator[list[Any]]:
    updates = item.updates.get(row.period.pk, [])
    by_country = {u.country.iso3 if u.country else "": u for u in updates}
    countries = sorted({*_countries(item), *(c for c in by_country if c)})
    indicator = item.indicator
    head = [*_context(indicator), indicator.unit, indicator.get_aggregation_display()]
    for key in _keys(row, countries, wanted):
        iso3 = parse_breakdown_key(key).get("country", "")
        if key == "":
            target, actual = row.target, row.actual
        else:
            target, actual = (
                row.target_breakdowns.get(key),
                row.actual_breakdowns.get(key),
            )
        update = by_country.get(iso3)
        status = _status_cells(update)
        if update is None and not iso3 and countries:
            status = _summary(updates)
        label = breakdown_label(key, names) if key else _("Total")
        yield [
            *head, row.period.start, row.period.end, key, label, iso3,
            number(target), number(actual), *status,
        ]  # fmt: skip


def values_rows(*, user: Any, filters: DataFilters) -> Iterator[list[Any]]:
    names = breakdown_value_names()
    wanted = filters.country.iso3 if filters.country is not None else None
    for item in export_values_for_user(user=user, filters=filters):
        for row in item.periods:
            yield from _period_rows(item, row, names, wanted)


# --- Files --------------------------------------------------------------------------


def results_export(
    *, kind: str, extension: str, user: Any, filters: DataFilters
) -> bytes:
    """The ``kind`` ("results" or "values") export for ``user`` as ``extension``
    ("csv" or "xlsx")."""
    if kind == "values":
        header, rows = values_header(), values_rows(user=user, filters=filters)
    else:
        header, rows = results_header(), results_rows(user=user, filters=filters)
    if extension == "xlsx":
        return xlsx_bytes(header, rows, sheet_title=kind)
    return csv_bytes(header, rows)
