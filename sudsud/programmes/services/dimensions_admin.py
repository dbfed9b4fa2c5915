"""Breakdown dimensions managed by programme administrators.

Targets and actuals are broken down along dimensions; a breakdown cell is stored
under a key such as ``country=SEN;sex=female``. So:

* the built-in dimensions (``is_system``: country, sex) keep their code and their
  values (country values follow the partner countries, see ``dimensions_ensure``);
  their names and order may be edited;
* a code (of a dimension or of a value) cannot change while a target or actual
  breakdown uses it, and a dimension or value cannot be deleted while one does
  (nor a dimension while an indicator is broken down along it).
"""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sudsud.accounts.scopes import scope_for
from sudsud.core.audit import (
    audit_created,
    audit_deleted,
    audit_updated,
    model_snapshot,
)
from sudsud.programmes.models import (
    ActualBreakdown,
    Dimension,
    DimensionValue,
    Indicator,
    TargetBreakdown,
)


@dataclass(frozen=True)
class DimensionData:
    """The editable fields of a dimension or of a dimension value."""

    code: str
    name_fr: str
    name_en: str
    name_ar: str = ""
    order: int = 0


def can_manage_dimensions(user: Any) -> bool:
    return scope_for(user).is_programme_admin


def _require_admin(actor: Any) -> None:
    if not can_manage_dimensions(actor):
        raise PermissionDenied(_("Only programme administrators manage dimensions."))


def _cell_q(cell: str) -> Q:
    """Breakdown keys holding ``cell`` (``sex=`` or ``sex=female``) as a whole
    part: at the start or after ``;``, and (for a full cell) followed by ``;`` or
    the end. ``sex=`` never matches ``age-sex=``."""
    if cell.endswith("="):
        return Q(key__startswith=cell) | Q(key__contains=f";{cell}")
    return (
        Q(key=cell)
        | Q(key__startswith=f"{cell};")
        | Q(key__contains=f";{cell};")
        | Q(key__endswith=f";{cell}")
    )


def breakdowns_using(cell: str) -> int:
    """How many target and actual breakdown cells use ``cell``."""
    condition = _cell_q(cell)
    return (
        TargetBreakdown.objects.filter(condition).count()
        + ActualBreakdown.objects.filter(condition).count()
    )


def _in_use_error(field: str, count: int) -> ValidationError:
    message = ngettext(
        "%(count)s target or actual breakdown figure uses it: it cannot be changed or deleted.",
        "%(count)s target or actual breakdown figures use it: it cannot be changed or deleted.",
        count,
    ) % {"count": count}
    return ValidationError({field: [message]})


def _check_code_change(old: str, new: str, cell: str) -> None:
    if old and old != new and (count := breakdowns_using(cell)):
        raise _in_use_error("code", count)


def _apply(instance: Any, data: DimensionData) -> None:
    instance.code = data.code.strip()
    instance.name_fr, instance.name_en = data.name_fr.strip(), data.name_en.strip()
    instance.name_ar, instance.order = data.name_ar.strip(), data.order


def _save(actor: Any, instance: Any, before: dict[str, Any] | None) -> Any:
    try:
        instance.full_clean()
    except ValidationError as error:
        raise ValidationError(error.message_dict) from error
    instance.save()
    if before is None:
        audit_created(actor=actor, instance=instance)
    else:
        audit_updated(actor=actor, instance=instance, before=before)
    return instance


@transaction.atomic
def dimension_save(
    *, actor: Any, dimension: Dimension | None = None, data: DimensionData
) -> Dimension:
    """Create a dimension, or change ``dimension`` (a built-in one keeps its code;
    a code in use keeps it too)."""
    _require_admin(actor)
    if dimension is None:
        target, before = Dimension(), None
    else:
        target = Dimension.objects.select_for_update().get(pk=dimension.pk)
        before = model_snapshot(target)
    old_code = target.code
    _apply(target, data)
    if target.is_system and old_code != target.code:
        raise ValidationError({"code": [_("A built-in dimension keeps its code.")]})
    _check_code_change(old_code, target.code, f"{old_code}=")
    return _save(actor, target, before)


@transaction.atomic
def dimension_delete(*, actor: Any, dimension: Dimension) -> None:
    """Delete a dimension nobody uses, with its values."""
    _require_admin(actor)
    target = Dimension.objects.select_for_update().get(pk=dimension.pk)
    if target.is_system:
        raise ValidationError(_("A built-in dimension cannot be deleted."))
    if count := breakdowns_using(f"{target.code}="):
        raise _in_use_error("code", count)
    if Indicator.dimensions.through.objects.filter(dimension=target).exists():
        raise ValidationError(
            _(
                "Indicators are broken down along this dimension: remove it from them first."
            )
        )
    audit_deleted(actor=actor, instance=target)
    for value in target.values.all():
        audit_deleted(actor=actor, instance=value)
    target.delete()


@transaction.atomic
def dimension_value_save(
    *,
    actor: Any,
    dimension: Dimension,
    value: DimensionValue | None = None,
    data: DimensionData,
) -> DimensionValue:
    """Add a value to ``dimension`` or change ``value``. A built-in dimension
    gains no value and its values keep their code."""
    _require_admin(actor)
    if value is None:
        if dimension.is_system:
            raise ValidationError(_("A built-in dimension gains no new value."))
        target, before = DimensionValue(dimension=dimension), None
    else:
        target = DimensionValue.objects.select_for_update().get(
            pk=value.pk, dimension=dimension
        )
        before = model_snapshot(target)
    old_code = target.code
    _apply(target, data)
    if dimension.is_system and old_code != target.code:
        raise ValidationError({"code": [_("A built-in value keeps its code.")]})
    _check_code_change(old_code, target.code, f"{dimension.code}={old_code}")
    return _save(actor, target, before)


@transaction.atomic
def dimension_value_delete(*, actor: Any, value: DimensionValue) -> None:
    """Delete a value of a non-built-in dimension that no breakdown uses."""
    _require_admin(actor)
    target = DimensionValue.objects.select_related("dimension").get(pk=value.pk)
    if target.dimension.is_system:
        raise ValidationError(
            _("The values of a built-in dimension cannot be deleted.")
        )
    if count := breakdowns_using(f"{target.dimension.code}={target.code}"):
        raise _in_use_error("code", count)
    audit_deleted(actor=actor, instance=target)
    target.delete()
