"""Deleting an activity or an action plan.

What goes with each, and what stops it, is counted once in
``selectors.activities_deletion`` (the confirmation page lists the same counts).
Who may delete is ``permissions_activities.can_delete_activity`` /
``can_delete_plan``: more than editing, every country of the record must be in
the person's scope.

Deletion is refused (``DeletionRefusedError``, a ``ValidationError`` the API
answers with 409) whoever asks, while:

* an activity's results have approved values: they were reported to donors, so
  the activity is set to "Cancelled" (IATI status 5) instead and kept;
* a plan still has activities, or its own results have approved values;
* a result of another activity or plan is filed under one of these results.

Every row removed that has its own history (the record, its partners, budget
lines, deliverables, results, indicators, periods and values) gets a deletion
entry with its last values; the record's entry also keeps its countries (and an
activity's domains and implementers) and the counts. Indicators elsewhere that
contributed to a deleted indicator are kept, detached, each with an entry. The
stored files (deliverables' documents, evidence files) are deleted after commit.
"""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sudsud.core.audit import audit_deleted, audit_updated, model_snapshot
from sudsud.core.services import require
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    Deliverable,
    Evidence,
    Indicator,
    IndicatorPeriod,
    IndicatorUpdate,
    Result,
)
from sudsud.programmes.permissions_activities import (
    can_delete_activity,
    can_delete_plan,
)
from sudsud.programmes.selectors.activities_deletion import (
    DeletionSummary,
    activity_deletion_summary,
    plan_deletion_summary,
)

DETACHED_NOTE = "no longer contributes: the indicator it fed was deleted with %s"


class DeletionRefusedError(ValidationError):
    """A deletion the data forbids, whoever asks."""


def _outside_results(summary: DeletionSummary) -> list[str]:
    count = summary.outside_results
    if not count:
        return []
    return [
        ngettext(
            "%(count)d result of another activity or plan sits under one of these "
            "results: attach it to another result first.",
            "%(count)d results of other activities or plans sit under these "
            "results: attach them to other results first.",
            count,
        )
        % {"count": count}
    ]


def activity_delete_refusals(summary: DeletionSummary) -> list[str]:
    """Why the activity may not be deleted (empty: it may)."""
    refusals = _outside_results(summary)
    count = summary.approved_values
    if count:
        refusals.insert(
            0,
            ngettext(
                "This activity has %(count)d approved indicator value, already "
                "reported to donors: it cannot be deleted. Set its status to "
                "“Cancelled” instead; the record is kept for donors.",
                "This activity has %(count)d approved indicator values, already "
                "reported to donors: it cannot be deleted. Set its status to "
                "“Cancelled” instead; the record is kept for donors.",
                count,
            )
            % {"count": count},
        )
    return refusals


def plan_delete_refusals(summary: DeletionSummary) -> list[str]:
    """Why the plan may not be deleted (empty: it may)."""
    refusals = []
    if summary.activities:
        refusals.append(
            ngettext(
                "This action plan still has %(count)d activity: delete it or move "
                "it to another plan first.",
                "This action plan still has %(count)d activities: delete them or "
                "move them to another plan first.",
                summary.activities,
            )
            % {"count": summary.activities}
        )
    if summary.approved_values:
        refusals.append(
            ngettext(
                "The plan's results have %(count)d approved indicator value, "
                "already reported to donors: the plan cannot be deleted.",
                "The plan's results have %(count)d approved indicator values, "
                "already reported to donors: the plan cannot be deleted.",
                summary.approved_values,
            )
            % {"count": summary.approved_values}
        )
    return refusals + _outside_results(summary)


def _refuse_if(refusals: list[str]) -> None:
    if refusals:
        raise DeletionRefusedError(refusals, code="protected")


# --- Helpers --------------------------------------------------------------------


def _lock_values(results: QuerySet[Result]) -> None:
    """Lock the values reported against ``results``, so none is approved between
    the count and the deletion."""
    updates = IndicatorUpdate.objects.filter(period__indicator__result__in=results)
    list(updates.select_for_update(of=("self",)).values_list("pk", flat=True))


def _audit_each(actor: Any, rows: Iterable[models.Model], note: str) -> None:
    for row in rows:
        audit_deleted(actor=actor, instance=row, note=note)


def _audit_results(actor: Any, results: QuerySet[Result], note: str) -> None:
    indicators = Indicator.objects.filter(result__in=results)
    periods = IndicatorPeriod.objects.filter(indicator__in=indicators)
    _audit_each(actor, results, note)
    _audit_each(actor, indicators, note)
    _audit_each(actor, periods, note)
    _audit_each(actor, IndicatorUpdate.objects.filter(period__in=periods), note)


