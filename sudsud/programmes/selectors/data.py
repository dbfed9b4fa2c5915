"""Reads of the ``data`` part: what the results and values exports contain, and
the breakdown dimensions.

Visibility is the results framework's: a result attached to an activity is seen
by those who see the activity (``activity_list_for_user``); results of a plan or
of the programme are seen by every signed-in person. Indicators, periods and
updates follow their result.

Filters (``DataFilters``): a plan (its own results and its activities'), an
activity, a country (results attached to it through their activity's countries,
or through their plan's countries for plan-level results; programme-level results
have no country and are left out) and a period range (indicator periods that
overlap it).
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet

from sudsud.accounts.scopes import scope_for
from sudsud.places.models import Place
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityCountry,
    Dimension,
    DimensionValue,
    FrameworkIndicator,
    Indicator,
    IndicatorPeriod,
    IndicatorUpdate,
    Result,
    parse_breakdown_key,
)

from .activities import activity_list_for_user
from .rollup import PeriodValues, indicator_period_values_many


@dataclass(frozen=True)
class DataFilters:
    """What an export is narrowed to; ``None`` does not filter."""

    plan: ActionPlan | None = None
    activity: Activity | None = None
    country: Place | None = None
    period_from: dt.date | None = None
    period_to: dt.date | None = None

    def overlaps(self, start: dt.date, end: dt.date) -> bool:
        after = self.period_from is None or end >= self.period_from
        return after and (self.period_to is None or start <= self.period_to)


def visible_results(*, user: Any) -> QuerySet[Result]:
    """Results ``user`` may see (no rows for anonymous users)."""
    if not scope_for(user).authenticated:
        return Result.objects.none()
    visible_activities = activity_list_for_user(user=user).values("pk")
    return Result.objects.filter(
        Q(activity__isnull=True) | Q(activity__in=visible_activities)
    )


def _result_filters(results: QuerySet[Result], filters: DataFilters) -> QuerySet:
    if filters.plan is not None:
        results = results.filter(Q(plan=filters.plan) | Q(activity__plan=filters.plan))
    if filters.activity is not None:
        results = results.filter(activity=filters.activity)
    if filters.country is not None:
        covered = ActivityCountry.objects.filter(country=filters.country)
        plans = ActionPlan.objects.filter(countries=filters.country)
        results = results.filter(
            Q(activity__in=covered.values("activity"))
            | Q(activity__isnull=True, plan__in=plans.values("pk"))
        )
    return results


def _period_condition(filters: DataFilters) -> Q:
    condition = Q()
    if filters.period_from is not None:
        condition &= Q(end__gte=filters.period_from)
    if filters.period_to is not None:
        condition &= Q(start__lte=filters.period_to)
    return condition


# Programme-level results first, then by plan, activity, result and indicator.
EXPORT_ORDER: list[Any] = [
    F("result__activity__plan__code").asc(nulls_first=True),
    F("result__plan__code").asc(nulls_first=True),
    F("result__activity__code").asc(nulls_first=True),
    "result__order",
    "result__code",
    "order",
    "code",
]


def export_indicators_for_user(
    *, user: Any, filters: DataFilters | None = None
) -> QuerySet[Indicator]:
    """Indicators of the results ``user`` sees, narrowed by ``filters``, with their
    result, plan, activity, countries, breakdowns and framework mappings loaded."""
    filters = filters or DataFilters()
    results = _result_filters(visible_results(user=user), filters)
    indicators = Indicator.objects.filter(result__in=results.values("pk"))
    if filters.period_from is not None or filters.period_to is not None:
        periods = IndicatorPeriod.objects.filter(_period_condition(filters))
        indicators = indicators.filter(pk__in=periods.values("indicator"))
    return (
        indicators.select_related(
            "result", "result__plan", "result__activity__plan", "parent"
        )
        .prefetch_related(
            "dimensions",
            Prefetch(
                "framework_indicators",
                queryset=FrameworkIndicator.objects.select_related("catalogue"),
            ),
            Prefetch(
                "result__activity__country_shares",
                queryset=ActivityCountry.objects.select_related("country"),
            ),
            "result__plan__countries",
        )
        .order_by(*EXPORT_ORDER)
    )


@dataclass
class IndicatorValues:
    """An indicator with its periods' rolled-up values and every update (any
    status) of those periods, keyed by period id."""

    indicator: Indicator
    periods: list[PeriodValues]
    updates: dict[int, list[IndicatorUpdate]]


def export_values_for_user(
    *, user: Any, filters: DataFilters | None = None
) -> list[IndicatorValues]:
    """The values export: the periods in range of each indicator ``user`` sees,
    with targets and approved actuals rolled up, and the updates' statuses. The
    number of queries does not depend on the number of indicators."""
    filters = filters or DataFilters()
    indicators = list(export_indicators_for_user(user=user, filters=filters))
    values = indicator_period_values_many([i.pk for i in indicators])
    updates: dict[int, list[IndicatorUpdate]] = defaultdict(list)
    for update in IndicatorUpdate.objects.filter(
        period__indicator__in=[i.pk for i in indicators]
    ).select_related("country", "reviewed_by"):
        updates[update.period_id].append(update)
    return [
        IndicatorValues(
            indicator=indicator,
            periods=[
                row
                for row in values.get(indicator.pk, [])
                if filters.overlaps(row.period.start, row.period.end)
            ],
            updates=updates,
        )
        for indicator in indicators
    ]


def breakdown_value_names() -> dict[tuple[str, str], str]:
    """(dimension code, value code) → the value's name in the active language."""
    return {
        (value.dimension.code, value.code): value.name
        for value in DimensionValue.objects.select_related("dimension")
    }


def breakdown_label(key: str, names: dict[tuple[str, str], str]) -> str:
    cells = parse_breakdown_key(key)
    return " · ".join(names.get(pair, pair[1]) for pair in sorted(cells.items()))


# --- Dimensions -------------------------------------------------------------------


def dimension_list(*, q: str = "") -> QuerySet[Dimension]:
    """Every dimension with its values (they are not country-scoped)."""
    dimensions = Dimension.objects.prefetch_related("values")
    for word in q.split()[:10]:
        dimensions = dimensions.filter(
            Q(code__icontains=word)
            | Q(name_fr__icontains=word)
            | Q(name_en__icontains=word)
            | Q(name_ar__icontains=word)
        )
    return dimensions.order_by("order", "code")


def dimension_get(*, pk: int) -> Dimension | None:
    return dimension_list().filter(pk=pk).first()


def dimension_value_get(*, dimension: Dimension, pk: int) -> DimensionValue | None:
    return (
        DimensionValue.objects.select_related("dimension")
        .filter(dimension=dimension, pk=pk)
        .first()
    )
