"""Every write to organisations and contacts. Pages, the API, imports and commands
call these; ``actor=None`` is the system (management commands, migrations)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sudsud.accounts.scopes import scope_allows_edit
from sudsud.core.audit import (
    audit_created,
    audit_deleted,
    audit_updated,
    model_snapshot,
)
from sudsud.core.models import AuditAction
from sudsud.core.services import check_fields
from sudsud.core.text import normalise_for_search

from .models import Contact, Organisation

ORGANISATION_FIELDS = frozenset(
    {
        "name", "name_ar", "acronym", "kind", "country", "scope_country", "city",
        "parent", "iati_identifier", "registration_number", "website", "email",
        "phone", "description", "is_restricted",
    }
)  # fmt: skip
CONTACT_FIELDS = frozenset(
    {"full_name", "role", "email", "phone", "mandate_start", "mandate_end"}
)


def _require_edit(actor: Any, country_id: int | None) -> None:
    if actor is not None and not scope_allows_edit(actor, country_id=country_id):
        raise PermissionDenied(
            _("You may not change organisations of this responsible country.")
        )


def _validate_parent(organisation: Organisation) -> None:
    """A parent may not be the organisation itself nor one of its descendants."""
    parent = organisation.parent
    seen: set[int] = set()
    while parent is not None and parent.pk not in seen:
        if organisation.pk is not None and parent.pk == organisation.pk:
            raise ValidationError(
                {
                    "parent": _(
                        "An organisation cannot be its own parent or the parent "
                        "of one of its parents."
                    )
                }
            )
        seen.add(parent.pk)
        parent = parent.parent


def iati_taken_message(identifier: str) -> str:
    """The one message for a taken identifier: it never names the other record,
    which the user may not be allowed to see."""
    return _(
        "Another organisation already has the IATI identifier “%(identifier)s”."
    ) % {"identifier": identifier}


def _validate_iati(organisation: Organisation) -> None:
    identifier = organisation.iati_identifier
    if not identifier:
        return
    others = Organisation.objects.filter(iati_identifier=identifier)
    if others.exclude(pk=organisation.pk).exists():
        raise ValidationError({"iati_identifier": iati_taken_message(identifier)})


def _organisation_prepare(organisation: Organisation) -> None:
    organisation.iati_identifier = organisation.iati_identifier.strip()
    organisation.search_text = normalise_for_search(
        organisation.name,
        organisation.name_ar,
        organisation.acronym,
        organisation.city,
        organisation.registration_number,
        organisation.iati_identifier,
    )
    _validate_parent(organisation)
    _validate_iati(organisation)
    organisation.full_clean()


@transaction.atomic
def organisation_create(
    *, actor: Any, name: str, kind: str, country: Any, **fields: Any
) -> Organisation:
    check_fields(fields, ORGANISATION_FIELDS)
    organisation = Organisation(name=name, kind=kind, country=country, **fields)
    _require_edit(actor, organisation.scope_country_id)
    _organisation_prepare(organisation)
    organisation.save()
    audit_created(actor=actor, instance=organisation)
    return organisation


@transaction.atomic
def organisation_update(
    *, actor: Any, organisation: Organisation, **fields: Any
) -> Organisation:
    """Change the given fields. Permission is checked against the stored record
    (not a copy the caller may have changed) and against the new responsible
    country. Records no audit entry when nothing changed."""
    check_fields(fields, ORGANISATION_FIELDS)
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _require_edit(actor, current.scope_country_id)
    before = model_snapshot(current)
    for field, value in fields.items():
        setattr(current, field, value)
    _require_edit(actor, current.scope_country_id)
    _organisation_prepare(current)
    if model_snapshot(current) != before:
        current.save()
        audit_updated(actor=actor, instance=current, before=before)
    return current


def _set_archived(
    actor: Any, organisation: Organisation, *, archived: bool
) -> Organisation:
    current = Organisation.objects.select_for_update().get(pk=organisation.pk)
    _require_edit(actor, current.scope_country_id)
    if current.is_archived == archived:
        return current
    before = model_snapshot(current)
    current.archived_at = timezone.now() if archived else None
    current.save(update_fields=["archived_at", "updated_at"])
    action = AuditAction.ARCHIVE if archived else AuditAction.RESTORE
    audit_updated(actor=actor, instance=current, before=before, action=action)
    return current


@transaction.atomic
def organisation_archive(*, actor: Any, organisation: Organisation) -> Organisation:
    return _set_archived(actor, organisation, archived=True)


@transaction.atomic
def organisation_restore(*, actor: Any, organisation: Organisation) -> Organisation:
    return _set_archived(actor, organisation, archived=False)


def _require_contact_edit(actor: Any, organisation: Organisation) -> None:
    _require_edit(actor, organisation.scope_country_id)


def _contact_prepare(contact: Contact) -> None:
    start, end = contact.mandate_start, contact.mandate_end
    if start and end and end < start:
        raise ValidationError(
            {"mandate_end": _("The end of the mandate must be on or after its start.")}
        )
    contact.search_text = normalise_for_search(
        contact.full_name, contact.role, contact.email
    )
    contact.full_clean()


@transaction.atomic
def contact_create(
    *, actor: Any, organisation: Organisation, full_name: str, **fields: Any
) -> Contact:
    check_fields(fields, CONTACT_FIELDS)
    _require_contact_edit(actor, organisation)
    is_person = actor is not None and getattr(actor, "pk", None) is not None
    contact = Contact(
        organisation=organisation,
        full_name=full_name,
        created_by=actor if is_person else None,
        **fields,
    )
    _contact_prepare(contact)
    contact.save()
    audit_created(actor=actor, instance=contact)
    return contact


def _locked_contact(contact: Contact) -> Contact:
    """The stored contact, its row locked until the end of the transaction."""
    return (
        Contact.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=contact.pk)
    )


@transaction.atomic
def contact_update(*, actor: Any, contact: Contact, **fields: Any) -> Contact:
    check_fields(fields, CONTACT_FIELDS)
    current = _locked_contact(contact)
    _require_contact_edit(actor, current.organisation)
    before = model_snapshot(current)
    for field, value in fields.items():
        setattr(current, field, value)
    _contact_prepare(current)
    current.save()
    audit_updated(actor=actor, instance=current, before=before)
    return current


@transaction.atomic
def contact_delete(*, actor: Any, contact: Contact) -> None:
    current = _locked_contact(contact)
    _require_contact_edit(actor, current.organisation)
    audit_deleted(actor=actor, instance=current)
    current.delete()
