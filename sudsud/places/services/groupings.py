"""Groupings and their dated memberships."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from sudsud.core.audit import (
    audit_created,
    audit_deleted,
    audit_updated,
    model_snapshot,
)
from sudsud.places.models import Grouping, GroupingKind, GroupingMembership, Place

from .common import grouping_search_text, require_admin


@dataclass(frozen=True)
class GroupingInput:
    slug: str
    name_fr: str
    name_en: str
    name_ar: str = ""
    kind: str = GroupingKind.OTHER
    m49_code: int | None = None
    source: str = ""


def _apply(grouping: Grouping, data: GroupingInput) -> None:
    for name in ("slug", "name_fr", "name_en", "name_ar", "kind", "m49_code", "source"):
        setattr(grouping, name, getattr(data, name))
    grouping.search_text = grouping_search_text(grouping)


@transaction.atomic
def grouping_create(*, actor: Any, data: GroupingInput) -> Grouping:
    require_admin(actor)
    grouping = Grouping()
    _apply(grouping, data)
    grouping.full_clean()
    grouping.save()
    audit_created(actor=actor, instance=grouping)
    return grouping


@transaction.atomic
def grouping_update(*, actor: Any, grouping: Grouping, data: GroupingInput) -> Grouping:
    require_admin(actor)
    before = model_snapshot(grouping)
    _apply(grouping, data)
    grouping.full_clean()
    grouping.save()
    audit_updated(actor=actor, instance=grouping, before=before)
    return grouping


def _overlaps(first: GroupingMembership, second: GroupingMembership) -> bool:
    """Whether two periods share a day; an empty date is an open end."""
    return (first.start_date or dt.date.min) <= (second.end_date or dt.date.max) and (
        second.start_date or dt.date.min
    ) <= (first.end_date or dt.date.max)


def _validate_period(membership: GroupingMembership) -> None:
    start, end = membership.start_date, membership.end_date
    if start and end and end < start:
        raise ValidationError(
            {"end_date": _("The end date must be on or after the start date.")}
        )
    others = GroupingMembership.objects.filter(
        grouping_id=membership.grouping_id, place_id=membership.place_id
    ).exclude(pk=membership.pk)
    if any(_overlaps(membership, other) for other in others):
        raise ValidationError(
            _(
                "%(place)s is already a member of %(grouping)s during part of this "
                "period. Change the dates of the existing membership instead."
            )
            % {"place": membership.place, "grouping": membership.grouping}
        )


def validated_membership_save(membership: GroupingMembership) -> None:
    """Check the period, then the model, then save (shared with the loader)."""
    _validate_period(membership)
    membership.full_clean()
    membership.save()


@transaction.atomic
def grouping_membership_add(
    *,
    actor: Any,
    grouping: Grouping,
    place: Place,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    note: str = "",
) -> GroupingMembership:
    require_admin(actor)
    membership = GroupingMembership(
        grouping=grouping,
        place=place,
        start_date=start_date,
        end_date=end_date,
        note=note,
    )
    validated_membership_save(membership)
    audit_created(actor=actor, instance=membership)
    return membership


@transaction.atomic
def grouping_membership_update(
    *,
    actor: Any,
    membership: GroupingMembership,
    start_date: dt.date | None,
    end_date: dt.date | None,
    note: str = "",
) -> GroupingMembership:
    require_admin(actor)
    before = model_snapshot(membership)
    membership.start_date, membership.end_date = start_date, end_date
    membership.note = note
    validated_membership_save(membership)
    audit_updated(actor=actor, instance=membership, before=before)
    return membership


@transaction.atomic
def grouping_membership_remove(*, actor: Any, membership: GroupingMembership) -> None:
    require_admin(actor)
    audit_deleted(actor=actor, instance=membership)
    membership.delete()
