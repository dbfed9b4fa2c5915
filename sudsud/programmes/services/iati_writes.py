"""The writes of an IATI import, record by record: each one is compared with
what is stored, validated and saved only when it changed, with an audit entry
noted "imported". Called by ``services.iati.iati_import`` inside its transaction.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from sudsud.core.audit import (
    audit_created,
    audit_deleted,
    audit_updated,
    model_snapshot,
    snapshot_diff,
)
from sudsud.core.text import normalise_for_search
from sudsud.organisations.models import Organisation
from sudsud.places.models import Place
from sudsud.programmes.iati.parsing import (
    ParsedActivity,
    ParsedIndicator,
    ParsedPeriod,
    ParsedResult,
)
from sudsud.programmes.models import (
    Activity,
    ActivityCountry,
    ActivityType,
    ActualBreakdown,
    BudgetLine,
    Indicator,
    IndicatorKind,
    IndicatorMeasure,
    IndicatorPeriod,
    IndicatorUpdate,
    Programme,
    Result,
    TargetBreakdown,
    UpdateStatus,
)

NOTE = "imported"
HUNDRED = Decimal(100)


@dataclass
class ImportContext:
    actor: Any
    programme: Programme
    places: dict[str, Place]
    organisations: dict[str, Organisation]
    warnings: list[str]

    def warn(self, parsed: ParsedActivity, message: str) -> None:
        self.warnings.append(
            _("%(identifier)s: %(message)s")
            % {"identifier": parsed.identifier, "message": message}
        )


def _q(value: Decimal | None, places: int) -> Decimal | None:
    return None if value is None else value.quantize(Decimal(1).scaleb(-places))


def _save(context: ImportContext, instance: Model, before: dict | None) -> bool:
    """Save ``instance`` if it is new or differs from ``before``; audit it."""
    if before is not None and not snapshot_diff(before, model_snapshot(instance)):
        return False
    instance.full_clean()
    instance.save()
    if before is None:
        audit_created(actor=context.actor, instance=instance, note=NOTE)
    else:
        audit_updated(actor=context.actor, instance=instance, before=before, note=NOTE)
    return True


def _replace_cells(
    context: ImportContext, rows: Any, model: type, parent: dict, cells: dict
) -> bool:
    """Make the breakdown rows under ``parent`` exactly ``cells`` (key → value)."""
    wanted = {key: _q(value, 4) for key, value in cells.items()}
    stored = {row.key: row for row in rows}
    if {k: r.value for k, r in stored.items()} == wanted:
        return False
    for key, row in stored.items():
        if wanted.get(key) != row.value:
            audit_deleted(actor=context.actor, instance=row, note=NOTE)
            row.delete()
    for key, value in wanted.items():
        if key not in stored or stored[key].value != value:
            _save(context, model(key=key, value=value, **parent), None)
    return True


# --- The activity ----------------------------------------------------------------


def _activity_type(country_count: int) -> str:
    if country_count > 2:
        return ActivityType.MULTILATERAL
    return ActivityType.BILATERAL if country_count == 2 else ActivityType.NATIONAL


def _fill_activity(activity: Activity, parsed: ParsedActivity) -> None:
    activity.title_fr = (parsed.title_fr or parsed.identifier)[:255]
    activity.title_en = parsed.title_en[:255] or activity.title_en
    activity.description_fr = parsed.description_fr or activity.description_fr
    activity.description_en = parsed.description_en or activity.description_en
    if parsed.status is not None:
        activity.status = parsed.status
    for kind, name in (
        (1, "planned_start"),
        (2, "actual_start"),
        (3, "planned_end"),
        (4, "actual_end"),
    ):
        if kind in parsed.dates:
            setattr(activity, name, parsed.dates[kind])
    activity.search_text = normalise_for_search(
        activity.code, activity.title_fr, activity.title_en, activity.description_fr
    )


def _shares(
    context: ImportContext, parsed: ParsedActivity
) -> dict[Place, Decimal] | None:
    known = [(context.places.get(code), share) for code, share in parsed.countries]
    unknown = [code for code, _share in parsed.countries if code not in context.places]
    if unknown:
        context.warn(
            parsed,
            _("unknown recipient countries skipped: %(codes)s")
            % {"codes": ", ".join(unknown)},
        )
    if not parsed.countries or unknown:
        return None
    if all(share is None for _place, share in known):
        equal = (HUNDRED / len(known)).quantize(Decimal("0.01"))
        shares = {place: equal for place, _share in known if place}
        first = next(iter(shares))
        shares[first] += HUNDRED - sum(shares.values())
        return shares
    shares = {
        place: (share or Decimal(0)).quantize(Decimal("0.01"))
        for place, share in known
        if place
    }
    if sum(shares.values()) != HUNDRED:
        context.warn(
            parsed, _("country percentages do not add up to 100; countries not changed")
        )
        return None
    return shares


def _countries(
    context: ImportContext, activity: Activity, parsed: ParsedActivity
) -> bool:
    shares = _shares(context, parsed)
    if shares is None:
        return False
    stored = list(activity.country_shares.all())
    if {s.country_id: s.share for s in stored} == {p.pk: v for p, v in shares.items()}:
        return False
    for row in stored:
        audit_deleted(actor=context.actor, instance=row, note=NOTE)
        row.delete()
    for place, share in shares.items():
        _save(
            context,
            ActivityCountry(activity=activity, country=place, share=share),
            None,
        )
    return True


def _organisation(context: ImportContext, refs: list[str]) -> Organisation | None:
    return next(
        (context.organisations[r] for r in refs if r in context.organisations), None
    )


def _budgets(
    context: ImportContext, activity: Activity, parsed: ParsedActivity
) -> bool:
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    for start, currency, value in parsed.budgets:
        if currency != "EUR":
            context.warn(
                parsed,
                _("budget in %(currency)s skipped (only euros are kept)")
                % {"currency": currency or "?"},
            )
            continue
        by_year[start.year] += value
    funder = _organisation(context, parsed.funder_refs)
    implementer = _organisation(context, parsed.implementer_refs)
    if by_year and not (funder and implementer):
        context.warn(
            parsed,
            _(
                "budgets skipped: no funding and implementing organisation with a known IATI identifier"
            ),
        )
        return False
    changed = False
    for year, amount in sorted(by_year.items()):
        line = BudgetLine.objects.filter(
            activity=activity, funder=funder, implementer=implementer, year=year
        ).first()
        before = model_snapshot(line) if line else None
        line = line or BudgetLine(
            activity=activity, funder=funder, implementer=implementer, year=year
        )
        line.planned = _q(amount, 2)  # type: ignore[assignment]
        changed |= _save(context, line, before)
    return changed


def write_activity(context: ImportContext, parsed: ParsedActivity, code: str) -> str:
    """Create or update one activity; ``"created"``, ``"updated"`` or ``"unchanged"``."""
    programme = context.programme
    activity = Activity.objects.filter(programme=programme, code=code).first()
    before = model_snapshot(activity) if activity else None
    if activity is None:
        activity = Activity(
            programme=programme,
            code=code,
            activity_type=_activity_type(len(parsed.countries)),
        )
    _fill_activity(activity, parsed)
    changed = _save(context, activity, before)
    changed |= _countries(context, activity, parsed)
    changed |= _budgets(context, activity, parsed)
    for number, result in enumerate(parsed.results, start=1):
        changed |= _result(context, activity, result, number)
    if before is None:
        return "created"
    return "updated" if changed else "unchanged"


# --- Results ---------------------------------------------------------------------


def _free_code(taken: set[str], prefix: str, number: int, limit: int = 40) -> str:
    while True:
        code = f"{prefix}{number}"[-limit:]
        if code not in taken:
            return code
        number += 1


def _result(
    context: ImportContext, activity: Activity, parsed: ParsedResult, number: int
) -> bool:
    result = Result.objects.filter(activity=activity, title_fr=parsed.title_fr).first()
    before = model_snapshot(result) if result else None
    if result is None:
        taken = set(
            Result.objects.filter(programme=activity.programme).values_list(
                "code", flat=True
            )
        )
        code = _free_code(taken, f"{activity.code}-R", number)
        result = Result(
            programme=activity.programme, activity=activity, code=code, order=number
        )
    result.title_fr = parsed.title_fr
    result.level = parsed.level
    result.title_en = parsed.title_en or result.title_en
    changed = _save(context, result, before)
    for index, indicator in enumerate(parsed.indicators, start=1):
        changed |= _indicator(context, result, indicator, index)
    return changed


def _indicator(
    context: ImportContext, result: Result, parsed: ParsedIndicator, number: int
) -> bool:
    indicator = Indicator.objects.filter(
        result=result, title_fr=parsed.title_fr
    ).first()
    before = model_snapshot(indicator) if indicator else None
    if indicator is None:
        taken = set(result.indicators.values_list("code", flat=True))
        indicator = Indicator(
            result=result, code=_free_code(taken, "I", number), order=number
        )
    qualitative = parsed.measure == IndicatorMeasure.QUALITATIVE
    indicator.title_fr = parsed.title_fr
    indicator.title_en = parsed.title_en or indicator.title_en
    indicator.kind = (
        IndicatorKind.QUALITATIVE if qualitative else IndicatorKind.QUANTITATIVE
    )
    indicator.measure = parsed.measure
    indicator.ascending = parsed.ascending
    indicator.baseline_value = _q(parsed.baseline_value, 4)
    indicator.baseline_year = parsed.baseline_year
    changed = _save(context, indicator, before)
    for period in parsed.periods:
        changed |= _period(context, indicator, period)
    return changed


def _period(context: ImportContext, indicator: Indicator, parsed: ParsedPeriod) -> bool:
    period = IndicatorPeriod.objects.filter(
        indicator=indicator, start=parsed.start, end=parsed.end
    ).first()
    before = model_snapshot(period) if period else None
    period = period or IndicatorPeriod(
        indicator=indicator, start=parsed.start, end=parsed.end
    )
    period.target_value = _q(parsed.target, 4)
    changed = _save(context, period, before)
    changed |= _replace_cells(
        context,
        period.target_breakdowns.all(),
        TargetBreakdown,
        {"period": period},
        parsed.target_cells,
    )
    if parsed.actual is not None or parsed.actual_cells or parsed.comment:
        changed |= _actual(context, period, parsed)
    return changed


def _actual(
    context: ImportContext, period: IndicatorPeriod, parsed: ParsedPeriod
) -> bool:
    """The period's overall actual, as an approved update noted "imported"."""
    update = IndicatorUpdate.objects.filter(period=period, country__isnull=True).first()
    before = model_snapshot(update) if update else None
    update = update or IndicatorUpdate(period=period, created_by=_person(context))
    update.value = _q(parsed.actual, 4)
    update.narrative = parsed.comment or update.narrative
    update.status = UpdateStatus.APPROVED
    if before is None or snapshot_diff(before, model_snapshot(update)):
        update.reviewed_by = _person(context)
        update.reviewed_at = timezone.now()
    changed = _save(context, update, before)
    changed |= _replace_cells(
        context,
        update.breakdowns.all(),
        ActualBreakdown,
        {"update": update},
        parsed.actual_cells,
    )
    return changed


def _person(context: ImportContext) -> Any:
    return context.actor if getattr(context.actor, "pk", None) else None
