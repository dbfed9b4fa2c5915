"""Writes of the results framework: results, indicators, periods with their targets,
and the built-in breakdown dimensions.

Who may write is decided in ``programmes.permissions_results`` (editing roles in
scope of the countries of what the result is attached to). Every service validates
with ``full_clean()``, records an audit entry and returns the object.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sudsud.accounts.scopes import scope_for
from sudsud.core.audit import audit_created, audit_record, model_snapshot, snapshot_diff
from sudsud.core.models import AuditAction
from sudsud.core.services import check_fields
from sudsud.core.text import normalise_for_search
from sudsud.programmes.models import (
    Dimension,
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
from sudsud.programmes.permissions_results import can_edit_result
from sudsud.programmes.selectors.reference import programme_current_for_user
from sudsud.programmes.selectors.results import LEVEL_RANK

from .results_dimensions import dimensions_ensure
from .results_values import amount_clean, breakdown_summary, breakdowns_clean

# Used from here by the reporting services, the demo data and the tests.
__all__ = ["breakdowns_clean", "dimensions_ensure"]

# In the order the result form and the API's write serializer show them.
RESULT_FIELDS = (
    *("level", "code", "title_fr", "title_en", "description"),
    *("plan", "activity", "parent", "order"),
)
# In the order the indicator form shows them; the API adds "result" and "dimensions".
INDICATOR_FIELDS = (
    *("code", "title_fr", "title_en", "description", "kind", "measure", "unit"),
    *("ascending", "aggregation", "baseline_value", "baseline_year"),
    *("baseline_comment", "parent", "order"),
)
PERIOD_FIELDS = frozenset({"start", "end", "target_value", "target_comment"})
COUNTRY, SEX = "country", "sex"
# Once a period has an approved actual, only programme administrators change these.
LOCKED_INDICATOR_FIELDS = ("kind", "measure", "aggregation")
LOCKED_PERIOD_FIELDS = ("start", "end")


def _require_result(actor: Any, result: Result) -> None:
    if actor is not None and not can_edit_result(actor, result):
        raise PermissionDenied(
            _("You may not change the results of this programme, plan or activity.")
        )


def _save_audited(
    actor: Any, instance: Any, before: dict, extra: dict, note: str = ""
) -> None:
    """Save and audit ``instance`` if it changed (a changed ``search_text`` alone
    is saved, not audited)."""
    changes = {**snapshot_diff(before, model_snapshot(instance)), **extra}
    search_changed = getattr(instance, "_search_before", None) not in (
        None,
        getattr(instance, "search_text", None),
    )
    if changes or search_changed:
        instance.save()
    if changes:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=instance,
            changes=changes,
            note=note,
        )


def _has_approved_actual(**lookup: Any) -> bool:
    return IndicatorUpdate.objects.filter(
        status=UpdateStatus.APPROVED, **lookup
    ).exists()


def _guard_approved(actor: Any, changed: list[str], **lookup: Any) -> str:
    """Refuse changing ``changed`` fields once an actual is approved, unless the
    actor is a programme administrator (or the system); returns the audit note."""
    if not changed or not _has_approved_actual(**lookup):
        return ""
    if actor is not None and not scope_for(actor).is_programme_admin:
        raise ValidationError(
            {
                name: _(
                    "An actual is already approved for this indicator: only a "
                    "programme administrator may change this."
                )
                for name in changed
            }
        )
    return _("Changed after an actual was approved.")


# --- Results -----------------------------------------------------------------


def _check_result(result: Result) -> None:
    errors: dict[str, str] = {}
    if result.plan_id and result.activity_id:
        errors["plan"] = _("Attach the result to a plan or to an activity, not both.")
    for name in ("plan", "activity", "parent"):
        linked = getattr(result, name)
        if linked is not None and linked.programme_id != result.programme_id:
            errors[name] = _("It belongs to another programme.")
    parent = result.parent
    if parent is not None and LEVEL_RANK[parent.level] >= LEVEL_RANK[result.level]:
        errors["parent"] = _(
            "A result can only sit under a result of a higher level "
            "(impact, then outcome, then output)."
        )
    if errors:
        raise ValidationError(errors)


def _result_search_text(result: Result) -> str:
    return normalise_for_search(result.code, result.title_fr, result.title_en)


def _indicator_search_text(indicator: Indicator) -> str:
    return normalise_for_search(indicator.code, indicator.title_fr, indicator.title_en)


def result_programme(*, user: Any, fields: Mapping[str, Any]) -> Programme:
    """The programme a new result belongs to: its activity's or plan's, else the
    user's current one."""
    link = fields.get("activity") or fields.get("plan")
    programme = link.programme if link else programme_current_for_user(user=user)
    if programme is None:
        raise ValidationError(_("The programme's reference data is not loaded yet."))
    return programme


