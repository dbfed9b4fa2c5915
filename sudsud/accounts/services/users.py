"""Creating, changing and deactivating accounts. Accounts are never deleted: the
audit trail and the records people made keep pointing at them.

The scope rule for accounts lives here, so the pages, the API and the commands all
keep it: a person whose role edits country by country (coordinators, implementing
staff, ministry officers) needs at least one country or a programme-wide scope —
otherwise the account could sign in and do nothing. Administrators (and
superusers) act everywhere; viewers and analysts need no scope.
"""

from collections.abc import Collection, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, override
from rest_framework.authtoken.models import Token

from sudsud.accounts.models import Role, User
from sudsud.accounts.scopes import EDITING_ROLES, scope_for
from sudsud.accounts.selectors import country_choices
from sudsud.core.models import AuditAction
from sudsud.core.text import normalise_for_search

from ._audit import audit_change, user_snapshot

# What people may change on their own account; administrators change the rest.
SELF_EDITABLE = frozenset({"first_name", "last_name", "email", "language"})
ADMIN_EDITABLE = SELF_EDITABLE | {"role", "programme_wide", "is_active", "countries"}
LANGUAGES = frozenset(code for code, _name in settings.LANGUAGES)
COUNTRY_ROLES = EDITING_ROLES - {Role.PROGRAMME_ADMIN}
SCOPE_KEYS = frozenset({"role", "programme_wide", "countries"})


@dataclass(frozen=True)
class UserFields:
    """What an administrator fills in to open an account."""

    username: str
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    role: str = Role.VIEWER
    programme_wide: bool = False
    language: str = "fr"
    is_staff: bool = False
    is_superuser: bool = False


def _require_admin(actor: Any) -> None:
    """``actor=None`` is the system itself (a management command run by whoever
    holds the server); every person must be a programme administrator."""
    if actor is not None and not scope_for(actor).is_programme_admin:
        raise PermissionDenied(_("Only programme administrators manage accounts."))


def _check_password(password: str, user: User) -> None:
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error


def _refresh_search_text(user: User) -> None:
    user.search_text = normalise_for_search(
        user.first_name, user.last_name, user.username, user.email
    )


def _country_ids(countries: Collection[Any]) -> list[int]:
    """Accept places or their ids; refuse anything that is not a country."""
    ids = [getattr(country, "pk", country) for country in countries]
    if country_choices().filter(pk__in=ids).count() != len(set(ids)):
        raise ValidationError({"countries": _("Choose countries from the list.")})
    return ids


def _check_scope(
    *, role: str, programme_wide: bool, is_superuser: bool, country_ids: Collection[int]
) -> None:
    """The account's scope rule (see the module's docstring)."""
    if role in COUNTRY_ROLES and not (programme_wide or is_superuser or country_ids):
        raise ValidationError(
            {
                "countries": _(
                    "Choose at least one country, or give a programme-wide scope."
                )
            }
        )


@transaction.atomic
def user_create(
    *,
    actor: Any,
    fields: UserFields,
    countries: Collection[Any] = (),
    password: str | None = None,
    site_url: str = "",
) -> User:
    """Open an account. Without ``password`` the person receives an e-mail with a
    link to choose one (the password-reset token), sent once the account exists."""
    _require_admin(actor)
    if fields.is_superuser and actor is not None and not actor.is_superuser:
        raise PermissionDenied(_("Only a superuser may create another superuser."))
    if not password and not fields.email:
        raise ValidationError(
            {"email": _("Give an e-mail address or an initial password.")}
        )
    country_ids = _country_ids(countries)
    _check_scope(
        role=fields.role,
        programme_wide=fields.programme_wide,
        is_superuser=fields.is_superuser,
        country_ids=country_ids,
    )
    user = User(**asdict(fields))
    if password:
        _check_password(password, user)
        user.set_password(password)
    else:
        user.set_unusable_password()
    _refresh_search_text(user)
    user.full_clean()
    user.save()
    user.countries.set(country_ids)
    audit_change(
        actor=actor,
        instance=user,
        before={},
        after=user_snapshot(user),
        action=AuditAction.CREATE,
    )
    if not password and user.email:
        transaction.on_commit(
            lambda: user_send_invitation(user=user, site_url=site_url)
        )
    return user


