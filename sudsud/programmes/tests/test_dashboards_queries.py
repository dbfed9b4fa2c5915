"""Dashboards cost the same number of queries for 10 activities or 100."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sudsud.programmes.models import Activity

from .factories import (
    ActionPlanFactory,
    ActivityFactory,
    DomainFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    ResultFactory,
)
from .factories_dashboards import BudgetLineFactory, approved

pytestmark = pytest.mark.django_db
MAX_QUERIES = 14


def _grow(countries, total):
    """Bring the programme to ``total`` activities, each with a country, a domain,
    a budget line and an indicator period with an approved actual."""
    plan = ActionPlanFactory()
    domain = DomainFactory(programme=plan.programme)
    for _ in range(total - Activity.objects.count()):
        activity = ActivityFactory(
            plan=plan,
            countries=[(countries["SEN"], 60), (countries["MAR"], 40)],
            planned_start=datetime.date(2020, 1, 1),
            planned_end=datetime.date(2021, 1, 1),
            actual_start=datetime.date(2020, 2, 1),
        )
        activity.domains.add(domain)
        BudgetLineFactory(activity=activity)
        indicator = IndicatorFactory(
            result=ResultFactory(programme=plan.programme, activity=activity)
        )
        approved(IndicatorPeriodFactory(indicator=indicator), Decimal(50))
    return plan


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


PAGES = [
    lambda plan: reverse("programmes:dashboard"),
    lambda plan: reverse("programmes:plan_dashboard", args=[plan.pk]),
    lambda plan: reverse("programmes:country_dashboard", args=["SEN"]),
    lambda plan: reverse("programmes:timeline"),
    lambda plan: reverse("programmes:timeline") + "?format=csv",
    lambda plan: reverse("programmes:dashboard") + "?format=csv&chart=funders",
    lambda plan: "/api/v1/dashboards/overview/",
    lambda plan: f"/api/v1/dashboards/plans/{plan.pk}/",
    lambda plan: "/api/v1/dashboards/countries/SEN/",
]


@pytest.mark.parametrize("page", range(len(PAGES)))
def test_dashboard_queries_do_not_grow_with_activities(
    page, admin_client, countries, django_assert_max_num_queries
):
    plan = _grow(countries, 10)
    url = PAGES[page](plan)
    with django_assert_max_num_queries(MAX_QUERIES):
        at_ten = _count(admin_client, url)
    _grow(countries, 100)
    with django_assert_max_num_queries(MAX_QUERIES):
        at_hundred = _count(admin_client, url)
    assert at_hundred == at_ten


def test_indicator_chart_queries_do_not_grow_with_periods(
    admin_client, django_assert_max_num_queries
):
    indicator = IndicatorFactory()
    url = reverse("programmes:indicator_chart", args=[indicator.pk])
    for year in range(2020, 2022):
        approved(
            IndicatorPeriodFactory(
                indicator=indicator,
                start=datetime.date(year, 1, 1),
                end=datetime.date(year, 12, 31),
            ),
            5,
        )
    at_two = _count(admin_client, url)
    for year in range(2022, 2032):
        approved(
            IndicatorPeriodFactory(
                indicator=indicator,
                start=datetime.date(year, 1, 1),
                end=datetime.date(year, 12, 31),
            ),
            5,
        )
    with django_assert_max_num_queries(MAX_QUERIES):
        assert _count(admin_client, url) == at_two
