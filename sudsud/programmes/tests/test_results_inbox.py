"""``selectors/results_inbox.py``: each expected (period × country) actual that is
due and missing, scoped and counted in SQL, in a fixed number of queries."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from sudsud.accounts.models import Role
from sudsud.programmes.models import UpdateStatus
from sudsud.programmes.selectors import results_inbox
from sudsud.programmes.selectors.results_inbox import inbox_counts, inbox_for_user

from .factories import IndicatorFactory, IndicatorPeriodFactory, IndicatorUpdateFactory
from .factories_results import bilateral_period

pytestmark = pytest.mark.django_db
ENDED = {"start": dt.date(2020, 1, 1), "end": dt.date(2020, 12, 31)}


@pytest.fixture
def period(countries):
    return bilateral_period(countries, target_value=Decimal(100), **ENDED)


def _pairs(inbox):
    return [(item.period, item.country) for item in inbox.missing]


def test_inbox_keeps_a_country_missing_when_another_reported(
    make_user, period, countries
):
    IndicatorUpdateFactory(period=period, country=countries["MAR"])
    admin = make_user(Role.PROGRAMME_ADMIN)
    senegal = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])
    morocco = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["MAR"]])

    assert _pairs(inbox_for_user(user=admin)) == [(period, countries["SEN"])]
    assert _pairs(inbox_for_user(user=senegal)) == [(period, countries["SEN"])]
    assert _pairs(inbox_for_user(user=morocco)) == []


def test_inbox_lists_a_programme_level_actual_for_programme_wide_people(
    make_user, countries
):
    overall = IndicatorPeriodFactory(**ENDED)  # a programme-level result
    admin = make_user(Role.PROGRAMME_ADMIN)
    senegal = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])

    assert _pairs(inbox_for_user(user=admin)) == [(overall, None)]
    assert _pairs(inbox_for_user(user=senegal)) == []
    IndicatorUpdateFactory(period=overall, country=None)
    assert _pairs(inbox_for_user(user=admin)) == []


def test_inbox_filters_updates_by_the_scope_of_their_country(
    make_user, period, countries
):
    IndicatorUpdateFactory(
        period=period, country=countries["MAR"], status=UpdateStatus.SUBMITTED
    )
    sen_update = IndicatorUpdateFactory(
        period=period, country=countries["SEN"], status=UpdateStatus.RETURNED
    )
    coordinator = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])

    inbox = inbox_for_user(user=coordinator)

    assert inbox.to_review == []
    assert inbox.to_edit == [sen_update]
    assert inbox.count == 1 == inbox_counts(user=coordinator)


def test_inbox_is_limited_and_counts_everything(
    make_user, period, countries, monkeypatch
):
    monkeypatch.setattr(results_inbox, "INBOX_LIMIT", 2)
    for year in (2017, 2018, 2019):
        IndicatorPeriodFactory(
            indicator=period.indicator,
            start=dt.date(year, 1, 1),
            end=dt.date(year, 12, 31),
        )
    staff = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])

    inbox = inbox_for_user(user=staff)

    assert [item.period.end.year for item in inbox.missing] == [2017, 2018]
    assert inbox.missing_count == 4
    assert inbox_counts(user=staff) == 4


def test_inbox_takes_a_fixed_number_of_queries(
    client, make_user, period, countries, django_assert_max_num_queries
):
    staff = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])
    client.force_login(staff)
    client.get(reverse("programmes:inbox"))  # warm the session and caches

    for _ in range(5):
        indicator = IndicatorFactory(result=period.indicator.result)
        ended = IndicatorPeriodFactory(indicator=indicator, **ENDED)
        IndicatorUpdateFactory(
            period=ended, country=countries["SEN"], status=UpdateStatus.DRAFT
        )
        IndicatorPeriodFactory(
            indicator=indicator, start=dt.date(2019, 1, 1), end=dt.date(2019, 12, 31)
        )

    with django_assert_max_num_queries(14):
        page = client.get(reverse("programmes:inbox"))
    with django_assert_max_num_queries(9):
        badge = client.get(reverse("programmes:inbox_badge"))

    assert len(page.context["inbox"].missing) == 6  # 2020 of the first + 5 × 2019
    assert len(page.context["inbox"].to_edit) == 5
    assert ">11<" in badge.content.decode()
