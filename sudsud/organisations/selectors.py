"""Reads of organisations and contacts, already limited to what a user may see."""

from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from sudsud.accounts.scopes import scope_filter, scope_for
from sudsud.core.text import normalise_for_search

from .models import Contact, Organisation
from .permissions import can_view_parent

ARCHIVED_ANY = "all"


def organisation_filter(
    queryset: QuerySet[Organisation],
    *,
    q: str = "",
    kind: str = "",
    country: Any = None,
    scope_country: Any = None,
    archived: bool | str | None = False,
) -> QuerySet[Organisation]:
    """Narrow ``queryset`` (already scoped). ``country``/``scope_country`` take a
    place or its id; ``archived`` is False (active only), True (archived only) or
    ``None``/``"all"`` (both)."""
    if q and (needle := normalise_for_search(q)):
        queryset = queryset.filter(search_text__contains=needle)
    if kind:
        queryset = queryset.filter(kind=kind)
    if country:
        queryset = queryset.filter(country=country)
    if scope_country:
        queryset = queryset.filter(scope_country=scope_country)
    if archived is True:
        queryset = queryset.filter(archived_at__isnull=False)
    elif archived is False:
        queryset = queryset.filter(archived_at__isnull=True)
    return queryset.order_by("name", "pk")


def organisation_list_for_user(
    *,
    user: Any,
    q: str = "",
    kind: str = "",
    country: Any = None,
    scope_country: Any = None,
    archived: bool | str | None = False,
) -> QuerySet[Organisation]:
    """Organisations ``user`` may see, filtered (see :func:`organisation_filter`).
    The parent is fetched with each row: show it only through
    :func:`organisation_visible_parent`."""
    queryset = scope_filter(
        Organisation.objects.select_related("country", "scope_country", "parent"),
        user=user,
        country_field="scope_country",
    )
    return organisation_filter(
        queryset,
        q=q,
        kind=kind,
        country=country,
        scope_country=scope_country,
        archived=archived,
    )


def organisation_visible_parent(
    *, user: Any, organisation: Organisation
) -> Organisation | None:
    """The parent of ``organisation`` if ``user`` may see it, else ``None``."""
    return organisation.parent if can_view_parent(user, organisation) else None


def organisation_get_for_user(*, user: Any, pk: Any) -> Organisation:
    """One organisation ``user`` may see, archived or not; 404 otherwise."""
    queryset = organisation_list_for_user(user=user, archived=None)
    return get_object_or_404(queryset, pk=pk)


def organisation_children(
    *, user: Any, organisation: Organisation
) -> QuerySet[Organisation]:
    return organisation_list_for_user(user=user, archived=None).filter(
        parent=organisation
    )


def organisation_parent_choices(
    *, user: Any, organisation: Organisation | None = None
) -> QuerySet[Organisation]:
    """Possible parents: visible, active, and not the organisation itself."""
    queryset = organisation_list_for_user(user=user)
    if organisation is not None and organisation.pk:
        queryset = queryset.exclude(pk=organisation.pk)
    return queryset


def contact_list_for_user(
    *, user: Any, organisation: Organisation | None = None
) -> QuerySet[Contact]:
    """Contacts ``user`` may see: the organisation is visible and programme-wide
    or in the user's scope (see ``permissions.can_view_contacts``)."""
    queryset = scope_filter(
        Contact.objects.select_related(
            "organisation", "organisation__scope_country", "organisation__country"
        ),
        user=user,
        country_field="organisation__scope_country",
        restricted_field="organisation__is_restricted",
    )
    scope = scope_for(user)
    if not scope.everywhere:
        queryset = queryset.filter(
            Q(organisation__scope_country__isnull=True)
            | Q(organisation__scope_country__in=scope.country_ids)
        )
    if organisation is not None:
        queryset = queryset.filter(organisation=organisation)
    return queryset.order_by("organisation__name", "full_name", "pk")


def contact_get_for_user(*, user: Any, pk: Any) -> Contact:
    return get_object_or_404(contact_list_for_user(user=user), pk=pk)