def _check_update_allowed(actor: Any, user: User, keys: set[str]) -> None:
    """``keys``: the fields that would really change (``countries`` included)."""
    unknown = keys - ADMIN_EDITABLE
    if unknown:
        raise ValueError(f"Not editable through user_update: {sorted(unknown)}")
    if scope_for(actor).is_programme_admin:
        if actor.pk == user.pk and ({"role", "is_active"} & keys):
            raise PermissionDenied(
                _("You cannot change your own role or deactivate yourself.")
            )
        return
    if actor is None or actor.pk != user.pk or not keys <= SELF_EDITABLE:
        raise PermissionDenied(
            _("You may only change your own name, e-mail and language.")
        )


def _changed_keys(
    user: User, changes: Mapping[str, Any], countries: Collection[Any] | None
) -> set[str]:
    keys = {
        name for name, value in changes.items() if getattr(user, name, None) != value
    }
    keys |= set(changes) - ADMIN_EDITABLE  # unknown names are refused, changed or not
    if countries is not None:
        wanted = {getattr(country, "pk", country) for country in countries}
        if wanted != set(user.countries.values_list("pk", flat=True)):
            keys.add("countries")
    return keys


def _check_new_scope(
    user: User, changes: Mapping[str, Any], countries: Collection[Any] | None
) -> None:
    """Apply the scope rule when the caller sets any part of the scope (the
    administrators' form and API always do) on an account that stays active;
    changing one's name or deactivating an account never trips on it."""
    stated = set(changes) | ({"countries"} if countries is not None else set())
    if not stated & SCOPE_KEYS or not changes.get("is_active", user.is_active):
        return
    if countries is None:
        ids = list(user.countries.values_list("pk", flat=True))
    else:
        ids = [getattr(country, "pk", country) for country in countries]
    _check_scope(
        role=changes.get("role", user.role),
        programme_wide=changes.get("programme_wide", user.programme_wide),
        is_superuser=user.is_superuser,
        country_ids=ids,
    )


@transaction.atomic
def user_update(
    *,
    actor: Any,
    user: User,
    changes: Mapping[str, Any],
    countries: Collection[Any] | None = None,
    note: str = "",
) -> User:
    """Change an account. People change their own names, e-mail and language;
    programme administrators also change role, scope (``countries``) and status."""
    _check_update_allowed(actor, user, _changed_keys(user, changes, countries))
    _check_new_scope(user, changes, countries)
    before = user_snapshot(user)
    for name, value in changes.items():
        setattr(user, name, value)
    _refresh_search_text(user)
    user.full_clean()
    user.save()
    if countries is not None:
        user.countries.set(_country_ids(countries))
    user.__dict__.pop("_sudsud_scope", None)  # scope_for caches on the object
    if before["is_active"] and not user.is_active:
        Token.objects.filter(user=user).delete()
    audit_change(
        actor=actor, instance=user, before=before, after=user_snapshot(user), note=note
    )
    return user


@transaction.atomic
def user_deactivate(*, actor: Any, user: User) -> User:
    """Close an account without deleting it: sign-in and API tokens stop working."""
    return user_update(
        actor=actor,
        user=user,
        changes={"is_active": False},
        note=gettext_noop("Account deactivated"),
    )


@transaction.atomic
def user_set_language(*, actor: Any, user: User, language: str) -> User:
    if language not in LANGUAGES:
        raise ValidationError({"language": _("Choose a language from the list.")})
    return user_update(actor=actor, user=user, changes={"language": language})


def user_send_invitation(*, user: User, site_url: str) -> None:
    """E-mail a link to choose a password, valid as long as a reset link is."""
    path = reverse(
        "accounts:password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    context = {"user": user, "url": site_url.rstrip("/") + path}
    with override(user.language):
        subject = render_to_string("registration/invitation_subject.txt", context)
        body = render_to_string("registration/invitation_email.txt", context)
    send_mail(" ".join(subject.split()), body, None, [user.email])
