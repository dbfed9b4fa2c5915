"""Administrators' changes to the programme's reference data.

Who may change what is written once, in ``programmes.permissions``:

* ``programme_update`` and ``domain_update``: programme administrators only.
* ``partner_country_update``: programme administrators, and people who approve
  for that country (``scope_allows_approve``: a country coordinator whose scope
  covers it).
* ``memorandum_update``: programme administrators, and people who approve for
  either of the two countries of the memorandum (the Senegal coordinator completes
  Morocco-Senegal, not Morocco-Mali).

Organisations are seen through the country-scope rule: an organisation the actor
may not see is refused as if it did not exist, and one already in place that the
actor may not see is kept as it is (a hidden signatory stays; a hidden lead
ministry is changed only by someone who sees it).

``actor=None`` is the system. Each service locks the stored row, applies only the
named fields, validates with ``full_clean()``, and records an audit entry listing
what changed (nothing is recorded when nothing changed).
"""

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import models, transaction
from django.utils.translation import gettext as _

from sudsud.core.audit import audit_record, model_snapshot, snapshot_diff
from sudsud.core.models import AuditAction
from sudsud.core.services import check_fields, require
from sudsud.core.uploads import validate_upload
from sudsud.organisations.models import Organisation
from sudsud.programmes.models import Domain, Memorandum, PartnerCountry, Programme
from sudsud.programmes.permissions import (
    can_edit_domain,
    can_edit_memorandum,
    can_edit_partner_country,
    can_edit_programme,
)
from sudsud.programmes.selectors import MINISTRY_KINDS, organisation_visible_ids

M = TypeVar("M", bound=models.Model)
LOCALISED = ("name_fr", "name_en", "name_ar", "description_fr", "description_en")
PROGRAMME_FIELDS = frozenset(
    {*LOCALISED, "description_ar", "start_date", "end_date", "iati_identifier"}
)
DOMAIN_FIELDS = frozenset({*LOCALISED, "description_ar", "order"})
PARTNER_COUNTRY_FIELDS = frozenset({"lead_ministry", "notes"})
MEMORANDUM_FIELDS = frozenset(
    {"title_fr", "title_en", "title_ar", "signed_on", "notes"}
)


def _apply(
    actor: Any, current: M, fields: dict[str, Any], extra: dict[str, list[Any]]
) -> M:
    """Set ``fields``, validate, save and audit; ``extra`` holds changes the
    snapshot cannot see (many-to-many)."""
    before = model_snapshot(current)
    for field, value in fields.items():
        setattr(current, field, value)
    current.full_clean()
    changes = {**snapshot_diff(before, model_snapshot(current)), **extra}
    if changes:
        current.save()
        audit_record(
            actor=actor, action=AuditAction.UPDATE, instance=current, changes=changes
        )
    return current


@transaction.atomic
def programme_update(*, actor: Any, programme: Programme, **fields: Any) -> Programme:
    check_fields(fields, PROGRAMME_FIELDS)
    current = Programme.objects.select_for_update().get(pk=programme.pk)
    require(
        can_edit_programme(actor, current),
        actor,
        _("Only programme administrators change the programme."),
    )
    return _apply(actor, current, fields, {})


@transaction.atomic
def domain_update(*, actor: Any, domain: Domain, **fields: Any) -> Domain:
    check_fields(fields, DOMAIN_FIELDS)
    current = Domain.objects.select_for_update().get(pk=domain.pk)
    require(
        can_edit_domain(actor, current),
        actor,
        _("Only programme administrators change the intervention domains."),
    )
    return _apply(actor, current, fields, {})


def _check_ministry(organisation: Organisation, country_ids: set[int]) -> bool:
    return (
        organisation.kind in MINISTRY_KINDS and organisation.country_id in country_ids
    )


def _not_found(field: str, pk: Any = None) -> ValidationError:
    """The error for an organisation the actor may not see: as if it did not
    exist (Django's own words for a form's invalid choice)."""
    if pk is None:
        message = _(
            "Select a valid choice. That choice is not one of the available choices."
        )
    else:
        message = _(
            "Select a valid choice. %(value)s is not one of the available choices."
        ) % {"value": pk}
    return ValidationError({field: message}, code="invalid_choice")