def _detach_contributors(actor: Any, results: QuerySet[Result], label: str) -> None:
    """Indicators elsewhere that fed an indicator of ``results`` stop feeding it."""
    indicators = Indicator.objects.filter(result__in=results)
    outside = Indicator.objects.filter(parent__in=indicators).exclude(
        result__in=results
    )
    for indicator in outside.select_for_update(of=("self",)):
        before = model_snapshot(indicator)
        indicator.parent = None
        indicator.save(update_fields=["parent"])
        audit_updated(
            actor=actor, instance=indicator, before=before, note=DETACHED_NOTE % label
        )


def _delete_results(results: QuerySet[Result]) -> None:
    """Delete ``results`` and what hangs from them. ``Result.parent`` protects a
    result from losing its parent, also when both go: unlink them first."""
    ids = list(results.values_list("pk", flat=True))
    Result.objects.filter(pk__in=ids, parent_id__in=ids).update(parent=None)
    Result.objects.filter(pk__in=ids).delete()


def _stored_files(
    deliverables: QuerySet[Deliverable], results: QuerySet[Result]
) -> list[tuple[Any, str]]:
    """(storage, name) of the deliverables' documents and the evidence files."""
    evidence = Evidence.objects.filter(update__period__indicator__result__in=results)
    pairs: list[tuple[Any, str]] = []
    for rows in (deliverables, evidence):
        storage = rows.model._meta.get_field("document").storage
        names = rows.exclude(document="").values_list("document", flat=True)
        pairs += [(storage, name) for name in names]
    return pairs


def _delete_after_commit(files: list[tuple[Any, str]]) -> None:
    def delete() -> None:
        for storage, name in files:
            storage.delete(name)

    if files:
        transaction.on_commit(delete)


def _keep_in_entry(entry: Any, **values: Any) -> None:
    """Add what ``audit_deleted`` cannot see (many-to-many) to its snapshot."""
    entry.changes.update({key: [value, None] for key, value in values.items()})
    entry.save(update_fields=["changes"])


def _audit_activity(actor: Any, activity: Activity, summary: DeletionSummary) -> None:
    shares = activity.country_shares.select_related("country").order_by("country__iso3")
    entry = audit_deleted(actor=actor, instance=activity, note=summary.note())
    _keep_in_entry(
        entry,
        countries=[[s.country.iso3, f"{s.share.normalize():f}"] for s in shares],
        domains=sorted(activity.domains.values_list("pk", flat=True)),
        implementers=sorted(activity.implementers.values_list("pk", flat=True)),
    )


# --- Services -------------------------------------------------------------------


@transaction.atomic
def activity_delete(*, actor: Any, activity: Activity) -> None:
    """Delete ``activity`` and everything that makes it up (see the module)."""
    current = Activity.objects.select_for_update().get(pk=activity.pk)
    require(
        can_delete_activity(actor, current),
        actor,
        _("Only people whose scope covers every country of the activity delete it."),
    )
    results = Result.objects.filter(activity=current)
    _lock_values(results)
    summary = activity_deletion_summary(current)
    _refuse_if(activity_delete_refusals(summary))
    files = _stored_files(current.deliverables.all(), results)
    note = f"deleted with activity {current.code}"
    for related in (current.partners, current.budget_lines, current.deliverables):
        _audit_each(actor, related.all(), note)
    _audit_results(actor, results, note)
    _detach_contributors(actor, results, f"activity {current.code}")
    _audit_activity(actor, current, summary)
    _delete_results(results)
    current.delete()
    _delete_after_commit(files)


@transaction.atomic
def plan_delete(*, actor: Any, plan: ActionPlan) -> None:
    """Delete ``plan`` and its own results; refused while it has activities."""
    current = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    require(
        can_delete_plan(actor, current),
        actor,
        _(
            "Only programme administrators and the coordinators of every country "
            "of the plan delete it."
        ),
    )
    results = Result.objects.filter(plan=current)
    _lock_values(results)
    summary = plan_deletion_summary(current)
    _refuse_if(plan_delete_refusals(summary))
    files = _stored_files(Deliverable.objects.none(), results)
    _audit_results(actor, results, f"deleted with action plan {current.code}")
    _detach_contributors(actor, results, f"action plan {current.code}")
    entry = audit_deleted(actor=actor, instance=current, note=summary.note())
    countries = current.countries.order_by("iso3").values_list("iso3", flat=True)
    _keep_in_entry(entry, countries=list(countries))
    _delete_results(results)
    current.delete()
    _delete_after_commit(files)
