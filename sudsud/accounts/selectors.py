"""Reads of accounts, already limited to what the asking person may see."""

from typing import Any, cast

from django.conf import settings
from django.db.models import Model, Q, QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from sudsud.core.text import normalise_for_search

from .models import User
from .scopes import scope_for


def country_choices() -> QuerySet[Any]:
    """The countries a scope may contain (accounts never imports places)."""
    place = cast("type[Model]", User.countries.field.related_model)
    return place._default_manager.filter(kind="country")


def user_list_for_user(
    *,
    user: Any,
    query: str = "",
    role: str = "",
    country_id: int | None = None,
    is_active: bool | None = None,
) -> QuerySet[User]:
    """Accounts a programme administrator manages; nobody else sees the list."""
    users = User.objects.prefetch_related("countries")
    if not scope_for(user).is_programme_admin:
        return users.none()
    if query:
        # search_text is filled by the services; accounts made another way
        # (createsuperuser) are still found by their plain user name or e-mail.
        users = users.filter(
            Q(search_text__contains=normalise_for_search(query))
            | Q(username__icontains=query)
            | Q(email__icontains=query)
        )
    if role:
        users = users.filter(role=role)
    if country_id is not None:
        users = users.filter(countries=country_id)
    if is_active is not None:
        users = users.filter(is_active=is_active)
    return users.order_by("username").distinct()


def user_get_for_user(*, user: Any, pk: int) -> User:
    """One account for its administrator. Raises ``User.DoesNotExist`` otherwise."""
    return user_list_for_user(user=user).get(pk=pk)


def totp_device_confirmed(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def two_factor_required(user: Any) -> bool:
    """Whether ``user`` must turn on two-factor authentication before going on."""
    roles = settings.SUDSUD_REQUIRE_2FA_ROLES
    if not roles or not getattr(user, "is_authenticated", False):
        return False
    if getattr(user, "role", None) not in roles:
        return False
    # Signed in with a second factor this session (set by django-otp's middleware
    # from the session): no need to look the device up on every request.
    is_verified = getattr(user, "is_verified", None)
    if callable(is_verified) and is_verified():
        return False
    return totp_device_confirmed(user) is None


def totp_device_pending(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def api_token_for(user: User) -> Token | None:
    return Token.objects.filter(user=user).first()
