"""Target and actual values of an indicator, per period, as reports need them.

Only **approved** updates count as actuals. An indicator's own updates count,
and so do those of the indicators that contribute to it (``Indicator.parent``,
recursively), combined with the indicator's ``aggregation``:

* ``sum`` — the sum of the values (of the country updates of a period, and of the
  contributors' values for the same period);
* ``latest`` — the value of the most recently approved update;
* ``average`` — the mean of the values.

A contributor's period counts toward the parent's period it falls in (its end date
within the parent period's start and end). Breakdowns (``country=SEN;sex=female``)
are combined key by key in the same way.

``indicator_period_values_many`` computes many indicators at once with a number of
queries that depends on the depth of the contribution tree, not on the number of
indicators (list pages and the API use it).
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch

from sudsud.programmes.models import (
    ActualBreakdown,
    Aggregation,
    Indicator,
    IndicatorPeriod,
    IndicatorUpdate,
    UpdateStatus,
)


@dataclass
class PeriodValues:
    period: IndicatorPeriod
    target: Decimal | None
    actual: Decimal | None
    target_breakdowns: dict[str, Decimal] = field(default_factory=dict)
    actual_breakdowns: dict[str, Decimal] = field(default_factory=dict)
    approved_updates: int = 0
    # Qualitative indicators: the latest approved rating and narrative of its own.
    rating: int | None = None
    narrative: str = ""

    @property
    def share_of_target(self) -> Decimal | None:
        """Actual ÷ target (1 = reached), when both are known and target ≠ 0."""
        if self.actual is None or not self.target:
            return None
        return self.actual / self.target


@dataclass
class _Sample:
    when: dt.datetime | None  # reviewed_at, to find the latest
    value: Decimal | None
    breakdowns: dict[str, Decimal]


def _combine(values: list[Decimal], method: str) -> Decimal | None:
    if not values:
        return None
    if method == Aggregation.AVERAGE:
        return sum(values, Decimal(0)) / len(values)
    if method == Aggregation.LATEST:
        return values[-1]
    return sum(values, Decimal(0))


def _when_key(sample: _Sample) -> tuple[bool, float]:
    # Never compare None with None (or with a datetime): undated samples first.
    return (sample.when is not None, sample.when.timestamp() if sample.when else 0.0)


def _combine_samples(
    samples: list[_Sample], method: str
) -> tuple[Decimal | None, dict[str, Decimal]]:
    ordered = sorted(samples, key=_when_key)
    total = _combine([s.value for s in ordered if s.value is not None], method)
    by_key: dict[str, list[Decimal]] = defaultdict(list)
    for sample in ordered:
        for key, value in sample.breakdowns.items():
            by_key[key].append(value)
    breakdowns = {key: _combine(values, method) for key, values in by_key.items()}
    return total, {key: value for key, value in breakdowns.items() if value is not None}


# The prefetched rows are kept in plain lists (``Prefetch(to_attr=...)``): a
# prefetched manager costs Django a queryset clone per object, which dominated the
# time of large reads (the IATI export of every indicator).
PERIODS, TARGETS, UPDATES, BREAKDOWNS = (
    "rollup_periods",
    "rollup_target_breakdowns",
    "rollup_updates",
    "rollup_breakdowns",
)


def _approved(period: IndicatorPeriod) -> list[IndicatorUpdate]:
    """The period's approved updates: the prefetch (``_periods_prefetch``) loads
    only those, so there is nothing left to filter here."""
    return getattr(period, UPDATES)


def _samples(period: IndicatorPeriod) -> list[_Sample]:
    return [
        _Sample(
            when=update.reviewed_at,
            value=update.value,
            breakdowns={b.key: b.value for b in getattr(update, BREAKDOWNS)},
        )
        for update in _approved(period)
    ]


def _latest_quality(period: IndicatorPeriod) -> tuple[int | None, str]:
    rated = [u for u in _approved(period) if u.rating is not None or u.narrative]
    if not rated:
        return None, ""
    latest = max(rated, key=lambda u: u.reviewed_at.timestamp() if u.reviewed_at else 0)
    return latest.rating, latest.narrative


def _periods_prefetch() -> Prefetch:
    updates = IndicatorUpdate.objects.filter(
        status=UpdateStatus.APPROVED
    ).prefetch_related(
        Prefetch(
            "breakdowns",
            queryset=ActualBreakdown.objects.order_by("key"),
            to_attr=BREAKDOWNS,
        )
    )
    return Prefetch(
        "periods",
        queryset=IndicatorPeriod.objects.order_by("start").prefetch_related(
            Prefetch("target_breakdowns", to_attr=TARGETS),
            Prefetch("updates", queryset=updates, to_attr=UPDATES),
        ),
        to_attr=PERIODS,
    )


def _descendants(roots: list[Indicator]) -> dict[int, list[Indicator]]:
    """Indicator id → the indicators contributing to it at any depth."""
    children_of: dict[int, list[Indicator]] = defaultdict(list)
    frontier = [indicator.pk for indicator in roots]
    seen: set[int] = set()  # a root may itself contribute to another root
    while frontier:
        children = list(
            Indicator.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=seen)
            .prefetch_related(_periods_prefetch())
        )
        for child in children:
            children_of[child.parent_id or 0].append(child)
        frontier = [child.pk for child in children]
        seen.update(frontier)
    tree: dict[int, list[Indicator]] = {}
    for root in roots:
        found: list[Indicator] = []
        visited = {root.pk}  # a cycle of contributions never loops forever
        stack = list(children_of.get(root.pk, []))
        while stack:
            child = stack.pop()
            if child.pk in visited:
                continue
            visited.add(child.pk)
            found.append(child)
            stack.extend(children_of.get(child.pk, []))
        tree[root.pk] = found
    return tree


def _rows(indicator: Indicator, contributors: list[Indicator]) -> list[PeriodValues]:
    contributor_periods = [p for c in contributors for p in getattr(c, PERIODS)]
    rows = []
    for period in getattr(indicator, PERIODS):
        samples = _samples(period)
        for other in contributor_periods:
            if period.start <= other.end <= period.end:
                samples += _samples(other)
        actual, actual_breakdowns = _combine_samples(samples, indicator.aggregation)
        rating, narrative = _latest_quality(period)
        rows.append(
            PeriodValues(
                period=period,
                target=period.target_value,
                actual=actual,
                target_breakdowns={b.key: b.value for b in getattr(period, TARGETS)},
                actual_breakdowns=actual_breakdowns,
                approved_updates=len(samples),
                rating=rating,
                narrative=narrative,
            )
        )
    return rows


def indicator_period_values_many(
    indicator_ids: Iterable[int],
) -> dict[int, list[PeriodValues]]:
    """``indicator_period_values`` for each id, keyed by id."""
    indicators = list(
        Indicator.objects.filter(pk__in=list(indicator_ids)).prefetch_related(
            _periods_prefetch()
        )
    )
    tree = _descendants(indicators)
    return {ind.pk: _rows(ind, tree.get(ind.pk, [])) for ind in indicators}


def indicator_period_values(indicator: Indicator) -> list[PeriodValues]:
    """One ``PeriodValues`` per period of ``indicator``, oldest first."""
    return indicator_period_values_many([indicator.pk]).get(indicator.pk, [])
