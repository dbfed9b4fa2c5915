"""Writes of what makes up an activity: partners and their sign-off, budget lines
(funder × implementer × year, EUR) and deliverables with their documents.

Editing any of them needs the right to edit the activity
(``permissions_activities.can_edit_activity``); signing off for a lead ministry
needs a ministry officer or coordinator of that ministry's country, or a
programme administrator (``can_sign_off``). Adding, changing or deleting a
budget line clears the activity's sign-offs (``clear_sign_offs``).
"""

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from sudsud.accounts.scopes import scope_for
from sudsud.core.audit import (
    audit_created,
    audit_deleted,
    audit_record,
    audit_updated,
    model_snapshot,
    snapshot_diff,
)
from sudsud.core.models import AuditAction
from sudsud.core.services import check_fields, require
from sudsud.core.uploads import validate_upload
from sudsud.organisations.models import Organisation
from sudsud.places.models import Place
from sudsud.programmes.models import (
    Activity,
    ActivityPartner,
    BudgetLine,
    Deliverable,
    PartnerRole,
)
from sudsud.programmes.permissions_activities import can_edit_activity, can_sign_off
from sudsud.programmes.selectors.reference import MINISTRY_KINDS

from .activities import (
    check_visible,
    clear_sign_offs,
    raise_if,
    validation_errors,
)

DOCUMENT_EXTENSIONS = ("pdf", "docx", "xlsx", "pptx", "odt", "ods", "png", "jpg")
ADMIN_SIGN_OFF_NOTE = "signed off by a programme administrator on the ministry's behalf"
DELIVERABLE_FIELDS = frozenset(
    {"title", "description", "due_date", "delivered_on", "link"}
)


def _editable(actor: Any, activity_id: int) -> Activity:
    activity = Activity.objects.select_for_update().get(pk=activity_id)
    require(
        can_edit_activity(actor, activity), actor, _("You may not edit this activity.")
    )
    return activity


# --- Partners ---------------------------------------------------------------------


def _partner_errors(
    partner: ActivityPartner, activity: Activity
) -> dict[str, list[str]]:
    errors = validation_errors(partner)
    country_ids = {share.country_id for share in activity.country_shares.all()}
    if partner.country_id is not None and partner.country_id not in country_ids:
        errors.setdefault("country", []).append(
            _("Choose one of the countries the activity covers.")
        )
    if partner.role != PartnerRole.LEAD_MINISTRY:
        return errors
    organisation = partner.organisation
    if partner.country_id is None:
        errors.setdefault("country", []).append(
            _(
                "A lead ministry signs off for one of the activity's countries: choose it."
            )
        )
    elif (
        organisation.kind not in MINISTRY_KINDS
        or organisation.country_id != partner.country_id
    ):
        errors.setdefault("organisation", []).append(
            _("Choose a ministry or government agency of %(country)s.")
            % {"country": partner.country}
        )
    elif activity.partners.filter(
        role=PartnerRole.LEAD_MINISTRY, country_id=partner.country_id
    ).exists():
        errors.setdefault("country", []).append(
            _("%(country)s already has a lead ministry for this activity.")
            % {"country": partner.country}
        )
    return errors


@transaction.atomic
def activity_partner_add(
    *,
    actor: Any,
    activity: Activity,
    organisation: Organisation,
    role: str,
    country: Place | None = None,
) -> ActivityPartner:
    """Name an organisation's role in the activity; a lead ministry is named for
    one of the activity's countries, one per country."""
    current = _editable(actor, activity.pk)
    check_visible(actor, "organisation", [organisation])
    partner = ActivityPartner(
        activity=current, organisation=organisation, role=role, country=country
    )
    raise_if(_partner_errors(partner, current))
    partner.save()
    audit_created(actor=actor, instance=partner)
    return partner


@transaction.atomic
def activity_partner_remove(*, actor: Any, partner: ActivityPartner) -> None:
    _editable(actor, partner.activity_id)
    audit_deleted(actor=actor, instance=partner)
    partner.delete()


@transaction.atomic
def activity_sign_off(*, actor: Any, partner: ActivityPartner) -> ActivityPartner:
    """Record that a lead ministry signed the activity off: given by a ministry
    officer or coordinator of that ministry's country, or by a programme
    administrator on its behalf (the audit entry's note says so)."""
    current = ActivityPartner.objects.select_for_update().get(pk=partner.pk)
    if current.role != PartnerRole.LEAD_MINISTRY:
        raise ValidationError(_("Only lead ministries sign an activity off."))
    require(
        can_sign_off(actor, current),
        actor,
        _(
            "Only an officer or coordinator of this ministry's country, or a "
            "programme administrator, signs off for it."
        ),
    )
    if current.signed_off_at is not None:
        # The message names no organisation: the actor may not see it.
        raise ValidationError(_("This lead ministry has already signed it off."))
    before = model_snapshot(current)
    current.signed_off_at = timezone.now()
    current.signed_off_by = actor if getattr(actor, "pk", None) else None
    current.save()
    on_behalf = actor is not None and scope_for(actor).is_programme_admin
    note = ADMIN_SIGN_OFF_NOTE if on_behalf else ""
    audit_updated(actor=actor, instance=current, before=before, note=note)
    return current