def _check_lead_ministry(actor: Any, current: PartnerCountry, ministry: Any) -> None:
    wanted = getattr(ministry, "pk", None)
    ids = [pk for pk in (wanted, current.lead_ministry_id) if pk is not None]
    visible = organisation_visible_ids(user=actor, ids=ids)
    if wanted is not None and wanted not in visible:
        raise _not_found("lead_ministry")
    hidden_now = current.lead_ministry_id not in (None, *visible)
    if hidden_now and wanted != current.lead_ministry_id:
        raise ValidationError(
            {
                "lead_ministry": _(
                    "The lead ministry is a restricted record: only people whose "
                    "scope covers it may change it."
                )
            }
        )
    if ministry is not None and not _check_ministry(ministry, {current.country_id}):
        raise ValidationError(
            {
                "lead_ministry": _(
                    "Choose a ministry or government agency of %(country)s."
                )
                % {"country": current.country}
            }
        )


@transaction.atomic
def partner_country_update(
    *, actor: Any, partner_country: PartnerCountry, **fields: Any
) -> PartnerCountry:
    check_fields(fields, PARTNER_COUNTRY_FIELDS)
    current = PartnerCountry.objects.select_for_update().get(pk=partner_country.pk)
    require(
        can_edit_partner_country(actor, current),
        actor,
        _("You may not change this partner country."),
    )
    if "lead_ministry" in fields:
        _check_lead_ministry(actor, current, fields["lead_ministry"])
    return _apply(actor, current, fields, {})


def _validated_pdf(document: UploadedFile) -> UploadedFile:
    try:
        validate_upload(document, extensions=("pdf",))
    except ValidationError as error:
        raise ValidationError({"document": error.messages}) from error
    document.seek(0)
    header = document.read(5)
    document.seek(0)
    if header != b"%PDF-":
        raise ValidationError(
            {"document": _("The file is not a PDF document.")}, code="bad_type"
        )
    return document


def _store_document(
    memorandum: Memorandum, document: UploadedFile | None, remove: bool
) -> dict[str, list[Any]]:
    """Replace or remove the signed document; the old file goes after commit."""
    old_name = memorandum.document.name
    if document is not None:
        memorandum.document.save(
            f"memorandum-{memorandum.pk}.pdf", _validated_pdf(document), save=False
        )
    elif remove:
        memorandum.document = ""
    new_name = memorandum.document.name or ""
    if old_name == new_name:
        return {}
    if old_name:
        storage = memorandum.document.storage
        transaction.on_commit(lambda: storage.delete(old_name))
    return {"document": [old_name or "", new_name]}


def _signatories_change(
    actor: Any, memorandum: Memorandum, signatories: Iterable[Organisation] | None
) -> dict[str, list[Any]]:
    """Replace the signatories the actor sees with ``signatories``; those hidden
    from the actor stay."""
    if signatories is None:
        return {}
    wanted = list(signatories)
    before = sorted(memorandum.signatory_ministries.values_list("pk", flat=True))
    visible = organisation_visible_ids(
        user=actor, ids=[*before, *(org.pk for org in wanted)]
    )
    for org in wanted:
        if org.pk not in visible:
            raise _not_found("signatory_ministries", org.pk)
    countries = {memorandum.first_country_id, memorandum.second_country_id}
    if any(not _check_ministry(org, countries) for org in wanted):
        raise ValidationError(
            {
                "signatory_ministries": _(
                    "Signatories must be ministries or government agencies of "
                    "%(first)s or %(second)s."
                )
                % {
                    "first": memorandum.first_country,
                    "second": memorandum.second_country,
                }
            }
        )
    kept = {pk for pk in before if pk not in visible}
    after = sorted({org.pk for org in wanted} | kept)
    if before == after:
        return {}
    memorandum.signatory_ministries.set(after)
    return {"signatory_ministries": [before, after]}


@transaction.atomic
def memorandum_update(
    *,
    actor: Any,
    memorandum: Memorandum,
    signatory_ministries: Iterable[Organisation] | None = None,
    document: UploadedFile | None = None,
    remove_document: bool = False,
    **fields: Any,
) -> Memorandum:
    """Complete a memorandum: ``fields`` among title_fr/en/ar, signed_on, notes;
    ``signatory_ministries`` replaces the list when given; ``document`` (a PDF)
    replaces the signed copy, ``remove_document`` deletes it."""
    check_fields(fields, MEMORANDUM_FIELDS)
    current = Memorandum.objects.select_for_update().get(pk=memorandum.pk)
    require(
        can_edit_memorandum(actor, current),
        actor,
        _("You may only complete memoranda signed by a country in your scope."),
    )
    extra = _signatories_change(actor, current, signatory_ministries)
    extra.update(_store_document(current, document, remove_document))
    return _apply(actor, current, fields, extra)
