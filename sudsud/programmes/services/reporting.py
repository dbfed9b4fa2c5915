"""The reporting workflow: a period's actual, entered as a draft, submitted,
approved or returned by the country's coordinator, reopened by an administrator.

::

    draft ──submit──▶ submitted ──approve──▶ approved ──reopen (admin)──▶ draft
      ▲                   │
      └── returned ◀─return (reason)

Drafts and returned updates can be edited (with their breakdowns and evidence) by
the people who report for the update's country; submitted and approved updates are
locked. Four eyes: the person who submitted an update never approves it (returning
it, to withdraw it, stays open to them). Who may do what is in
``programmes.permissions_results``; a wrong person gets ``PermissionDenied``, a
step that does not apply to the update's status gets a ``ValidationError`` saying
why. Every step is an audit entry on the update (status before and after, who,
when, the reason as the note), shown in the indicator's history.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sudsud.core.audit import audit_created, audit_record, model_snapshot, snapshot_diff
from sudsud.core.models import AuditAction
from sudsud.core.services import check_fields
from sudsud.core.uploads import validate_upload
from sudsud.places.models import Place
from sudsud.programmes.models import (
    ActualBreakdown,
    Evidence,
    IndicatorPeriod,
    IndicatorUpdate,
    UpdateStatus,
)
from sudsud.programmes.permissions_results import (
    can_reopen_update,
    can_report,
    can_report_update,
    can_review_update,
    is_own_work,
    result_country_ids,
)

from .results_values import amount_clean, breakdown_summary, breakdowns_clean

UPDATE_FIELDS = frozenset({"value", "narrative", "rating", "comment"})
EDITABLE = frozenset({UpdateStatus.DRAFT, UpdateStatus.RETURNED})
EVIDENCE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png", "docx", "xlsx", "odt", "ods", "csv")


def _locked_message(update: IndicatorUpdate) -> str:
    if update.status == UpdateStatus.APPROVED:
        return _(
            "This update is approved and locked; a programme administrator must "
            "reopen it before it can change."
        )
    return _("This update is submitted for approval and can no longer be edited.")


def _refuse(message: str) -> None:
    raise PermissionDenied(message)


def update_country_check(period: IndicatorPeriod, country: Place | None) -> None:
    """The rule shared by the page and the API: an indicator whose result (its
    activity, else its plan) has countries is reported country by country, so the
    country is required and must be one of them; a programme-level indicator is
    reported once overall, without a country."""
    countries = result_country_ids(period.indicator.result)
    if countries and country is None:
        raise ValidationError(
            {"country": _("Choose the country this actual is reported for.")}
        )
    if not countries and country is not None:
        raise ValidationError(
            {
                "country": _(
                    "This indicator is reported once for the whole programme, "
                    "without a country."
                )
            }
        )
    if country is not None and country.pk not in countries:
        raise ValidationError(
            {
                "country": _("This indicator is not reported for %(country)s.")
                % {"country": country}
            }
        )


def _replace_breakdowns(
    update: IndicatorUpdate, values: Mapping[str, Any] | None
) -> dict[str, list[Any]]:
    if values is None:
        return {}
    clean = breakdowns_clean(
        update.period.indicator, values, country=update.country, total=update.value
    )
    old = {b.key: b.value for b in update.breakdowns.all()}
    if old == clean:
        return {}
    update.breakdowns.all().delete()
    ActualBreakdown.objects.bulk_create(
        ActualBreakdown(update=update, key=key, value=value)
        for key, value in clean.items()
    )
    as_text = {key: str(value) for key, value in old.items()}
    return {"breakdowns": [as_text, {k: str(v) for k, v in clean.items()}]}


@transaction.atomic
def indicator_update_save(
    *,
    actor: Any,
    period: IndicatorPeriod,
    country: Place | None = None,
    breakdowns: Mapping[str, Any] | None = None,
    **fields: Any,
) -> IndicatorUpdate:
    """Create or change the draft actual of ``period`` for ``country``.
    ``breakdowns=None`` leaves the breakdowns as they are."""
    check_fields(fields, UPDATE_FIELDS)
    country_id = country.pk if country is not None else None
    update_country_check(period, country)
    if not can_report(actor, period=period, country_id=country_id):
        _refuse(_("You may not report actuals for this country."))
    update = (
        IndicatorUpdate.objects.select_for_update()
        .filter(period=period, country=country)
        .order_by("pk")  # no join on country: FOR UPDATE refuses outer joins
        .first()
    ) or IndicatorUpdate(period=period, country=country, created_by=actor)
    if update.status not in EDITABLE:
        raise ValidationError(_locked_message(update))
    before = model_snapshot(update) if update.pk else None
    for name, value in fields.items():
        setattr(update, name, value)
    update.value = amount_clean("value", update.value)
    update.full_clean(exclude=["created_by"])
    update.save()
    extra = _replace_breakdowns(update, breakdowns)
    note = breakdown_summary(extra["breakdowns"][1]) if extra else ""
    changes = {**snapshot_diff(before or {}, model_snapshot(update)), **extra}
    changes.pop("updated_at", None)
    if changes and update.edited_by_id != getattr(actor, "pk", None):
        update.edited_by = actor
        update.save(update_fields=["edited_by"])
    if before is None:
        audit_created(actor=actor, instance=update, note=note)
    else:
        if changes:
            audit_record(
                actor=actor,
                action=AuditAction.UPDATE,
                instance=update,
                changes=changes,
                note=note,
            )
    return update


def _transition(
    actor: Any,
    update: IndicatorUpdate,
    *,
    allowed_from: frozenset[str],
    to: str,
    note: str = "",
) -> IndicatorUpdate:
    """Lock the row, check the status (and, to approve, that someone else
    submitted it), move it to ``to`` and audit the step."""
    current = IndicatorUpdate.objects.select_for_update().get(pk=update.pk)
    if current.status not in allowed_from:
        raise ValidationError(
            _("This update is “%(status)s”: it cannot be %(step)s.")
            % {"status": current.get_status_display(), "step": STEP_NAMES[to]()}
        )
    if to == UpdateStatus.SUBMITTED:
        _check_complete(current)
    if to == UpdateStatus.APPROVED and is_own_work(actor, current):
        _refuse(own_submission_message())
    before = model_snapshot(current)
    current.status = to
    if to == UpdateStatus.RETURNED:
        current.return_reason = note
    return _finish(actor, current, before, note)


def _finish(
    actor: Any, update: IndicatorUpdate, before: dict, note: str
) -> IndicatorUpdate:
    now = timezone.now()
    if update.status == UpdateStatus.SUBMITTED:
        update.submitted_by, update.submitted_at = actor, now
        update.return_reason = ""
    elif update.status in (UpdateStatus.APPROVED, UpdateStatus.RETURNED):
        update.reviewed_by, update.reviewed_at = actor, now
    update.full_clean(exclude=["created_by"])
    update.save()
    changes = snapshot_diff(before, model_snapshot(update))
    changes.pop("updated_at", None)
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=update,
        changes=changes,
        note=note,
    )
    return update


STEP_NAMES: dict[str, Callable[[], str]] = {
    UpdateStatus.SUBMITTED: lambda: _("submitted"),
    UpdateStatus.APPROVED: lambda: _("approved"),
    UpdateStatus.RETURNED: lambda: _("returned"),
    UpdateStatus.DRAFT: lambda: _("reopened"),
}


def own_submission_message() -> str:
    """Why the person who entered or submitted an update may not approve it."""
    return _(
        "You entered or submitted these figures: another coordinator or a "
        "programme administrator must approve them. You may still return the "
        "update to withdraw it."
    )


def _check_complete(update: IndicatorUpdate) -> None:
    indicator = update.period.indicator
    if indicator.is_quantitative and update.value is None:
        raise ValidationError({"value": _("Enter the actual value before submitting.")})
    if not indicator.is_quantitative and (not update.narrative or not update.rating):
        raise ValidationError(
            _("Enter the narrative and the rating before submitting.")
        )


@transaction.atomic
def indicator_update_submit(
    *, actor: Any, update: IndicatorUpdate, note: str = ""
) -> IndicatorUpdate:
    if not can_report_update(actor, update):
        _refuse(_("You may not submit actuals for this country."))
    return _transition(
        actor, update, allowed_from=EDITABLE, to=UpdateStatus.SUBMITTED, note=note
    )


@transaction.atomic
def indicator_update_approve(
    *, actor: Any, update: IndicatorUpdate, note: str = ""
) -> IndicatorUpdate:
    if not can_review_update(actor, update):
        _refuse(_("Only the coordinator of this country may approve this update."))
    submitted = frozenset({UpdateStatus.SUBMITTED})
    return _transition(
        actor, update, allowed_from=submitted, to=UpdateStatus.APPROVED, note=note
    )


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason.")})
    return reason.strip()


@transaction.atomic
def indicator_update_return(
    *, actor: Any, update: IndicatorUpdate, reason: str
) -> IndicatorUpdate:
    if not can_review_update(actor, update):
        _refuse(_("Only the coordinator of this country may return this update."))
    return _transition(
        actor,
        update,
        allowed_from=frozenset({UpdateStatus.SUBMITTED}),
        to=UpdateStatus.RETURNED,
        note=_reason(reason),
    )


@transaction.atomic
def indicator_update_reopen(
    *, actor: Any, update: IndicatorUpdate, reason: str
) -> IndicatorUpdate:
    if not can_reopen_update(actor, update):
        _refuse(_("Only a programme administrator may reopen an approved update."))
    return _transition(
        actor,
        update,
        allowed_from=frozenset({UpdateStatus.APPROVED}),
        to=UpdateStatus.DRAFT,
        note=_reason(reason),
    )


# --- Evidence ------------------------------------------------------------------------


def _require_editable(actor: Any, update: IndicatorUpdate) -> None:
    if not can_report_update(actor, update):
        _refuse(_("You may not report actuals for this country."))
    if update.status not in EDITABLE:
        raise ValidationError(_locked_message(update))


@transaction.atomic
def evidence_add(
    *,
    actor: Any,
    update: IndicatorUpdate,
    caption: str = "",
    document: UploadedFile | None = None,
    link: str = "",
) -> Evidence:
    current = IndicatorUpdate.objects.select_for_update().get(pk=update.pk)
    _require_editable(actor, current)
    if document is not None:
        try:
            validate_upload(document, extensions=EVIDENCE_EXTENSIONS)
        except ValidationError as error:
            raise ValidationError({"document": error.messages}) from error
    evidence = Evidence(update=current, caption=caption, link=link)
    if document is not None:
        evidence.document = document
    evidence.full_clean()
    evidence.save()
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=current,
        changes={"evidence": [None, str(evidence)]},
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor: Any, evidence: Evidence) -> None:
    current = IndicatorUpdate.objects.select_for_update().get(pk=evidence.update_id)
    _require_editable(actor, current)
    label = str(evidence)
    name, storage = evidence.document.name or "", evidence.document.storage
    evidence.delete()
    if name:  # once committed: a rollback keeps the row, so its file too
        transaction.on_commit(lambda: storage.delete(name))
    audit_record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=current,
        changes={"evidence": [label, None]},
    )
