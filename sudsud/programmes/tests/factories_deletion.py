"""What the deletion tests build on the activities world: the bilateral activity
with a partner, a budget line, a deliverable with a stored document, and an
outcome with an output under it, an indicator, a period, a draft value for
Senegal with an evidence file."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile

from sudsud.programmes.models import (
    ActivityPartner,
    Evidence,
    PartnerRole,
    ResultLevel,
    UpdateStatus,
)

from .factories import (
    IndicatorFactory,
    IndicatorPeriodFactory,
    IndicatorUpdateFactory,
    ResultFactory,
)
from .factories_activities import BudgetLineFactory, DeliverableFactory, World


@dataclass
class Parts:
    partner: Any
    line: Any
    deliverable: Any
    outcome: Any
    output: Any
    indicator: Any
    period: Any
    value: Any
    evidence: Any


def add_parts(world: World, activity: Any = None, *, plan: Any = None) -> Parts:
    """Parts of ``activity`` (the bilateral one by default); with ``plan``, the
    results belong to the plan and the activity parts are still made."""
    activity = activity or world.bilateral
    countries = world.countries
    partner = ActivityPartner.objects.create(
        activity=activity, organisation=world.ministries["SEN"],
        role=PartnerRole.LEAD_MINISTRY, country=countries["SEN"],
    )  # fmt: skip
    line = BudgetLineFactory(activity=activity, funder=world.eu, implementer=world.giz)
    deliverable = DeliverableFactory(activity=activity)
    deliverable.document.save("rapport.pdf", ContentFile(b"%PDF-1.4"), save=True)
    owner = {"plan": plan} if plan is not None else {"activity": activity}
    outcome = ResultFactory(
        programme=world.programme, level=ResultLevel.OUTCOME, **owner
    )
    output = ResultFactory(programme=world.programme, parent=outcome, **owner)
    indicator = IndicatorFactory(result=output)
    period = IndicatorPeriodFactory(indicator=indicator)
    value = IndicatorUpdateFactory(
        period=period, country=countries["SEN"], status=UpdateStatus.DRAFT
    )
    evidence = Evidence(update=value, caption="Liste")
    evidence.document.save("liste.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return Parts(partner, line, deliverable, outcome, output, indicator, period,
                 value, evidence)  # fmt: skip


def approve(parts: Parts) -> None:
    parts.value.status = UpdateStatus.APPROVED
    parts.value.value = Decimal(12)
    parts.value.save()
