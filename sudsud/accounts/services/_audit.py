"""Audit entries for accounts, which never hold a secret.

``core.audit.audit_created/updated`` snapshot every concrete field; for a user that
includes the password hash, and for a TOTP device its key. These helpers take the
same snapshots with those fields left out.
"""

from typing import Any

from django.db import models

from sudsud.accounts.models import User
from sudsud.core.audit import Snapshot, audit_record, model_snapshot, snapshot_diff
from sudsud.core.models import AuditAction, AuditEntry

USER_SECRET_FIELDS = ("password", "last_login")
DEVICE_SECRET_FIELDS = ("key", "last_t", "drift", "throttling_failure_timestamp")


def user_snapshot(user: User) -> Snapshot:
    snapshot = model_snapshot(user, exclude=USER_SECRET_FIELDS)
    snapshot["countries"] = sorted(user.countries.values_list("pk", flat=True))
    return snapshot


def audit_change(
    *,
    actor: Any,
    instance: models.Model,
    before: Snapshot,
    after: Snapshot,
    action: str = AuditAction.UPDATE,
    note: str = "",
) -> AuditEntry | None:
    """Record what changed between two secret-free snapshots (nothing if nothing did
    and no ``note`` explains the entry)."""
    changes = snapshot_diff(before, after)
    if not changes and not note:
        return None
    return audit_record(
        actor=actor, action=action, instance=instance, changes=changes, note=note
    )
