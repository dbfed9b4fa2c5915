"""Figures of the dashboards, computed in the database, for what the reader may see.

Everything starts from ``activity_list_for_user``: a restricted activity the reader
may not see counts nowhere (not in a status count, a budget total or a share of
targets). Each figure is one aggregate query (``values().annotate()``), so a
dashboard costs the same number of queries for 10 activities or 10,000.

* **Late**: the planned end has passed and the activity is neither closed nor
  cancelled, or the planned start has passed while it is still in the pipeline.
* **At risk**: not late, not finalised, closed nor cancelled, and its planned end
  falls within ``SUDSUD_AT_RISK_DAYS`` days, or it is still in the pipeline and
  its planned start falls within 30 days. Both conditions are the activity list's
  (``selectors.activities.late_condition`` and ``at_risk_condition``).
* **Share of targets reached**: over the periods of quantitative indicators that
  have a target and at least one approved actual, actual ÷ target (target ÷ actual
  when lower is better), in five buckets. A period's actual combines its own
  approved updates with the indicator's method (sum, latest, average); values rolled
  up from contributing indicators are on each indicator's page
  (``selectors.rollup``).
* **Budget** by funder and by implementer, from the budget lines. On a country's
  page an activity's budget counts in proportion to that country's share.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import (
    Avg,
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from sudsud.accounts.scopes import scope_for
from sudsud.places.models import Place
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityCountry,
    ActivityStatus,
    Aggregation,
    BudgetLine,
    Indicator,
    IndicatorKind,
    IndicatorPeriod,
    IndicatorUpdate,
    UpdateStatus,
)

from .activities import activity_list_for_user, at_risk_condition, late_condition
from .reference import organisation_visible_ids

OPEN_ENDED = (ActivityStatus.CLOSED, ActivityStatus.CANCELLED)
BUCKETS = (Decimal("0.25"), Decimal("0.5"), Decimal("0.75"), Decimal(1))
MONEY: DecimalField[Decimal, Decimal] = DecimalField(max_digits=20, decimal_places=4)


@dataclass
class Tally:
    key: str
    label: str
    count: int


@dataclass
class Money:
    key: str
    label: str
    planned: Decimal
    committed: Decimal
    spent: Decimal


@dataclass
class Lateness:
    total: int
    late: int
    late_end: int
    late_start: int
    at_risk: int = 0


@dataclass
class DashboardFigures:
    lateness: Lateness
    by_status: list[Tally] = field(default_factory=list)
    by_plan: list[Tally] = field(default_factory=list)
    by_country: list[Tally] = field(default_factory=list)
    by_domain: list[Tally] = field(default_factory=list)
    targets: list[Tally] = field(default_factory=list)
    targets_measured: int = 0
    by_funder: list[Money] = field(default_factory=list)
    by_implementer: list[Money] = field(default_factory=list)


def _named(row: dict[str, Any], prefix: str) -> str:
    """``row[prefix_<language>]``, falling back to French."""
    language = (get_language() or "fr")[:2]
    return row.get(f"{prefix}_{language}") or row.get(f"{prefix}_fr") or ""


def late_q(today: datetime.date) -> Q:
    return late_condition(today)


def dashboard_activities(
    *, user: Any, plan: ActionPlan | None = None, country: Place | None = None
) -> QuerySet[Activity]:
    """The activities a dashboard counts: those ``user`` may see, of ``plan``
    and/or covering ``country``."""
    activities = activity_list_for_user(user=user)
    if plan is not None:
        activities = activities.filter(plan=plan)
    if country is not None:
        covers = ActivityCountry.objects.filter(
            activity=OuterRef("pk"), country=country
        )
        activities = activities.filter(Exists(covers))
    return activities


def _lateness(activities: QuerySet[Activity], today: datetime.date) -> Lateness:
    late_end = Q(planned_end__lt=today) & ~Q(status__in=OPEN_ENDED)
    late_start = Q(planned_start__lt=today, status=ActivityStatus.PIPELINE)
    figures = activities.aggregate(
        total=Count("pk"),
        late=Count("pk", filter=late_q(today)),
        late_end=Count("pk", filter=late_end),
        late_start=Count("pk", filter=late_start),
        at_risk=Count("pk", filter=at_risk_condition(today)),
    )
    return Lateness(**figures)


def _by_status(activities: QuerySet[Activity]) -> list[Tally]:
    rows = activities.values("status").annotate(n=Count("pk")).order_by("status")
    return [
        Tally(str(row["status"]), str(ActivityStatus(row["status"]).label), row["n"])
        for row in rows
    ]


def _by_plan(activities: QuerySet[Activity]) -> list[Tally]:
    rows = (
        activities.values("plan_id", "plan__code", "plan__title_fr", "plan__title_en")
        .annotate(n=Count("pk"))
        .order_by("plan__code")
    )
    return [
        Tally(
            str(row["plan_id"] or ""),
            f"{row['plan__code']} — {_named(row, 'plan__title')}"
            if row["plan_id"]
            else _("No action plan"),
            row["n"],
        )
        for row in rows
    ]


def _by_country(activities: QuerySet[Activity]) -> list[Tally]:
    rows = (
        ActivityCountry.objects.filter(activity__in=activities)
        .values(
            "country__iso3", "country__name_fr", "country__name_en", "country__name_ar"
        )
        .annotate(n=Count("activity_id", distinct=True))
        .order_by("-n", "country__name_fr")
    )
    return [
        Tally(row["country__iso3"], _named(row, "country__name"), row["n"])
        for row in rows
    ]


def _by_domain(activities: QuerySet[Activity]) -> list[Tally]:
    through = Activity.domains.through
    rows = (
        through.objects.filter(activity__in=activities)
        .values(
            "domain__code",
            "domain__order",
            "domain__name_fr",
            "domain__name_en",
            "domain__name_ar",
        )
        .annotate(n=Count("activity_id"))
        .order_by("domain__order", "domain__code")
    )
    return [
        Tally(row["domain__code"], _named(row, "domain__name"), row["n"])
        for row in rows
    ]


def _period_actual() -> Case:
    """A period's actual from its approved updates, with its indicator's method
    (an aggregate over the joined updates: one pass, grouped by period)."""
    approved = Q(updates__status=UpdateStatus.APPROVED)
    latest = (
        IndicatorUpdate.objects.filter(
            period=OuterRef("pk"), status=UpdateStatus.APPROVED, value__isnull=False
        )
        .order_by("-reviewed_at", "-pk")
        .values("value")[:1]
    )
    return Case(
        When(indicator__aggregation=Aggregation.LATEST, then=Subquery(latest)),
        When(
            indicator__aggregation=Aggregation.AVERAGE,
            then=Avg("updates__value", filter=approved),
        ),
        default=Sum("updates__value", filter=approved),
        output_field=MONEY,
    )


def _at_least(share: Decimal) -> Q:
    """Periods whose actual reached ``share`` of their target."""
    wanted = Value(share, output_field=MONEY)
    return Q(ascending=True, actual__gte=F("target") * wanted) | Q(
        ascending=False, target__gte=F("actual") * wanted
    )


def _indicator_scope(
    activities: QuerySet[Activity], plan: ActionPlan | None, country: Place | None
) -> Q:
    """Indicators of the counted activities, plus (except on a country's page)
    those of results above activities: the plan's, or on the overview all of them."""
    in_activities = Q(indicator__result__activity__in=activities)
    if country is not None:
        return in_activities
    above = Q(indicator__result__activity__isnull=True)
    if plan is not None:
        above &= Q(indicator__result__plan=plan)
    return in_activities | above


def _targets(scope: Q) -> tuple[list[Tally], int]:
    periods = IndicatorPeriod.objects.filter(
        scope,
        target_value__isnull=False,
        indicator__kind=IndicatorKind.QUANTITATIVE,
    ).annotate(
        actual=_period_actual(),
        target=F("target_value"),
        ascending=F("indicator__ascending"),
    )
    # ``actual`` is an aggregate: aggregate() counts over the grouped periods as a
    # subquery, each period's actual computed once (COUNT skips the NULLs).
    reached = periods.aggregate(
        measured=Count("actual"),
        **{f"b{i}": Count("pk", filter=_at_least(s)) for i, s in enumerate(BUCKETS)},
    )
    counts = [reached["measured"]] + [reached[f"b{i}"] for i in range(len(BUCKETS))]
    # The "%" here is a percent sign, not a format directive.
    labels = [
        # xgettext:no-python-format
        ("lt25", _("Under 25 %")),
        # xgettext:no-python-format
        ("25-49", _("25 to 49 %")),
        # xgettext:no-python-format
        ("50-74", _("50 to 74 %")),
        # xgettext:no-python-format
        ("75-99", _("75 to 99 %")),
        # xgettext:no-python-format
        ("100", _("100 % or more")),
    ]
    buckets = [
        Tally(key, label, counts[i] - (counts[i + 1] if i + 1 < len(counts) else 0))
        for i, (key, label) in enumerate(labels)
    ]
    return buckets, reached["measured"]


def _money(
    activities: QuerySet[Activity], side: str, country: Place | None
) -> list[dict[str, Any]]:
    lines = BudgetLine.objects.filter(activity__in=activities)
    if country is None:
        amounts = {k: Sum(k) for k in ("planned", "committed", "spent")}
    else:
        # Weighted by the country's share (percent); divided by 100 in Python,
        # SQLite would divide whole-number decimals as integers.
        lines = lines.filter(activity__country_shares__country=country)
        share = F("activity__country_shares__share")
        amounts = {
            k: Sum(F(k) * share, output_field=MONEY)
            for k in ("planned", "committed", "spent")
        }
    return list(
        lines.values(f"{side}_id", f"{side}__name", f"{side}__acronym")
        .annotate(**amounts)
        .order_by(f"-{'planned'}", f"{side}__name")
    )


def _budgets(
    user: Any, activities: QuerySet[Activity], country: Place | None
) -> tuple[list[Money], list[Money]]:
    funders = _money(activities, "funder", country)
    implementers = _money(activities, "implementer", country)
    ids = [r["funder_id"] for r in funders] + [
        r["implementer_id"] for r in implementers
    ]
    visible = organisation_visible_ids(user=user, ids=ids) if ids else set()
    divisor = Decimal(1) if country is None else Decimal(100)

    def money(row: dict[str, Any], side: str) -> Money:
        pk = row[f"{side}_id"]
        label = row[f"{side}__acronym"] or row[f"{side}__name"]
        return Money(
            key=str(pk),
            label=label if pk in visible else _("Restricted record"),
            **{
                k: Decimal(row[k] or 0) / divisor
                for k in ("planned", "committed", "spent")
            },
        )

    return (
        [money(row, "funder") for row in funders],
        [money(row, "implementer") for row in implementers],
    )


def dashboard_figures(
    *,
    user: Any,
    plan: ActionPlan | None = None,
    country: Place | None = None,
    today: datetime.date | None = None,
) -> DashboardFigures:
    """Every figure of a dashboard: the programme's (no ``plan`` nor ``country``),
    a plan's or a country's."""
    today = today or timezone.localdate()
    activities = dashboard_activities(user=user, plan=plan, country=country)
    targets: list[Tally] = []
    measured = 0
    if scope_for(user).authenticated:
        targets, measured = _targets(_indicator_scope(activities, plan, country))
    by_funder, by_implementer = _budgets(user, activities, country)
    return DashboardFigures(
        lateness=_lateness(activities, today),
        by_status=_by_status(activities),
        by_plan=_by_plan(activities) if plan is None else [],
        by_country=_by_country(activities) if country is None else [],
        by_domain=_by_domain(activities),
        targets=targets if measured else [],
        targets_measured=measured,
        by_funder=by_funder,
        by_implementer=by_implementer,
    )


# --- Pages other than the figures -------------------------------------------------


def dashboard_plan_get(*, user: Any, pk: int) -> ActionPlan | None:
    from .activities import plan_list_for_user

    return plan_list_for_user(user=user).filter(pk=pk).first()


def dashboard_country_get(*, user: Any, iso3: str) -> Place | None:
    """A country some activity covers (by ISO3), for signed-in people."""
    if not scope_for(user).authenticated or len(iso3) != 3:
        return None
    return Place.objects.filter(iso3=iso3.upper()).first()


def dashboard_countries(*, user: Any) -> QuerySet[Place]:
    """The countries activities cover, for filters."""
    if not scope_for(user).authenticated:
        return Place.objects.none()
    covered = ActivityCountry.objects.values("country_id")
    return Place.objects.filter(pk__in=covered).order_by("name_fr")


def dashboard_indicator_get(*, user: Any, pk: int) -> Indicator | None:
    """An indicator ``user`` may see: above activities, or of a visible activity."""
    if not scope_for(user).authenticated:
        return None
    visible = Q(result__activity__isnull=True) | Q(
        result__activity__in=activity_list_for_user(user=user)
    )
    indicators = Indicator.objects.select_related(
        "result", "result__activity", "result__plan"
    )
    return indicators.filter(visible, pk=pk).first()


def timeline_activities(
    *,
    user: Any,
    plan: ActionPlan | None = None,
    country: Place | None = None,
    today: datetime.date | None = None,
) -> QuerySet[Activity]:
    """Activities for the timeline, grouped by plan, each with ``is_late``."""
    today = today or timezone.localdate()
    activities = dashboard_activities(user=user, plan=plan, country=country)
    return activities.annotate(
        is_late=Case(When(late_q(today), then=Value(True)), default=Value(False))
    ).order_by("plan__code", "planned_start", "code")
