"""Writes of the results framework: results, indicators, periods with their targets,
and the built-in breakdown dimensions.

Who may write is decided in ``programmes.permissions_results`` (editing roles in
scope of the countries of what the result is attached to). Every service validates
with ``full_clean()``, records an audit entry and returns the object.
"""

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sudsud.core.audit import audit_created, audit_record, model_snapshot, snapshot_diff
from sudsud.core.models import AuditAction
from sudsud.places.models import Place
from sudsud.programmes.models import (
    Dimension,
    DimensionValue,
    Indicator,
    IndicatorKind,
    IndicatorMeasure,
    IndicatorPeriod,
    PartnerCountry,
    Programme,
    Result,
    ResultLevel,
    TargetBreakdown,
    breakdown_key,
    parse_breakdown_key,
)
from sudsud.programmes.permissions_results import can_edit_result

RESULT_FIELDS = frozenset(
    {"plan", "activity", "parent", "level", "code", "title_fr", "title_en"}
    | {"description", "order"}
)
INDICATOR_FIELDS = frozenset(
    {"parent", "code", "title_fr", "title_en", "description", "kind", "measure"}
    | {"unit", "ascending", "aggregation", "baseline_value", "baseline_year"}
    | {"baseline_comment", "order"}
)
PERIOD_FIELDS = frozenset({"start", "end", "target_value", "target_comment"})
LEVEL_RANK: dict[str, int] = {
    ResultLevel.IMPACT: 0,
    ResultLevel.OUTCOME: 1,
    ResultLevel.OUTPUT: 2,
}
COUNTRY, SEX = "country", "sex"


