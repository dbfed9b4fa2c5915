"""The results of an imported IATI activity: results, indicators and periods with
their targets go through the services of ``services.results`` (permission, checks,
``search_text``, audit as on the pages); the period's actual, which arrives already
approved, is written by ``_approved_actual_write`` (see why there).

Matching: a result by its activity and French title, an indicator by its result and
French title, a period by its indicator and dates. As in ``iati_writes``, a service
is called only with what differs from what is stored.

Breakdowns: IATI names dimensions freely, the platform breaks an indicator down by
the dimensions chosen for it (the built-in "country" and "sex", and those the
administrators add). An indicator the import creates gets the file's dimensions
that exist; an existing one keeps its own. A period's target or actual breakdowns
that the services would refuse (a dimension the indicator does not have, an unknown
value, a wrong amount) are left as they are, with a warning.
"""

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from sudsud.core.audit import audit_record, model_snapshot, snapshot_diff
from sudsud.core.models import AuditAction
from sudsud.programmes.iati.parsing import ParsedIndicator, ParsedPeriod, ParsedResult
from sudsud.programmes.models import (
    Activity,
    ActualBreakdown,
    Dimension,
    Indicator,
    IndicatorKind,
    IndicatorMeasure,
    IndicatorPeriod,
    IndicatorUpdate,
    Result,
    UpdateStatus,
    parse_breakdown_key,
)
from sudsud.programmes.permissions_results import can_reopen_update, is_own_work

from .results import (
    indicator_create,
    indicator_period_save,
    indicator_update,
    result_create,
    result_update,
)
from .results_values import amount_clean, amount_parse, breakdowns_clean

if TYPE_CHECKING:
    from .iati_writes import ImportContext

NOTE = "imported"
Cells = dict[str, Decimal]


def write_results(
    context: "ImportContext", activity: Activity, results: list[ParsedResult]
) -> bool:
    """Create or update the activity's results from the file; did anything change?"""
    changed = False
    for number, parsed in enumerate(results, start=1):
        changed |= _result(context, activity, parsed, number)
    return changed


def _free_code(taken: set[str], prefix: str, number: int, limit: int = 40) -> str:
    while True:
        code = f"{prefix}{number}"[-limit:]
        if code not in taken:
            return code
        number += 1


def _same_amount(stored: Decimal | None, raw: Decimal | None) -> bool:
    """Would the services store ``raw`` as ``stored``? (An amount they refuse
    differs, so that the service is called and says why.)"""
    if raw is None:
        return stored is None
    amount, problem = amount_parse(raw)
    return not problem and amount == stored


def _differences(
    instance: Any, fields: dict[str, Any], amounts: tuple[str, ...] = ()
) -> dict[str, Any]:
    """The ``fields`` whose value differs from the stored one."""
    return {
        name: value
        for name, value in fields.items()
        if not (
            _same_amount(getattr(instance, name), value)
            if name in amounts
            else getattr(instance, name) == value
        )
    }


# --- Results and indicators ------------------------------------------------------


def _result(
    context: "ImportContext", activity: Activity, parsed: ParsedResult, number: int
) -> bool:
    fields: dict[str, Any] = {"level": parsed.level, "title_fr": parsed.title_fr}
    if parsed.title_en:
        fields["title_en"] = parsed.title_en
    result = Result.objects.filter(activity=activity, title_fr=parsed.title_fr).first()
    if result is None:
        taken = set(
            Result.objects.filter(programme=activity.programme).values_list(
                "code", flat=True
            )
        )
        result = result_create(
            actor=context.actor,
            programme=activity.programme,
            activity=activity,
            code=_free_code(taken, f"{activity.code}-R", number),
            order=number,
            **fields,
        )
        changed = True
    else:
        changes = _differences(result, fields)
        if changes:
            result = result_update(actor=context.actor, result=result, **changes)
        changed = bool(changes)
    for index, indicator in enumerate(parsed.indicators, start=1):
        changed |= _indicator(context, result, indicator, index)
    return changed


