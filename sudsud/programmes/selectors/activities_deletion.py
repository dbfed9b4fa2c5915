"""What deleting an activity or an action plan would take with it, and what
stops it: the counts its confirmation page lists and its service re-checks.

Deleting an activity removes its country shares, partners, budget lines,
deliverables (and their stored documents), and its results with their
indicators, periods and targets, reported values and evidence (and the evidence
files). Deleting a plan removes the plan's own results the same way; a plan that
still has activities is never deleted. Three things stop a deletion:

* approved values (``approved_values``): they were reported to donors;
* activities still in the plan (``activities``);
* results of other activities or plans filed under one of these results
  (``outside_results``; ``Result.parent`` is protected).

Indicators of other activities or plans that contribute to one of these
indicators (``contributors``) are kept and stop contributing.
"""

from dataclasses import dataclass, fields

from django.db.models import QuerySet

from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    Evidence,
    Indicator,
    IndicatorPeriod,
    IndicatorUpdate,
    Result,
    UpdateStatus,
)


@dataclass(frozen=True)
class DeletionSummary:
    """Counts of what goes with the record (deleted) and of what stops it."""

    partners: int = 0
    budget_lines: int = 0
    deliverables: int = 0
    documents: int = 0  # deliverables' stored documents
    results: int = 0
    indicators: int = 0
    periods: int = 0
    values: int = 0  # reported values not approved: draft, submitted, returned
    evidence: int = 0
    evidence_files: int = 0
    contributors: int = 0  # kept, detached
    approved_values: int = 0  # stops it
    activities: int = 0  # stops it (plans)
    outside_results: int = 0  # stops it

    def note(self) -> str:
        """The non-zero counts, for the audit entry (not translated, like every
        audit note): ``"with budget_lines=2, results=1"``."""
        parts = [f"{f.name}={getattr(self, f.name)}" for f in fields(self)]
        kept = [part for part in parts if not part.endswith("=0")]
        return f"with {', '.join(kept)}" if kept else ""


def _results_summary(results: QuerySet[Result]) -> dict[str, int]:
    indicators = Indicator.objects.filter(result__in=results)
    periods = IndicatorPeriod.objects.filter(indicator__in=indicators)
    updates = IndicatorUpdate.objects.filter(period__in=periods)
    evidence = Evidence.objects.filter(update__in=updates)
    approved = updates.filter(status=UpdateStatus.APPROVED).count()
    return {
        "results": results.count(),
        "indicators": indicators.count(),
        "periods": periods.count(),
        "values": updates.count() - approved,
        "approved_values": approved,
        "evidence": evidence.count(),
        "evidence_files": evidence.exclude(document="").count(),
        "contributors": Indicator.objects.filter(parent__in=indicators)
        .exclude(result__in=results)
        .count(),
        "outside_results": Result.objects.filter(parent__in=results)
        .exclude(pk__in=results)
        .count(),
    }


def activity_deletion_summary(activity: Activity) -> DeletionSummary:
    """What deleting ``activity`` would remove, keep detached, or be stopped by."""
    deliverables = activity.deliverables.all()
    return DeletionSummary(
        partners=activity.partners.count(),
        budget_lines=activity.budget_lines.count(),
        deliverables=deliverables.count(),
        documents=deliverables.exclude(document="").count(),
        **_results_summary(Result.objects.filter(activity=activity)),
    )


def plan_deletion_summary(plan: ActionPlan) -> DeletionSummary:
    """What deleting ``plan`` would remove (its own results), or be stopped by."""
    return DeletionSummary(
        activities=Activity.objects.filter(plan=plan).count(),
        **_results_summary(Result.objects.filter(plan=plan)),
    )
