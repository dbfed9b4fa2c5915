"""The one place where the country-scope rule is written.

Every list, detail, export and API endpoint of every module filters through
:func:`scope_filter` and checks writes with :func:`scope_allows_edit`, so the rule
"an officer scoped to Mali never sees or edits what is restricted to Senegal" holds
everywhere or nowhere, and is tested once, here.

The rule
--------
* Programme administrators and programme-wide users see and act everywhere.
* Others see every record that is not restricted, and restricted records only when
  the record's country is in their scope.
* Editing needs a role that edits and the record's country in scope; a record with no
  country (programme-wide) is edited only by programme-wide users.
"""

from dataclasses import dataclass
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet

from .models import Role

EDITING_ROLES = frozenset(
    {
        Role.PROGRAMME_ADMIN,
        Role.COUNTRY_COORDINATOR,
        Role.IMPLEMENTING_STAFF,
        Role.MINISTRY_OFFICER,
    }
)
APPROVING_ROLES = frozenset({Role.PROGRAMME_ADMIN, Role.COUNTRY_COORDINATOR})
EXPORTING_ROLES = frozenset(EDITING_ROLES | {Role.DATA_ANALYST})

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class Scope:
    everywhere: bool
    country_ids: frozenset[int]
    role: str
    authenticated: bool

    def covers(self, country_id: int | None) -> bool:
        if self.everywhere:
            return True
        return country_id is not None and country_id in self.country_ids

    @property
    def is_programme_admin(self) -> bool:
        return self.authenticated and self.role == Role.PROGRAMME_ADMIN

    @property
    def can_edit(self) -> bool:
        return self.authenticated and self.role in EDITING_ROLES

    @property
    def can_approve(self) -> bool:
        return self.authenticated and self.role in APPROVING_ROLES

    @property
    def can_export(self) -> bool:
        return self.authenticated and self.role in EXPORTING_ROLES


NO_SCOPE = Scope(
    everywhere=False, country_ids=frozenset(), role="", authenticated=False
)


def scope_for(user: Any) -> Scope:
    """The user's scope, computed once per request and cached on the user object."""
    if (
        user is None
        or not getattr(user, "is_authenticated", False)
        or not user.is_active
    ):
        return NO_SCOPE
    cached = getattr(user, "_sudsud_scope", None)
    if cached is not None:
        return cached
    is_admin = user.is_superuser or user.role == Role.PROGRAMME_ADMIN
    scope = Scope(
        everywhere=is_admin or user.programme_wide,
        country_ids=frozenset(user.countries.values_list("pk", flat=True)),
        role=Role.PROGRAMME_ADMIN if is_admin else user.role,
        authenticated=True,
    )
    user._sudsud_scope = scope
    return scope


def scope_filter(
    queryset: QuerySet[M],
    *,
    user: Any,
    country_field: str = "country",
    restricted_field: str | None = "is_restricted",
) -> QuerySet[M]:
    """Only the rows ``user`` may see. Anonymous users see nothing."""
    scope = scope_for(user)
    if not scope.authenticated:
        return queryset.none()
    if scope.everywhere:
        return queryset
    in_scope = Q(**{f"{country_field}__in": scope.country_ids})
    if restricted_field is None:
        return queryset.filter(in_scope)
    return queryset.filter(Q(**{restricted_field: False}) | in_scope)


def scope_allows_view(
    user: Any, *, country_id: int | None, is_restricted: bool
) -> bool:
    scope = scope_for(user)
    if not scope.authenticated:
        return False
    return not is_restricted or scope.covers(country_id)


def scope_allows_edit(user: Any, *, country_id: int | None) -> bool:
    scope = scope_for(user)
    return scope.can_edit and scope.covers(country_id)


def scope_allows_approve(user: Any, *, country_id: int | None) -> bool:
    scope = scope_for(user)
    return scope.can_approve and scope.covers(country_id)


def scope_allows_export(user: Any) -> bool:
    return scope_for(user).can_export


def scope_editable_country_ids(user: Any) -> frozenset[int] | None:
    """Countries where ``user`` may create records; ``None`` means all of them."""
    scope = scope_for(user)
    if not scope.can_edit:
        return frozenset()
    return None if scope.everywhere else scope.country_ids
