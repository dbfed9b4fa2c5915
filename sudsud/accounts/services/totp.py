"""Two-factor authentication with a time-based code (TOTP, RFC 6238).

Turning it on takes two steps: ``totp_device_start`` makes an unconfirmed device
whose secret the person scans; ``totp_device_confirm`` checks a first code from
their app. Only confirmed devices are asked for at sign-in. The secret key never
reaches the audit trail.
"""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_otp.plugins.otp_totp.models import TOTPDevice

from sudsud.accounts.models import User
from sudsud.accounts.scopes import scope_for
from sudsud.accounts.selectors import totp_device_confirmed
from sudsud.core.audit import model_snapshot
from sudsud.core.models import AuditAction

from ._audit import DEVICE_SECRET_FIELDS, audit_change

DEVICE_NAME = "Authenticator app"


def _require_self(actor: Any, user: User) -> None:
    if not scope_for(actor).authenticated or actor.pk != user.pk:
        raise PermissionDenied(
            _("You may only manage your own two-factor authentication.")
        )


def _snapshot(device: TOTPDevice) -> dict[str, Any]:
    return model_snapshot(device, exclude=DEVICE_SECRET_FIELDS)


@transaction.atomic
def totp_device_start(*, actor: Any, user: User) -> TOTPDevice:
    """A fresh unconfirmed device (replacing an earlier unfinished one)."""
    _require_self(actor, user)
    if totp_device_confirmed(user) is not None:
        raise ValidationError(_("Two-factor authentication is already turned on."))
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice(user=user, name=DEVICE_NAME, confirmed=False)
    device.full_clean()
    device.save()
    return device


def _check_code(device: TOTPDevice, token: str) -> None:
    # Called outside the transaction on purpose: a wrong code increments the
    # device's throttle counter, which a rollback would otherwise erase.
    if not device.verify_token(token):
        raise ValidationError(
            {"token": _("This code is not valid. Enter the code your app shows now.")}
        )


def totp_device_confirm(*, actor: Any, device: TOTPDevice, token: str) -> TOTPDevice:
    """Turn two-factor authentication on once the app shows a matching code."""
    _require_self(actor, device.user)
    if device.confirmed:
        raise ValidationError(_("Two-factor authentication is already turned on."))
    _check_code(device, token)
    return _confirm(actor=actor, device=device)


@transaction.atomic
def _confirm(*, actor: Any, device: TOTPDevice) -> TOTPDevice:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_change(
        actor=actor,
        instance=device,
        before={},
        after=_snapshot(device),
        action=AuditAction.CREATE,
        note=gettext_noop("Two-factor authentication turned on"),
    )
    return device


def totp_device_remove(*, actor: Any, user: User, token: str) -> None:
    """Turn two-factor authentication off. A current code proves the device is at
    hand: a stolen session alone cannot remove it."""
    _require_self(actor, user)
    device = totp_device_confirmed(user)
    if device is None:
        raise ValidationError(_("Two-factor authentication is not turned on."))
    _check_code(device, token)
    _remove(actor=actor, device=device)


@transaction.atomic
def _remove(*, actor: Any, device: TOTPDevice) -> None:
    audit_change(
        actor=actor,
        instance=device,
        before=_snapshot(device),
        after={},
        action=AuditAction.DELETE,
        note=gettext_noop("Two-factor authentication turned off"),
    )
    TOTPDevice.objects.filter(user=device.user).delete()


def totp_device_verify(*, user: User, token: str) -> TOTPDevice | None:
    """The confirmed device that accepts ``token`` at sign-in, or ``None``. The
    device throttles repeated failures itself."""
    device = totp_device_confirmed(user)
    if device is None or not device.verify_token(token):
        return None
    return device
