"""Demonstration results, indicators, periods, targets and reported values (see
``services.demo``): an impact result per domain for the programme, an outcome per
domain in each plan, an output with one indicator for about half the activities;
two yearly periods with targets broken down by country (and sex for people), and
per-country updates: 2021 approved, 2022 a mix of approved, submitted and draft."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityStatus,
    ActualBreakdown,
    Dimension,
    FrameworkIndicator,
    Indicator,
    IndicatorPeriod,
    IndicatorUpdate,
    Result,
    ResultLevel,
    TargetBreakdown,
    UpdateStatus,
    breakdown_key,
)

from .demo_activities import DemoContext
from .demo_content import OUTCOMES, PEOPLE, Theme
from .results import dimensions_ensure

YEARS = (2021, 2022)
SEXES = ("female", "male")


def _result(context: DemoContext, code: str, level: str, **fields: Any) -> Result:
    return Result(
        programme=context.programme, code=code, level=level, is_demo=True, **fields
    )


def _indicator(result: Result, title: str, unit: str, parent: Any = None) -> Indicator:
    return Indicator(result=result, parent=parent, code="1", title_fr=title, unit=unit)


def _top_indicators(
    context: DemoContext, plans: dict[str, ActionPlan]
) -> tuple[dict[str, Indicator], dict[tuple[int, str], Indicator]]:
    """Impact indicators per domain, then outcome indicators per (plan, domain)."""
    domains = list(OUTCOMES)
    impacts = Result.objects.bulk_create(
        _result(context, f"DEMO-IM{n}", ResultLevel.IMPACT, title_fr=OUTCOMES[d][0])
        for n, d in enumerate(domains, 1)
    )
    impact = dict(
        zip(
            domains,
            Indicator.objects.bulk_create(
                _indicator(r, OUTCOMES[d][1], PEOPLE)
                for r, d in zip(impacts, domains, strict=True)
            ),
            strict=True,
        )
    )
    keys = [(plan, d) for plan in plans.values() for d in domains]
    outcomes = Result.objects.bulk_create(
        _result(
            context,
            f"{plan.code}-OC{n % 3 + 1}",
            ResultLevel.OUTCOME,
            plan=plan,
            title_fr=OUTCOMES[d][0],
        )
        for n, (plan, d) in enumerate(keys)
    )
    outcome_indicators = Indicator.objects.bulk_create(
        _indicator(r, OUTCOMES[d][1], PEOPLE, impact[d])
        for r, (_plan, d) in zip(outcomes, keys, strict=True)
    )
    outcome = {
        (plan.pk, d): item
        for (plan, d), item in zip(keys, outcome_indicators, strict=True)
    }
    return impact, outcome


def _outputs(
    context: DemoContext, activities: list[Activity], parents: tuple[dict, dict]
) -> list[tuple[Indicator, Activity, Theme]]:
    impact, outcome = parents
    chosen = [
        a
        for n, a in enumerate(activities)
        if n % 2 == 0 and a.status != ActivityStatus.PIPELINE
    ]
    results = Result.objects.bulk_create(
        _result(
            context,
            f"DEMO-OUT-{a.code[5:]}",
            ResultLevel.OUTPUT,
            plan=a.plan,
            activity=a,
            title_fr=f"Produit : {context.themes[a.pk].title_fr}",
        )
        for a in chosen
    )
    indicators = []
    for result, activity in zip(results, chosen, strict=True):
        theme, domain = context.themes[activity.pk], context.domain_of[activity.pk]
        parent = None
        if theme.unit == PEOPLE:
            parent = outcome.get((activity.plan_id, domain), impact[domain])
        indicators.append(_indicator(result, theme.indicator_fr, theme.unit, parent))
    created = Indicator.objects.bulk_create(indicators)
    return [
        (indicator, activity, context.themes[activity.pk])
        for indicator, activity in zip(created, chosen, strict=True)
    ]


def _cells(context: DemoContext, total: int, shares: list, people: bool) -> dict:
    """``total`` split by country share (and by sex for people)."""
    cells: dict[str, Decimal] = {}
    for iso3, share in shares:
        part = max(1, round(total * float(share) / 100))
        if not people:
            cells[breakdown_key({"country": iso3})] = Decimal(part)
            continue
        women = round(part * context.rng.uniform(0.35, 0.65))
        cells[breakdown_key({"country": iso3, "sex": "female"})] = Decimal(women)
        cells[breakdown_key({"country": iso3, "sex": "male"})] = Decimal(part - women)
    return cells


def _status(context: DemoContext, year: int) -> str | None:
    roll = context.rng.random()
    if year == YEARS[0]:
        return UpdateStatus.APPROVED if roll < 0.92 else UpdateStatus.RETURNED
    for limit, status in ((0.5, UpdateStatus.APPROVED), (0.75, UpdateStatus.SUBMITTED)):
        if roll < limit:
            return status
    return UpdateStatus.DRAFT if roll < 0.9 else None


def _moment(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


class _Rows:
    def __init__(self) -> None:
        self.periods: list[IndicatorPeriod] = []
        self.targets: list[tuple[int, dict]] = []  # (period index, cells)
        self.updates: list[IndicatorUpdate] = []
        self.actuals: list[dict] = []  # cells, per update


def _plan_output(
    context: DemoContext, rows: _Rows, output: tuple, places: dict
) -> None:
    indicator, activity, theme = output
    people = theme.unit == PEOPLE
    shares = [(c.country.iso3, c.share) for c in activity.country_shares.all()]
    for year in YEARS:
        total = (
            context.rng.randrange(4, 40) * 5 if people else context.rng.randint(1, 6)
        )
        cells = _cells(context, total, shares, people)
        end = dt.date(year, 12, 31)
        rows.periods.append(
            IndicatorPeriod(
                indicator=indicator,
                start=dt.date(year, 1, 1),
                end=end,
                target_value=sum(cells.values(), Decimal(0)),
            )
        )
        rows.targets.append((len(rows.periods) - 1, cells))
        for iso3, _share in shares:
            _plan_update(context, rows, (year, end, iso3, places[iso3]), cells)


def _plan_update(
    context: DemoContext, rows: _Rows, where: tuple, target_cells: dict
) -> None:
    year, end, iso3, place = where
    status = _status(context, year)
    if status is None:
        return
    ratio = context.rng.uniform(0.5, 1.2)
    cells = {
        key: Decimal(round(float(value) * ratio))
        for key, value in target_cells.items()
        if f"country={iso3}" in key
    }
    actor = context.actor if getattr(context.actor, "pk", None) else None
    done = status != UpdateStatus.DRAFT
    reviewed = status in {UpdateStatus.APPROVED, UpdateStatus.RETURNED}
    rows.updates.append(
        IndicatorUpdate(
            period_id=len(rows.periods) - 1,  # replaced by the real id later
            country=place,
            status=status,
            value=sum(cells.values(), Decimal(0)),
            comment="Valeur de démonstration.",
            return_reason="Précisez la source."
            if status == UpdateStatus.RETURNED
            else "",
            created_by=actor,
            submitted_at=_moment(end + dt.timedelta(days=15)) if done else None,
            reviewed_at=_moment(end + dt.timedelta(days=30)) if reviewed else None,
            is_demo=True,
        )
    )
    rows.actuals.append(cells)


def _top_periods(context: DemoContext, indicators: list[Indicator]) -> list:
    return [
        IndicatorPeriod(
            indicator=indicator,
            start=dt.date(year, 1, 1),
            end=dt.date(year, 12, 31),
            target_value=Decimal(context.rng.randrange(20, 80) * 25),
        )
        for indicator in indicators
        for year in YEARS
    ]


def _save_values(rows: _Rows) -> None:
    periods = IndicatorPeriod.objects.bulk_create(rows.periods)
    TargetBreakdown.objects.bulk_create(
        TargetBreakdown(period=periods[index], key=key, value=value)
        for index, cells in rows.targets
        for key, value in cells.items()
    )
    for update in rows.updates:
        update.period = periods[update.period_id]
    updates = IndicatorUpdate.objects.bulk_create(rows.updates)
    ActualBreakdown.objects.bulk_create(
        ActualBreakdown(update=update, key=key, value=value)
        for update, cells in zip(updates, rows.actuals, strict=True)
        for key, value in cells.items()
    )


def _link(outputs: list, eutf: dict[str, FrameworkIndicator]) -> None:
    """Dimensions of every output indicator, and its EUTF indicator when loaded."""
    dimensions = {
        d.code: d for d in Dimension.objects.filter(code__in=["country", "sex"])
    }
    through = Indicator.dimensions.through
    links, mappings = [], []
    for indicator, _activity, theme in outputs:
        codes = ["country", "sex"] if theme.unit == PEOPLE else ["country"]
        links += [
            through(indicator_id=indicator.pk, dimension_id=dimensions[code].pk)
            for code in codes
            if code in dimensions
        ]
        if theme.eutf in eutf:
            mappings.append(
                Indicator.framework_indicators.through(
                    indicator_id=indicator.pk,
                    frameworkindicator_id=eutf[theme.eutf].pk,
                )
            )
    through.objects.bulk_create(links)
    Indicator.framework_indicators.through.objects.bulk_create(mappings)


def build_results(
    context: DemoContext,
    plans: dict[str, ActionPlan],
    activities: list[Activity],
    eutf: dict[str, FrameworkIndicator],
) -> None:
    dimensions_ensure(actor=None)
    impact, outcome = _top_indicators(context, plans)
    outputs = _outputs(context, activities, (impact, outcome))
    places = context.places
    shares = Activity.objects.filter(pk__in=[a.pk for _i, a, _t in outputs])
    by_pk = {a.pk: a for a in shares.prefetch_related("country_shares__country")}
    rows = _Rows()
    for indicator, activity, theme in outputs:
        _plan_output(context, rows, (indicator, by_pk[activity.pk], theme), places)
    rows.periods += _top_periods(context, [*impact.values(), *outcome.values()])
    _save_values(rows)
    _link(outputs, eutf)
