"""API tokens: one per person, created, renewed and revoked by that person.

The audit entry is attached to the user, never to the token: a token's primary key
is the secret itself.
"""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from rest_framework.authtoken.models import Token

from sudsud.accounts.models import User
from sudsud.accounts.scopes import scope_for
from sudsud.core.audit import audit_record
from sudsud.core.models import AuditAction


def _require_self(actor: Any, user: User) -> None:
    if not scope_for(actor).authenticated or actor.pk != user.pk:
        raise PermissionDenied(_("You may only manage your own API token."))


@transaction.atomic
def api_token_create(*, actor: Any, user: User) -> Token:
    """A new token for ``user``; any previous one stops working."""
    _require_self(actor, user)
    renewed = Token.objects.filter(user=user).delete()[0] > 0
    token = Token.objects.create(user=user)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=user,
        note=gettext_noop("API token renewed")
        if renewed
        else gettext_noop("API token created"),
    )
    return token


@transaction.atomic
def api_token_revoke(*, actor: Any, user: User) -> bool:
    """Remove ``user``'s token. ``False`` when there was none."""
    _require_self(actor, user)
    deleted = Token.objects.filter(user=user).delete()[0] > 0
    if deleted:
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=user,
            note=gettext_noop("API token revoked"),
        )
    return deleted
