"""Reads of the audit trail."""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet

from .models import AuditEntry


def audit_entries_for(instance: models.Model) -> QuerySet[AuditEntry]:
    """The history of one record, newest first."""
    content_type = ContentType.objects.get_for_model(instance, for_concrete_model=True)
    return AuditEntry.objects.filter(
        content_type=content_type, object_id=str(instance.pk)
    ).select_related("actor")


def audit_list(
    *,
    actor_id: int | None = None,
    content_type_id: int | None = None,
    action: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    q: str = "",
) -> QuerySet[AuditEntry]:
    """The whole trail, newest first, narrowed by the filters that are given.

    Only programme administrators may read it: callers check that first. Dates are
    days in the platform's time zone, both ends included; ``q`` searches the name the
    record had when it changed.
    """
    entries = AuditEntry.objects.select_related("actor", "content_type")
    if actor_id is not None:
        entries = entries.filter(actor_id=actor_id)
    if content_type_id is not None:
        entries = entries.filter(content_type_id=content_type_id)
    if action:
        entries = entries.filter(action=action)
    if date_from is not None:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to is not None:
        entries = entries.filter(created_at__date__lte=date_to)
    if q.strip():
        entries = entries.filter(object_repr__icontains=q.strip())
    return entries.order_by("-created_at", "-id")


def audit_get(*, pk: int) -> AuditEntry:
    """One entry; raises ``AuditEntry.DoesNotExist`` when there is none."""
    return AuditEntry.objects.select_related("actor", "content_type").get(pk=pk)


def audit_record_history(
    *, content_type_id: int, object_id: str
) -> QuerySet[AuditEntry]:
    """Every entry about one record (which may since have been deleted)."""
    return (
        AuditEntry.objects.filter(content_type_id=content_type_id, object_id=object_id)
        .select_related("actor", "content_type")
        .order_by("-created_at", "-id")
    )


def audit_actor_choices() -> list[tuple[int, str]]:
    """People who appear in the trail, by name, for the "who" filter."""
    rows = (
        AuditEntry.objects.filter(actor__isnull=False)
        .values_list("actor_id", "actor_name")
        .order_by("actor_name", "actor_id")
        .distinct()
    )
    seen: dict[int, str] = {}
    for actor_id, name in rows:
        seen.setdefault(actor_id, name)
    return sorted(seen.items(), key=lambda item: item[1].casefold())


def audit_content_type_choices() -> list[tuple[int, str]]:
    """Kinds of record that appear in the trail, for the "record type" filter."""
    used = AuditEntry.objects.values("content_type_id")
    types = ContentType.objects.filter(pk__in=used)
    return sorted(
        ((ct.pk, str(ct.name).capitalize()) for ct in types),
        key=lambda item: item[1].casefold(),
    )
