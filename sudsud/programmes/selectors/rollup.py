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
"""

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

    @property
    def share_of_target(self) -> Decimal | None:
        """Actual ÷ target (1 = reached), when both are known and target ≠ 0."""
        if self.actual is None or not self.target:
            return None
        return self.actual / self.target


@dataclass
class _Sample:
    when: object  # reviewed_at, to find the latest
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


def _combine_samples(
    samples: list[_Sample], method: str
) -> tuple[Decimal | None, dict]:
    ordered = sorted(samples, key=lambda s: (s.when is None, s.when))
    total = _combine([s.value for s in ordered if s.value is not None], method)
    by_key: dict[str, list[Decimal]] = defaultdict(list)
    for sample in ordered:
        for key, value in sample.breakdowns.items():
            by_key[key].append(value)
    breakdowns = {key: _combine(values, method) for key, values in by_key.items()}
    return total, {key: value for key, value in breakdowns.items() if value is not None}


def _approved(period: IndicatorPeriod) -> Iterable[IndicatorUpdate]:
    return [u for u in period.updates.all() if u.status == UpdateStatus.APPROVED]


def _samples(period: IndicatorPeriod) -> list[_Sample]:
    return [
        _Sample(
            when=update.reviewed_at,
            value=update.value,
            breakdowns={b.key: b.value for b in update.breakdowns.all()},
        )
        for update in _approved(period)
    ]


def _periods_prefetch() -> Prefetch:
    updates = IndicatorUpdate.objects.filter(
        status=UpdateStatus.APPROVED
    ).prefetch_related(
        Prefetch("breakdowns", queryset=ActualBreakdown.objects.order_by("key"))
    )
    return Prefetch(
        "periods",
        queryset=IndicatorPeriod.objects.order_by("start").prefetch_related(
            "target_breakdowns", Prefetch("updates", queryset=updates)
        ),
    )


def _contributor_tree(indicator: Indicator) -> list[Indicator]:
    """All indicators contributing to ``indicator``, at any depth, periods loaded."""
    found: list[Indicator] = []
    frontier = [indicator.pk]
    seen = {indicator.pk}
    while frontier:
        children = list(
            Indicator.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=seen)
            .prefetch_related(_periods_prefetch())
        )
        found += children
        frontier = [child.pk for child in children]
        seen.update(frontier)
    return found


def indicator_period_values(indicator: Indicator) -> list[PeriodValues]:
    """One ``PeriodValues`` per period of ``indicator``, oldest first."""
    indicator = Indicator.objects.prefetch_related(_periods_prefetch()).get(
        pk=indicator.pk
    )
    contributors = _contributor_tree(indicator)
    contributor_periods = [p for c in contributors for p in c.periods.all()]
    rows = []
    for period in indicator.periods.all():
        samples = _samples(period)
        for other in contributor_periods:
            if period.start <= other.end <= period.end:
                samples += _samples(other)
        actual, actual_breakdowns = _combine_samples(samples, indicator.aggregation)
        rows.append(
            PeriodValues(
                period=period,
                target=period.target_value,
                actual=actual,
                target_breakdowns={
                    b.key: b.value for b in period.target_breakdowns.all()
                },
                actual_breakdowns=actual_breakdowns,
                approved_updates=len(samples),
            )
        )
    return rows