@transaction.atomic
def result_create(*, actor: Any, programme: Programme, **fields: Any) -> Result:
    check_fields(fields, RESULT_FIELDS)
    result = Result(programme=programme, **fields)
    _require_result(actor, result)
    _check_result(result)
    result.search_text = _result_search_text(result)
    result.full_clean()
    result.save()
    audit_created(actor=actor, instance=result)
    return result


@transaction.atomic
def result_update(*, actor: Any, result: Result, **fields: Any) -> Result:
    check_fields(fields, RESULT_FIELDS)
    current = Result.objects.select_for_update().get(pk=result.pk)
    _require_result(actor, current)
    before = model_snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    _require_result(actor, current)  # not moved out of the actor's scope either
    _check_result(current)
    current._search_before = current.search_text  # type: ignore[attr-defined]
    current.search_text = _result_search_text(current)
    current.full_clean()
    _save_audited(actor, current, before, {})
    return current


# --- Indicators ----------------------------------------------------------------


def _check_parent(actor: Any, indicator: Indicator) -> str:
    """Why ``indicator.parent`` is refused ("" when it is fine): another
    programme, a loop, a result the actor may not edit, or not a higher level."""
    parent = indicator.parent
    if parent is None:
        return ""
    if parent.result.programme_id != indicator.result.programme_id:
        return _("It belongs to another programme.")
    ancestor: Indicator | None = parent
    while ancestor is not None:
        if indicator.pk is not None and ancestor.pk == indicator.pk:
            return _("An indicator cannot contribute to itself.")
        ancestor = ancestor.parent
    if actor is not None and not can_edit_result(actor, parent.result):
        return _("You may only feed indicators of results you may change.")
    if LEVEL_RANK[parent.result.level] >= LEVEL_RANK[indicator.result.level]:
        return _(
            "An indicator can only contribute to an indicator of a higher level "
            "(impact, then outcome, then output)."
        )
    return ""


def _check_indicator(actor: Any, indicator: Indicator, *, parent_changed: bool) -> None:
    errors: dict[str, str] = {}
    if indicator.kind == IndicatorKind.QUALITATIVE:
        indicator.measure = IndicatorMeasure.QUALITATIVE
    elif indicator.measure == IndicatorMeasure.QUALITATIVE:
        errors["measure"] = _("A quantitative indicator needs a numeric measure.")
    indicator.baseline_value = _amount_field(
        errors, "baseline_value", indicator.baseline_value
    )
    problem = _check_parent(actor, indicator) if parent_changed else ""
    if problem:
        errors["parent"] = problem
    if errors:
        raise ValidationError(errors)


def _amount_field(errors: dict[str, str], name: str, value: Any) -> Any:
    try:
        return amount_clean(name, value)
    except ValidationError as error:
        errors[name] = error.message_dict[name][0]
        return value


@transaction.atomic
def indicator_create(
    *,
    actor: Any,
    result: Result,
    dimensions: Iterable[Dimension] = (),
    **fields: Any,
) -> Indicator:
    check_fields(fields, INDICATOR_FIELDS)
    _require_result(actor, result)
    indicator = Indicator(result=result, **fields)
    _check_indicator(actor, indicator, parent_changed=True)
    indicator.search_text = _indicator_search_text(indicator)
    indicator.full_clean()
    indicator.save()
    indicator.dimensions.set(list(dimensions))
    codes = sorted(d.code for d in indicator.dimensions.all())
    audit_created(actor=actor, instance=indicator, note=", ".join(codes))
    return indicator


def _dimension_change(
    indicator: Indicator, dimensions: Iterable[Dimension] | None
) -> tuple[list[Dimension] | None, dict[str, list[Any]]]:
    if dimensions is None:
        return None, {}
    chosen = list(dimensions)
    old = sorted(d.code for d in indicator.dimensions.all())
    new = sorted(d.code for d in chosen)
    return (chosen, {"dimensions": [old, new]}) if old != new else (None, {})


