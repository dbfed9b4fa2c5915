"""The audit trail of password changes. Django's own forms set the password (and
check it); this records that it happened, never the password or its hash."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from sudsud.accounts.models import User
from sudsud.accounts.scopes import scope_for
from sudsud.core.audit import audit_record
from sudsud.core.models import AuditAction, AuditEntry

# How the password was changed → the audit note (an English msgid, translated
# when the audit pages show it).
PASSWORD_NOTES = {
    "change": gettext_noop("Password changed"),
    "reset": gettext_noop("Password reset through an e-mail link"),
}


@transaction.atomic
def user_password_changed(*, actor: Any, user: User, via: str) -> AuditEntry:
    """Record that ``user`` chose a new password, ``via`` "change" (signed in,
    knowing the old one) or "reset" (through the link e-mailed to them)."""
    if via not in PASSWORD_NOTES:
        raise ValueError(f"Unknown via {via!r}: expected one of {list(PASSWORD_NOTES)}")
    if not scope_for(actor).authenticated or actor.pk != user.pk:
        raise PermissionDenied(_("You may only change your own password."))
    return audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=user,
        note=PASSWORD_NOTES[via],
    )
