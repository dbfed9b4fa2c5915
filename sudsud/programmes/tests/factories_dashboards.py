"""Factories and a small known data set for the dashboards' tests."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import factory
from django.utils import timezone

from sudsud.organisations.models import OrganisationKind
from sudsud.programmes.models import (
    ActivityStatus,
    Aggregation,
    BudgetLine,
    IndicatorUpdate,
    UpdateStatus,
)

from .factories import (
    ActionPlanFactory,
    ActivityFactory,
    DomainFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    OrganisationFactory,
    ProgrammeFactory,
    ResultFactory,
)

TODAY = datetime.date(2025, 6, 1)


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    activity = factory.SubFactory(ActivityFactory)
    funder = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.OTHER)
    implementer = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.OTHER)
    year = 2025
    planned = Decimal(1000)


def approved(period, value, *, country=None, when=None):  # type: ignore[no-untyped-def]
    return IndicatorUpdate.objects.create(
        period=period,
        country=country,
        status=UpdateStatus.APPROVED,
        value=Decimal(value),
        reviewed_at=when or timezone.now(),
    )


def _period(indicator, year, target):  # type: ignore[no-untyped-def]
    return IndicatorPeriodFactory(
        indicator=indicator,
        start=datetime.date(year, 1, 1),
        end=datetime.date(year, 12, 31),
        target_value=None if target is None else Decimal(target),
    )


def _activities(c, plans, domains):  # type: ignore[no-untyped-def]
    day = datetime.date
    a1 = ActivityFactory(
        plan=plans[0], code="A1", countries=[(c["SEN"], 100)],
        status=ActivityStatus.IMPLEMENTATION,
        planned_start=day(2020, 1, 1), planned_end=day(2020, 12, 31),
        actual_start=day(2020, 3, 1),
    )  # fmt: skip
    a2 = ActivityFactory(
        plan=plans[0], code="A2", countries=[(c["SEN"], 50), (c["MAR"], 50)],
        status=ActivityStatus.PIPELINE,
        planned_start=day(2025, 1, 1), planned_end=day(2026, 12, 31),
    )  # fmt: skip
    a3 = ActivityFactory(
        plan=plans[1], code="A3", countries=[(c["MLI"], 100)],
        status=ActivityStatus.CLOSED, is_restricted=True,
        planned_start=day(2020, 1, 1), planned_end=day(2021, 12, 31),
    )  # fmt: skip
    a4 = ActivityFactory(
        plan=plans[1], code="A4", countries=[(c["CIV"], 100)],
        status=ActivityStatus.IMPLEMENTATION,
        planned_start=day(2025, 1, 1), planned_end=day(2027, 12, 31),
    )  # fmt: skip
    a1.domains.set([domains[0]])
    a2.domains.set(domains)
    return a1, a2, a3, a4


def _indicators(c, programme, a1, a3):  # type: ignore[no-untyped-def]
    i1 = IndicatorFactory(result=ResultFactory(programme=programme, activity=a1))
    approved(_period(i1, 2021, 100), 120)  # reached
    approved(_period(i1, 2022, 100), 60)  # 50–74 %
    submitted = _period(i1, 2023, 100)
    IndicatorUpdate.objects.create(
        period=submitted, status=UpdateStatus.SUBMITTED, value=Decimal(90)
    )  # not approved: not measured
    approved(_period(i1, 2024, None), 10)  # no target: not measured
    i2 = IndicatorFactory(result=ResultFactory(programme=programme, activity=a3))
    approved(_period(i2, 2021, 100), 10)  # under 25 %, restricted activity
    # Programme-level, lower is better, latest value: 8 (≤ 10) reached.
    i3 = IndicatorFactory(
        result=ResultFactory(programme=programme),
        aggregation=Aggregation.LATEST,
        ascending=False,
    )
    period = _period(i3, 2021, 10)
    earlier = timezone.now() - datetime.timedelta(days=3)
    approved(period, 40, country=c["SEN"], when=earlier)
    approved(period, 8, country=c["MAR"])
    return i1, i2, i3


def dashboard_data(countries):  # type: ignore[no-untyped-def]
    """Four activities in two plans (one restricted to Mali), three indicators,
    four budget lines; see the expected figures in test_dashboards_selectors."""
    programme = ProgrammeFactory()
    plans = [
        ActionPlanFactory(programme=programme, code="PA-A"),
        ActionPlanFactory(programme=programme, code="PA-B"),
    ]
    domains = [
        DomainFactory(programme=programme, code="d1", order=1),
        DomainFactory(programme=programme, code="d2", order=2),
    ]
    a1, a2, a3, a4 = _activities(countries, plans, domains)
    i1, i2, i3 = _indicators(countries, programme, a1, a3)
    org = {
        name: OrganisationFactory(
            name=name,
            acronym=name,
            kind=OrganisationKind.OTHER,
            country=countries["FRA"],
        )
        for name in ("EUTF", "BMZ", "GIZ", "EF")
    }
    money = [
        (a1, "EUTF", "GIZ", 1000, 500, 200),
        (a2, "EUTF", "EF", 2000, 0, 0),
        (a3, "BMZ", "GIZ", 4000, 4000, 3000),
    ]
    for activity, funder, implementer, planned, committed, spent in money:
        BudgetLineFactory(
            activity=activity,
            funder=org[funder],
            implementer=org[implementer],
            planned=Decimal(planned),
            committed=Decimal(committed),
            spent=Decimal(spent),
        )
    return SimpleNamespace(
        programme=programme, plans=plans, domains=domains,
        activities=(a1, a2, a3, a4), indicators=(i1, i2, i3), org=org,
    )  # fmt: skip