@transaction.atomic
def indicator_update(
    *,
    actor: Any,
    indicator: Indicator,
    dimensions: Iterable[Dimension] | None = None,
    **fields: Any,
) -> Indicator:
    """Change an indicator. Once one of its periods has an approved actual, its
    kind, measure, roll-up method and breakdowns change only by a programme
    administrator (audited with a note)."""
    check_fields(fields, INDICATOR_FIELDS)
    current = Indicator.objects.select_for_update().get(pk=indicator.pk)
    _require_result(actor, current.result)
    before = model_snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    _check_indicator(
        actor, current, parent_changed=current.parent_id != before["parent"]
    )
    chosen, extra = _dimension_change(current, dimensions)
    changed = [n for n in LOCKED_INDICATOR_FIELDS if getattr(current, n) != before[n]]
    note = _guard_approved(actor, changed + list(extra), period__indicator=current)
    current._search_before = current.search_text  # type: ignore[attr-defined]
    current.search_text = _indicator_search_text(current)
    current.full_clean()
    if chosen is not None:
        current.dimensions.set(chosen)
    _save_audited(actor, current, before, extra, note)
    return current


# --- Breakdowns and targets ------------------------------------------------------


def _check_overlap(period: IndicatorPeriod) -> None:
    others = IndicatorPeriod.objects.filter(
        indicator=period.indicator, start__lte=period.end, end__gte=period.start
    ).exclude(pk=period.pk)
    other = others.first()
    if other is not None:
        raise ValidationError(
            {"start": _("This period overlaps %(other)s.") % {"other": other}}
        )


def _period_note(actor: Any, current: IndicatorPeriod, before: dict | None) -> str:
    """Dates are locked once the period has an approved actual (administrators
    excepted); target changes stay allowed and are noted in the audit entry."""
    if before is None:
        return ""
    dates = [n for n in LOCKED_PERIOD_FIELDS if str(getattr(current, n)) != before[n]]
    note = _guard_approved(actor, dates, period=current)
    target_changed = current.target_value != _decimal(before["target_value"])
    if not note and target_changed and _has_approved_actual(period=current):
        note = _("Target changed after an actual was approved.")
    return note


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


@transaction.atomic
def indicator_period_save(
    *,
    actor: Any,
    indicator: Indicator,
    period: IndicatorPeriod | None = None,
    target_breakdowns: Mapping[str, Any] | None = None,
    **fields: Any,
) -> IndicatorPeriod:
    """Create (``period=None``) or change a period with its target and target
    breakdowns; ``target_breakdowns=None`` leaves the breakdowns as they are."""
    check_fields(fields, PERIOD_FIELDS)
    _require_result(actor, indicator.result)
    current = (
        IndicatorPeriod(indicator=indicator)
        if period is None
        else IndicatorPeriod.objects.select_for_update().get(
            pk=period.pk, indicator=indicator
        )
    )
    before = model_snapshot(current) if current.pk else None
    for name, value in fields.items():
        setattr(current, name, value)
    current.target_value = amount_clean("target_value", current.target_value)
    current.full_clean()
    _check_overlap(current)
    note = _period_note(actor, current, before)
    clean = None
    if target_breakdowns is not None:
        clean = breakdowns_clean(
            indicator, target_breakdowns, total=current.target_value
        )
    current.save()
    extra = _replace_targets(current, clean)
    if before is None:
        audit_created(actor=actor, instance=current, note=breakdown_summary(clean))
    else:
        summary = breakdown_summary(clean) if extra else ""
        _save_audited(
            actor, current, before, extra, "; ".join(filter(None, [note, summary]))
        )
    return current


def _replace_targets(
    period: IndicatorPeriod, clean: dict[str, Decimal] | None
) -> dict[str, list[Any]]:
    if clean is None:
        return {}
    old = {b.key: str(b.value) for b in period.target_breakdowns.all()}
    new = {key: str(value) for key, value in clean.items()}
    if {k: Decimal(v) for k, v in old.items()} == clean:
        return {}
    period.target_breakdowns.all().delete()
    TargetBreakdown.objects.bulk_create(
        TargetBreakdown(period=period, key=key, value=value)
        for key, value in clean.items()
    )
    return {"target_breakdowns": [old, new]}
