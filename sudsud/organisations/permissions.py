"""Who may do what with organisations and their contacts.

Built only on :mod:`sudsud.accounts.scopes`; views, the API and services ask these
predicates instead of re-deriving the rule.
"""

from typing import Any

from sudsud.accounts.scopes import (
    scope_allows_edit,
    scope_allows_export,
    scope_allows_view,
    scope_editable_country_ids,
    scope_for,
)

from .models import Organisation


def can_view_organisation(user: Any, organisation: Organisation) -> bool:
    return scope_allows_view(
        user,
        country_id=organisation.scope_country_id,
        is_restricted=organisation.is_restricted,
    )


def can_view_parent(user: Any, organisation: Organisation) -> bool:
    """True when ``organisation`` has a parent and ``user`` may see it: a record
    visible to the user may belong to one restricted to another country, whose name
    must not leak through the child. Uses the (select-related) parent: no query."""
    parent = organisation.parent if organisation.parent_id else None
    return parent is not None and can_view_organisation(user, parent)


def can_view_history(user: Any, organisation: Organisation) -> bool:
    """The history names staff members: editors of the record and programme
    administrators only."""
    return can_edit_organisation(user, organisation) or (
        scope_for(user).is_programme_admin
    )


def can_create_organisation(user: Any) -> bool:
    """True when the user may create a record in at least one country."""
    editable = scope_editable_country_ids(user)
    return editable is None or bool(editable)


def can_edit_organisation(user: Any, organisation: Organisation) -> bool:
    return can_view_organisation(user, organisation) and scope_allows_edit(
        user, country_id=organisation.scope_country_id
    )


def can_archive_organisation(user: Any, organisation: Organisation) -> bool:
    return can_edit_organisation(user, organisation)


def can_export_organisations(user: Any) -> bool:
    return scope_allows_export(user)


def can_import_organisations(user: Any) -> bool:
    return can_create_organisation(user)


def can_view_contacts(user: Any, organisation: Organisation) -> bool:
    """Contacts are personal data: the organisation must be visible and either
    programme-wide or in the user's own scope."""
    if not can_view_organisation(user, organisation):
        return False
    if organisation.scope_country_id is None:
        return True
    return scope_for(user).covers(organisation.scope_country_id)


def can_edit_contacts(user: Any, organisation: Organisation) -> bool:
    return can_view_contacts(user, organisation) and can_edit_organisation(
        user, organisation
    )