# --- Budget lines -----------------------------------------------------------------


def _line_values(line: BudgetLine) -> tuple[Any, ...]:
    """What a budget line says (amounts compare as numbers: 10 == 10.00)."""
    return (
        line.funder_id, line.implementer_id, line.year,
        line.planned, line.committed, line.spent,
    )  # fmt: skip


@transaction.atomic
def budget_line_save(
    *,
    actor: Any,
    activity: Activity,
    line: BudgetLine | None = None,
    funder: Organisation,
    implementer: Organisation,
    year: int,
    planned: Decimal,
    committed: Decimal = Decimal(0),
    spent: Decimal = Decimal(0),
) -> BudgetLine:
    """Create a budget line, or change ``line``; one line per funder, implementer
    and year."""
    current = _editable(actor, activity.pk)
    check_visible(actor, "funder", [funder])
    check_visible(actor, "implementer", [implementer])
    target = (
        BudgetLine(activity=current)
        if line is None
        else BudgetLine.objects.select_for_update().get(pk=line.pk, activity=current)
    )
    before = model_snapshot(target)
    was = _line_values(target)
    target.funder, target.implementer, target.year = funder, implementer, year
    target.planned, target.committed, target.spent = planned, committed, spent
    duplicate = BudgetLine.objects.filter(
        activity=current, funder=funder, implementer=implementer, year=year
    ).exclude(pk=target.pk)
    errors = validation_errors(target)
    if duplicate.exists():
        errors = {
            "year": [
                _(
                    "There is already a budget line for this funder, implementer and year."
                )
            ]
        }
    raise_if(errors)
    created = target.pk is None
    target.save()
    if created:
        audit_created(actor=actor, instance=target)
    else:
        audit_updated(actor=actor, instance=target, before=before)
    if created or was != _line_values(target):
        clear_sign_offs(actor=actor, activity=current)
    return target


@transaction.atomic
def budget_line_delete(*, actor: Any, line: BudgetLine) -> None:
    current = _editable(actor, line.activity_id)
    audit_deleted(actor=actor, instance=line)
    line.delete()
    clear_sign_offs(actor=actor, activity=current)


# --- Deliverables -----------------------------------------------------------------


def _store_document(
    deliverable: Deliverable, document: UploadedFile | None, remove: bool
) -> None:
    """Replace or remove the document; the old file goes after commit."""
    old_name = deliverable.document.name or ""
    if document is not None:
        try:
            validate_upload(document, extensions=DOCUMENT_EXTENSIONS)
        except ValidationError as error:
            raise ValidationError({"document": error.messages}) from error
        name = get_valid_filename(document.name or "document")
        deliverable.document.save(name, document, save=False)
    elif remove:
        deliverable.document = ""
    if old_name and old_name != (deliverable.document.name or ""):
        storage = deliverable.document.storage
        transaction.on_commit(lambda: storage.delete(old_name))


@transaction.atomic
def deliverable_save(
    *,
    actor: Any,
    activity: Activity,
    deliverable: Deliverable | None = None,
    document: UploadedFile | None = None,
    remove_document: bool = False,
    **fields: Any,
) -> Deliverable:
    """Create a deliverable, or change ``deliverable``; ``document`` (PDF, office
    file or picture) replaces its file, ``remove_document`` deletes it."""
    check_fields(fields, DELIVERABLE_FIELDS)
    current = _editable(actor, activity.pk)
    target = (
        Deliverable(activity=current)
        if deliverable is None
        else Deliverable.objects.select_for_update().get(
            pk=deliverable.pk, activity=current
        )
    )
    before = model_snapshot(target)
    for name, value in fields.items():
        setattr(target, name, value)
    raise_if(validation_errors(target, exclude=["document"]))
    _store_document(target, document, remove_document)
    created = target.pk is None
    target.save()
    changes = snapshot_diff(before, model_snapshot(target))
    action = AuditAction.CREATE if created else AuditAction.UPDATE
    if changes or created:
        audit_record(actor=actor, action=action, instance=target, changes=changes)
    return target


@transaction.atomic
def deliverable_delete(*, actor: Any, deliverable: Deliverable) -> None:
    _editable(actor, deliverable.activity_id)
    name = deliverable.document.name or ""
    audit_deleted(actor=actor, instance=deliverable)
    deliverable.delete()
    if name:
        storage = deliverable.document.storage
        transaction.on_commit(lambda: storage.delete(name))
