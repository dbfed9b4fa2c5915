"""Every write to accounts: people, API tokens and two-factor devices."""

from .passwords import user_password_changed
from .tokens import api_token_create, api_token_revoke
from .totp import (
    totp_device_confirm,
    totp_device_remove,
    totp_device_start,
    totp_device_verify,
)
from .users import (
    UserFields,
    user_create,
    user_deactivate,
    user_send_invitation,
    user_set_language,
    user_update,
)

__all__ = [
    "UserFields",
    "api_token_create",
    "api_token_revoke",
    "totp_device_confirm",
    "totp_device_remove",
    "totp_device_start",
    "totp_device_verify",
    "user_create",
    "user_deactivate",
    "user_password_changed",
    "user_send_invitation",
    "user_set_language",
    "user_update",
]
