"""Recording changes in the audit trail.

Services call these inside their transaction, so an entry exists exactly when the
change it describes was committed.
"""

import datetime as dt
import decimal
import uuid
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditAction, AuditEntry

Snapshot = dict[str, Any]
# Never written to the trail, whatever the model: credentials and secrets.
SECRET_FIELDS = frozenset({"password", "key", "token", "secret", "search_text"})


def _plain(value: Any) -> Any:
    """Turn a field value into something JSON can hold and a person can read."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, set | frozenset):  # no order of its own: a stable one
        items = [_plain(item) for item in value]
        try:
            return sorted(items)
        except TypeError:  # mixed types
            return sorted(items, key=repr)
    if isinstance(value, list | tuple):  # JSON lists: their order means something
        return [_plain(item) for item in value]
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    return value


def model_snapshot(
    instance: models.Model, *, exclude: tuple[str, ...] = ()
) -> Snapshot:
    """The concrete field values of ``instance`` (foreign keys as ids)."""
    snapshot: Snapshot = {}
    for field in instance._meta.concrete_fields:
        if field.name in exclude or field.name in SECRET_FIELDS:
            continue
        snapshot[field.name] = _plain(getattr(instance, field.attname))
    return snapshot


def snapshot_diff(before: Snapshot, after: Snapshot) -> dict[str, list[Any]]:
    keys = before.keys() | after.keys()
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(keys)
        if before.get(key) != after.get(key)
    }


def audit_record(
    *,
    actor: Any,
    action: str,
    instance: models.Model,
    changes: dict[str, list[Any]] | None = None,
    note: str = "",
) -> AuditEntry:
    is_person = actor is not None and getattr(actor, "pk", None) is not None
    return AuditEntry.objects.create(
        actor=actor if is_person else None,
        actor_name=actor.get_username() if is_person else "system",
        action=action,
        content_type=ContentType.objects.get_for_model(
            instance, for_concrete_model=True
        ),
        object_id=str(instance.pk),
        object_repr=str(instance)[:255],
        changes=changes or {},
        note=note[:255],
    )


def audit_created(*, actor: Any, instance: models.Model, note: str = "") -> AuditEntry:
    after = model_snapshot(instance)
    changes = {
        key: [None, value] for key, value in after.items() if value not in (None, "")
    }
    return audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=instance,
        changes=changes,
        note=note,
    )


def audit_updated(
    *,
    actor: Any,
    instance: models.Model,
    before: Snapshot,
    action: str = AuditAction.UPDATE,
    note: str = "",
) -> AuditEntry | None:
    """Record the fields that changed since ``before``; nothing if none did."""
    changes = snapshot_diff(before, model_snapshot(instance))
    if not changes and action == AuditAction.UPDATE:
        return None
    return audit_record(
        actor=actor, action=action, instance=instance, changes=changes, note=note
    )


def audit_deleted(*, actor: Any, instance: models.Model, note: str = "") -> AuditEntry:
    before = model_snapshot(instance)
    changes = {
        key: [value, None] for key, value in before.items() if value not in (None, "")
    }
    return audit_record(
        actor=actor,
        action=AuditAction.DELETE,
        instance=instance,
        changes=changes,
        note=note,
    )