def _indicator_fields(parsed: ParsedIndicator) -> dict[str, Any]:
    qualitative = parsed.measure == IndicatorMeasure.QUALITATIVE
    fields: dict[str, Any] = {
        "title_fr": parsed.title_fr,
        "kind": IndicatorKind.QUALITATIVE
        if qualitative
        else IndicatorKind.QUANTITATIVE,
        "measure": parsed.measure,
        "ascending": parsed.ascending,
        "baseline_value": parsed.baseline_value,
        "baseline_year": parsed.baseline_year,
    }
    if parsed.title_en:
        fields["title_en"] = parsed.title_en
    return fields


def _dimension_codes(key: str) -> set[str]:
    try:
        return set(parse_breakdown_key(key))
    except ValueError:  # not a breakdown at all: the period's checks say so
        return set()


def _file_dimensions(
    context: "ImportContext", parsed: ParsedIndicator
) -> list[Dimension]:
    """The existing dimensions the file breaks the indicator's values down by."""
    codes: set[str] = set()
    for period in parsed.periods:
        for key in [*period.target_cells, *period.actual_cells]:
            codes |= _dimension_codes(key)
    return [
        context.dimensions[code] for code in sorted(codes & context.dimensions.keys())
    ]


def _indicator(
    context: "ImportContext", result: Result, parsed: ParsedIndicator, number: int
) -> bool:
    fields = _indicator_fields(parsed)
    indicator = Indicator.objects.filter(
        result=result, title_fr=parsed.title_fr
    ).first()
    if indicator is None:
        taken = set(result.indicators.values_list("code", flat=True))
        indicator = indicator_create(
            actor=context.actor,
            result=result,
            dimensions=_file_dimensions(context, parsed),
            code=_free_code(taken, "I", number),
            order=number,
            **fields,
        )
        changed = True
    else:
        changes = _differences(indicator, fields, amounts=("baseline_value",))
        if changes:
            indicator = indicator_update(
                actor=context.actor, indicator=indicator, **changes
            )
        changed = bool(changes)
    for period in parsed.periods:
        changed |= _period(context, indicator, period)
    return changed


# --- Periods, targets and actuals ------------------------------------------------


def _clean_cells(
    context: "ImportContext",
    indicator: Indicator,
    parsed: ParsedPeriod,
    *,
    actual: bool,
) -> Cells | None:
    """The period's target (or actual) breakdowns as the services clean them, or
    ``None``, with a warning, when they would refuse them."""
    try:
        return breakdowns_clean(
            indicator, parsed.actual_cells if actual else parsed.target_cells
        )
    except ValidationError as error:
        values = {
            "indicator": str(indicator),
            "period": f"{parsed.start:%Y-%m-%d} – {parsed.end:%Y-%m-%d}",
            "reasons": " ".join(dict.fromkeys(error.messages)),  # each reason once
        }
        if actual:
            message = _(
                "the actual breakdowns of indicator %(indicator)s (%(period)s) "
                "were not imported: %(reasons)s"
            )
        else:
            message = _(
                "the target breakdowns of indicator %(indicator)s (%(period)s) "
                "were not imported: %(reasons)s"
            )
        context.warn(message % values)
        return None


def _changed_cells(cells: Cells | None, stored: Cells) -> Cells | None:
    return None if cells is None or cells == stored else cells


def _period(
    context: "ImportContext", indicator: Indicator, parsed: ParsedPeriod
) -> bool:
    period = IndicatorPeriod.objects.filter(
        indicator=indicator, start=parsed.start, end=parsed.end
    ).first()
    stored = {b.key: b.value for b in period.target_breakdowns.all()} if period else {}
    targets = _changed_cells(
        _clean_cells(context, indicator, parsed, actual=False), stored
    )
    if period is None:
        period = indicator_period_save(
            actor=context.actor,
            indicator=indicator,
            target_breakdowns=targets,
            start=parsed.start,
            end=parsed.end,
            target_value=parsed.target,
        )
        changed = True
    else:
        fields = {"target_value": parsed.target}
        changes = _differences(period, fields, amounts=("target_value",))
        changed = bool(changes) or targets is not None
        if changed:
            period = indicator_period_save(
                actor=context.actor,
                indicator=indicator,
                period=period,
                target_breakdowns=targets,
                **changes,
            )
    if parsed.actual is not None or parsed.actual_cells or parsed.comment:
        changed |= _approved_actual_write(context, indicator, period, parsed)
    return changed


