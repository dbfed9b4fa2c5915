import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from sudsud.programmes.models import ActualBreakdown, Aggregation, UpdateStatus
from sudsud.programmes.selectors.rollup import (
    indicator_period_values,
    indicator_period_values_many,
)

from .factories import IndicatorFactory, IndicatorPeriodFactory, IndicatorUpdateFactory

pytestmark = pytest.mark.django_db


def _approved(period, value, *, country=None, days_ago=0, breakdowns=None):
    update = IndicatorUpdateFactory(
        period=period,
        country=country,
        value=Decimal(value),
        status=UpdateStatus.APPROVED,
        reviewed_at=timezone.now() - datetime.timedelta(days=days_ago),
    )
    for key, amount in (breakdowns or {}).items():
        ActualBreakdown.objects.create(update=update, key=key, value=Decimal(amount))
    return update


def test_rollup_sums_approved_country_updates_and_ignores_drafts(countries):
    period = IndicatorPeriodFactory(target_value=Decimal(100))
    _approved(period, 30, country=countries["SEN"], breakdowns={"sex=female": 20})
    _approved(period, 25, country=countries["MLI"], breakdowns={"sex=female": 5})
    IndicatorUpdateFactory(period=period, country=countries["MAR"], value=Decimal(999))

    [row] = indicator_period_values(period.indicator)

    assert row.actual == Decimal(55)
    assert row.actual_breakdowns == {"sex=female": Decimal(25)}
    assert row.share_of_target == Decimal("0.55")
    assert row.approved_updates == 2


def test_rollup_latest_takes_the_most_recently_approved_value(countries):
    indicator = IndicatorFactory(aggregation=Aggregation.LATEST)
    period = IndicatorPeriodFactory(indicator=indicator)
    _approved(period, 40, country=countries["SEN"], days_ago=1)
    _approved(period, 10, country=countries["MLI"], days_ago=5)

    assert indicator_period_values(indicator)[0].actual == Decimal(40)


def test_rollup_adds_contributing_indicators_within_the_period():
    parent = IndicatorFactory(aggregation=Aggregation.SUM)
    parent_period = IndicatorPeriodFactory(
        indicator=parent,
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2025, 12, 31),
    )
    child = IndicatorFactory(parent=parent)
    grandchild = IndicatorFactory(parent=child)
    inside = IndicatorPeriodFactory(
        indicator=child, start=datetime.date(2025, 1, 1), end=datetime.date(2025, 6, 30)
    )
    outside = IndicatorPeriodFactory(
        indicator=grandchild,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 6, 30),
    )
    deep = IndicatorPeriodFactory(
        indicator=grandchild,
        start=datetime.date(2025, 7, 1),
        end=datetime.date(2025, 12, 31),
    )
    _approved(parent_period, 1)
    _approved(inside, 10)
    _approved(deep, 100)
    _approved(outside, 1000)

    [row] = indicator_period_values(parent)

    assert row.actual == Decimal(111)


def test_rollup_average_and_no_value_without_approval():
    indicator = IndicatorFactory(aggregation=Aggregation.AVERAGE)
    period = IndicatorPeriodFactory(indicator=indicator, target_value=None)
    empty = IndicatorPeriodFactory(
        indicator=indicator,
        start=datetime.date(2026, 1, 1),
        end=datetime.date(2026, 12, 31),
    )
    _approved(period, 10)
    IndicatorUpdateFactory(period=empty, value=Decimal(5))

    first, second = indicator_period_values(indicator)

    assert first.actual == Decimal(10)
    assert first.share_of_target is None
    assert second.period == empty
    assert second.actual is None


def test_rollup_latest_survives_approved_updates_without_review_date(countries):
    indicator = IndicatorFactory(aggregation=Aggregation.LATEST)
    period = IndicatorPeriodFactory(indicator=indicator)
    for iso3 in ("SEN", "MLI"):
        IndicatorUpdateFactory(
            period=period,
            country=countries[iso3],
            status=UpdateStatus.APPROVED,
            reviewed_at=None,
        )

    assert indicator_period_values(indicator)[0].actual == Decimal(10)


def test_rollup_many_counts_a_root_that_contributes_to_another_root():
    parent = IndicatorFactory()
    child = IndicatorFactory(parent=parent)
    _approved(IndicatorPeriodFactory(indicator=parent), 1)
    _approved(IndicatorPeriodFactory(indicator=child), 10)

    values = indicator_period_values_many([parent.pk, child.pk])

    assert values[parent.pk][0].actual == Decimal(11)
    assert values[child.pk][0].actual == Decimal(10)