def _check_fields(fields: Mapping[str, Any], allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


def _require_result(actor: Any, result: Result) -> None:
    if actor is not None and not can_edit_result(actor, result):
        raise PermissionDenied(
            _("You may not change the results of this programme, plan or activity.")
        )


def _save_audited(actor: Any, instance: Any, before: dict, extra: dict) -> None:
    changes = {**snapshot_diff(before, model_snapshot(instance)), **extra}
    if changes:
        instance.save()
        audit_record(
            actor=actor, action=AuditAction.UPDATE, instance=instance, changes=changes
        )


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


@transaction.atomic
def result_create(*, actor: Any, programme: Programme, **fields: Any) -> Result:
    _check_fields(fields, RESULT_FIELDS)
    result = Result(programme=programme, **fields)
    _require_result(actor, result)
    _check_result(result)
    result.full_clean()
    result.save()
    audit_created(actor=actor, instance=result)
    return result


@transaction.atomic
def result_update(*, actor: Any, result: Result, **fields: Any) -> Result:
    _check_fields(fields, RESULT_FIELDS)
    current = Result.objects.select_for_update().get(pk=result.pk)
    _require_result(actor, current)
    before = model_snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    _require_result(actor, current)  # not moved out of the actor's scope either
    _check_result(current)
    current.full_clean()
    _save_audited(actor, current, before, {})
    return current


# --- Indicators ----------------------------------------------------------------


def _check_indicator(indicator: Indicator) -> None:
    errors: dict[str, str] = {}
    if indicator.kind == IndicatorKind.QUALITATIVE:
        indicator.measure = IndicatorMeasure.QUALITATIVE
    elif indicator.measure == IndicatorMeasure.QUALITATIVE:
        errors["measure"] = _("A quantitative indicator needs a numeric measure.")
    parent = indicator.parent
    if parent is not None:
        if parent.result.programme_id != indicator.result.programme_id:
            errors["parent"] = _("It belongs to another programme.")
        ancestor: Indicator | None = parent
        while ancestor is not None:
            if indicator.pk is not None and ancestor.pk == indicator.pk:
                errors["parent"] = _("An indicator cannot contribute to itself.")
                break
            ancestor = ancestor.parent
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def indicator_create(
    *,
    actor: Any,
    result: Result,
    dimensions: Iterable[Dimension] = (),
    **fields: Any,
) -> Indicator:
    _check_fields(fields, INDICATOR_FIELDS)
    _require_result(actor, result)
    indicator = Indicator(result=result, **fields)
    _check_indicator(indicator)
    indicator.full_clean()
    indicator.save()
    indicator.dimensions.set(list(dimensions))
    codes = sorted(d.code for d in indicator.dimensions.all())
    audit_created(actor=actor, instance=indicator, note=", ".join(codes))
    return indicator


@transaction.atomic
def indicator_update(
    *,
    actor: Any,
    indicator: Indicator,
    dimensions: Iterable[Dimension] | None = None,
    **fields: Any,
) -> Indicator:
    _check_fields(fields, INDICATOR_FIELDS)
    current = Indicator.objects.select_for_update().get(pk=indicator.pk)
    _require_result(actor, current.result)
    before = model_snapshot(current)
    for name, value in fields.items():
        setattr(current, name, value)
    _check_indicator(current)
    current.full_clean()
    extra: dict[str, list[Any]] = {}
    if dimensions is not None:
        old = sorted(d.code for d in current.dimensions.all())
        new = sorted(d.code for d in dimensions)
        if old != new:
            current.dimensions.set(list(dimensions))
            extra["dimensions"] = [old, new]
    _save_audited(actor, current, before, extra)
    return current


# --- Breakdowns and targets ------------------------------------------------------


def _cell_errors(
    cells: dict[str, str], known: set[tuple[str, str]], dimensions: set[str]
) -> list[str]:
    errors = []
    for dimension, value in sorted(cells.items()):
        if dimension not in dimensions:
            errors.append(
                _("The indicator is not broken down by “%(dimension)s”.")
                % {"dimension": dimension}
            )
        elif (dimension, value) not in known:
            errors.append(
                _("“%(value)s” is not a value of the dimension “%(dimension)s”.")
                % {"value": value, "dimension": dimension}
            )
    return errors


def _amount(key: str, raw: Any) -> tuple[Decimal | None, str]:
    try:
        amount = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        return None, _("The breakdown “%(key)s” must be a number.") % {"key": key}
    if not amount.is_finite():
        return None, _("The breakdown “%(key)s” must be a number.") % {"key": key}
    if amount < 0:
        return None, _("The breakdown “%(key)s” cannot be negative.") % {"key": key}
    return amount, ""


def breakdowns_clean(
    indicator: Indicator, values: Mapping[str, Any], *, country: Place | None = None
) -> dict[str, Decimal]:
    """Canonical keys → amounts ≥ 0; empty cells are left out. Raises a
    ``ValidationError`` on ``breakdowns`` listing every problem."""
    dimensions = {d.code for d in indicator.dimensions.all()}
    known = set(
        DimensionValue.objects.filter(dimension__code__in=dimensions).values_list(
            "dimension__code", "code"
        )
    )
    clean: dict[str, Decimal] = {}
    errors: list[str] = []
    for raw_key, raw in values.items():
        if raw is None or str(raw).strip() == "":
            continue
        try:
            cells = parse_breakdown_key(raw_key)
        except ValueError:
            errors.append(_("“%(key)s” is not a valid breakdown.") % {"key": raw_key})
            continue
        problems = _cell_errors(cells, known, dimensions)
        if country is not None and cells.get(COUNTRY, country.iso3) != country.iso3:
            problems.append(
                _("The breakdown “%(key)s” is for another country.") % {"key": raw_key}
            )
        amount, problem = _amount(raw_key, raw)
        errors += problems + ([problem] if problem else [])
        if amount is not None and not problems and cells:
            clean[breakdown_key(cells)] = amount
    if errors:
        raise ValidationError({"breakdowns": errors})
    return clean


def _check_overlap(period: IndicatorPeriod) -> None:
    others = IndicatorPeriod.objects.filter(
        indicator=period.indicator, start__lte=period.end, end__gte=period.start
    ).exclude(pk=period.pk)
    other = others.first()
    if other is not None:
        raise ValidationError(
            {"start": _("This period overlaps %(other)s.") % {"other": other}}
        )


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
    _check_fields(fields, PERIOD_FIELDS)
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
    current.full_clean()
    _check_overlap(current)
    clean = None
    if target_breakdowns is not None:
        clean = breakdowns_clean(indicator, target_breakdowns)
    current.save()
    extra = _replace_targets(current, clean)
    if before is None:
        audit_created(actor=actor, instance=current, note=_breakdown_note(clean))
    else:
        _save_audited(actor, current, before, extra)
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


def _breakdown_note(clean: dict[str, Decimal] | None) -> str:
    return "; ".join(f"{key}: {value}" for key, value in sorted((clean or {}).items()))


# --- Built-in dimensions ------------------------------------------------------------

SYSTEM_DIMENSIONS = {
    COUNTRY: ("Pays", "Country", "البلد", 0),
    SEX: ("Sexe", "Sex", "الجنس", 1),
}
SEX_VALUES = {
    "female": ("Femmes", "Women", "نساء", 0),
    "male": ("Hommes", "Men", "رجال", 1),
}


def _ensure_dimension(code: str) -> tuple[Dimension, int]:
    fr, en, ar, order = SYSTEM_DIMENSIONS[code]
    dimension, created = Dimension.objects.get_or_create(
        code=code,
        defaults={
            "name_fr": fr,
            "name_en": en,
            "name_ar": ar,
            "order": order,
            "is_system": True,
        },
    )
    if created:
        audit_created(actor=None, instance=dimension)
    return dimension, int(created)


def _ensure_value(dimension: Dimension, code: str, defaults: dict[str, Any]) -> int:
    value, created = DimensionValue.objects.get_or_create(
        dimension=dimension, code=code, defaults=defaults
    )
    if created:
        audit_created(actor=None, instance=value)
    return int(created)


@transaction.atomic
def dimensions_ensure(*, actor: Any = None) -> dict[str, int]:
    """Create the built-in dimensions "country" (one value per partner country,
    code = ISO3) and "sex" (female, male) where missing; never changes existing
    rows. Returns how many dimensions and values were created."""
    country, made = _ensure_dimension(COUNTRY)
    sex, more = _ensure_dimension(SEX)
    values = 0
    places = Place.objects.filter(
        pk__in=PartnerCountry.objects.values("country_id")
    ).exclude(iso3="")
    for order, place in enumerate(places.order_by("name_fr")):
        names: dict[str, Any] = {"name_fr": place.name_fr, "name_en": place.name_en}
        names |= {"name_ar": place.name_ar, "place": place, "order": order}
        values += _ensure_value(country, place.iso3, names)
    for code, (fr, en, ar, order) in SEX_VALUES.items():
        names = {"name_fr": fr, "name_en": en, "name_ar": ar, "order": order}
        values += _ensure_value(sex, code, names)
    return {"dimensions": made + more, "dimension_values": values}