def _person(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


def _approved_actual_write(
    context: "ImportContext",
    indicator: Indicator,
    period: IndicatorPeriod,
    parsed: ParsedPeriod,
) -> bool:
    """The period's overall actual (no country), written as approved, noted
    "imported"; did it change?

    Written here rather than by the reporting services because none fits: an
    IATI file carries values already reported and approved in the publishing
    system, for the activity as a whole, whereas ``indicator_update_save`` writes
    drafts, country by country for an activity's indicators
    (``update_country_check``), and approving is a later step by another person
    (four eyes). So this applies the services' checks itself: programme
    administrators only (approving and reopening any value is theirs),
    ``amount_clean`` and ``breakdowns_clean`` for the value and its breakdowns,
    ``full_clean()``, four eyes (an actual awaiting approval that the importing
    person submitted is not approved by their file), and one audit entry with
    what changed (none if nothing did).
    """
    actor = context.actor
    if actor is not None and not can_reopen_update(actor):
        raise PermissionDenied(
            _("Only programme administrators import approved actuals.")
        )
    update = (
        IndicatorUpdate.objects.select_for_update()
        .filter(period=period, country__isnull=True)
        .order_by("pk")  # no join on country: FOR UPDATE refuses outer joins
        .first()
    )
    if update is not None:
        _check_four_eyes(actor, indicator, update)
    stored = {b.key: b.value for b in update.breakdowns.all()} if update else {}
    cells = _changed_cells(
        _clean_cells(context, indicator, parsed, actual=True), stored
    )
    before = model_snapshot(update) if update else None
    update = update or IndicatorUpdate(period=period, created_by=_person(actor))
    update.value = amount_clean("value", parsed.actual)
    update.narrative = parsed.comment or update.narrative
    update.status = UpdateStatus.APPROVED
    unchanged = before is not None and not snapshot_diff(before, model_snapshot(update))
    if unchanged and cells is None:
        return False
    update.reviewed_by, update.reviewed_at = _person(actor), timezone.now()
    update.full_clean(exclude=["created_by"])
    update.save()
    _audit_actual(actor, update, before, _replace_actual_cells(update, stored, cells))
    return True


def _check_four_eyes(actor: Any, indicator: Indicator, update: IndicatorUpdate) -> None:
    """The reporting workflow's rule: nobody approves what they submitted."""
    if update.status == UpdateStatus.SUBMITTED and is_own_work(actor, update):
        period = update.period
        raise PermissionDenied(
            _(
                "You submitted the overall actual of indicator %(indicator)s "
                "(%(period)s), which awaits approval: another person approves or "
                "returns it before a file replaces it."
            )
            % {
                "indicator": indicator,
                "period": f"{period.start:%Y-%m-%d} – {period.end:%Y-%m-%d}",
            }
        )


def _replace_actual_cells(
    update: IndicatorUpdate, stored: Cells, cells: Cells | None
) -> dict[str, list[Any]]:
    if cells is None:
        return {}
    update.breakdowns.all().delete()
    ActualBreakdown.objects.bulk_create(
        ActualBreakdown(update=update, key=key, value=value)
        for key, value in cells.items()
    )
    as_text = [{k: str(v) for k, v in values.items()} for values in (stored, cells)]
    return {"breakdowns": as_text}


def _audit_actual(
    actor: Any, update: IndicatorUpdate, before: dict | None, extra: dict
) -> None:
    after = model_snapshot(update)
    if before is None:
        action = AuditAction.CREATE
        changes = {k: [None, v] for k, v in after.items() if v not in (None, "")}
    else:
        action = AuditAction.UPDATE
        changes = snapshot_diff(before, after)
        changes.pop("updated_at", None)
    audit_record(
        actor=actor,
        action=action,
        instance=update,
        changes={**changes, **extra},
        note=NOTE,
    )
