"""Reads of action plans and activities, scoped to the reader.

Visibility follows ``sudsud.accounts.scopes``: an activity restricted by its
``is_restricted`` flag is seen only by people whose scope covers one of the
countries it covers; unrestricted activities are seen by every signed-in person.

Lists are narrowed with :class:`ActivityFilters` (the pages, the API and the
exports share it). Their schedule (:class:`Schedule`) is read from dates and status
by one condition each, which the dashboards count too:

* **late** (``late_condition``): the planned end has passed and the activity is
  neither closed nor cancelled, or the planned start has passed and it is still in
  the pipeline;
* **at risk** (``at_risk_condition``): not late, not finalised, closed nor
  cancelled, and either its planned end falls within the next
  ``SUDSUD_AT_RISK_DAYS`` days (90 by default), or it is still in the pipeline and
  its planned start falls within the next 30 days. Today counts as within.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    TextChoices,
    Value,
    When,
)
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from sudsud.accounts.scopes import scope_for
from sudsud.core.text import normalise_for_search
from sudsud.organisations.models import Organisation, OrganisationKind
from sudsud.organisations.selectors import organisation_list_for_user
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityCountry,
    ActivityPartner,
    ActivityStatus,
    BudgetLine,
    PartnerRole,
    Programme,
)

from .reference import MINISTRY_KINDS, organisation_visible_ids


def activity_list_for_user(*, user: Any) -> QuerySet[Activity]:
    """Activities ``user`` may see, with what list pages need loaded."""
    scope = scope_for(user)
    activities = Activity.objects.select_related("plan", "programme")
    if not scope.authenticated:
        return activities.none()
    if scope.everywhere:
        return activities
    # Exists() rather than a join: no duplicate rows for multi-country activities.
    in_scope = Exists(
        ActivityCountry.objects.filter(
            activity=OuterRef("pk"), country_id__in=scope.country_ids
        )
    )
    return activities.filter(Q(is_restricted=False) | in_scope)


def plan_list_for_user(*, user: Any) -> QuerySet[ActionPlan]:
    """Plans are not restricted: every signed-in person sees them (their restricted
    activities stay hidden through ``activity_list_for_user``)."""
    if not scope_for(user).authenticated:
        return ActionPlan.objects.none()
    return ActionPlan.objects.select_related("programme", "memorandum")


# --- Filters ----------------------------------------------------------------------

# Days ahead in which a planned start makes a pipeline activity "at risk"; the
# wording of ``at_risk_definition`` says 30.
AT_RISK_START_DAYS = 30


class Schedule(TextChoices):
    LATE = "late", _("Late")
    AT_RISK = "at_risk", _("At risk")
    LATE_OR_AT_RISK = "late_or_at_risk", _("Late or at risk")


@dataclass(frozen=True)
class ActivityFilters:
    """What a list of activities is narrowed to; empty values do not filter."""

    q: str = ""
    plan: Any = None
    country: Any = None
    domain: Any = None
    activity_type: str = ""
    status: int | None = None
    implementer: Any = None
    lead_ministry: Any = None
    period_from: dt.date | None = None
    period_to: dt.date | None = None
    schedule: str = ""  # a Schedule value; empty: any
    today: dt.date | None = field(default=None, compare=False)


def late_condition(today: dt.date) -> Q:
    ended = Q(planned_end__lt=today) & ~Q(
        status__in=[ActivityStatus.CLOSED, ActivityStatus.CANCELLED]
    )
    not_started = Q(planned_start__lt=today, status=ActivityStatus.PIPELINE)
    return ended | not_started


def at_risk_days() -> int:
    """``SUDSUD_AT_RISK_DAYS``, read when asked (tests and deployments change it)."""
    return int(settings.SUDSUD_AT_RISK_DAYS)


def _approaching(today: dt.date, days: int) -> Q:
    """Ends within ``days`` days while still open, or starts within 30 days while
    still in the pipeline (whether or not it is also late)."""
    ending = Q(
        planned_end__gte=today, planned_end__lte=today + dt.timedelta(days=days)
    ) & ~Q(
        status__in=[
            ActivityStatus.FINALISATION,
            ActivityStatus.CLOSED,
            ActivityStatus.CANCELLED,
        ]
    )
    starting = Q(
        status=ActivityStatus.PIPELINE,
        planned_start__gte=today,
        planned_start__lte=today + dt.timedelta(days=AT_RISK_START_DAYS),
    )
    return ending | starting


def at_risk_condition(today: dt.date, days: int | None = None) -> Q:
    """Activities at risk of becoming late (see the module's docstring);
    ``days`` defaults to ``SUDSUD_AT_RISK_DAYS``."""
    days = at_risk_days() if days is None else days
    return _approaching(today, days) & ~late_condition(today)


def schedule_condition(schedule: str, today: dt.date) -> Q:
    """The condition of a :class:`Schedule` value; anything else filters nothing."""
    if schedule == Schedule.LATE:
        return late_condition(today)
    if schedule == Schedule.AT_RISK:
        return at_risk_condition(today)
    if schedule == Schedule.LATE_OR_AT_RISK:
        # "at risk" is "approaching and not late": OR-ed with late, drop the NOT.
        return late_condition(today) | _approaching(today, at_risk_days())
    return Q()


def at_risk_definition() -> str:
    """What "at risk" means, in the reader's language (``SUDSUD_AT_RISK_DAYS``
    written in)."""
    days = at_risk_days()
    return ngettext(
        "At risk: not late, not finalised, closed or cancelled, and either its "
        "planned end falls within the next %(days)s day, or it is still in the "
        "pipeline and its planned start falls within the next 30 days.",
        "At risk: not late, not finalised, closed or cancelled, and either its "
        "planned end falls within the next %(days)s days, or it is still in the "
        "pipeline and its planned start falls within the next 30 days.",
        days,
    ) % {"days": days}


def schedule_definition() -> str:
    """What "late" and "at risk" mean, for the list's schedule filter."""
    late = gettext(
        "Late: planned end passed and neither closed nor cancelled, or planned "
        "start passed while still in the pipeline."
    )
    return f"{late} {at_risk_definition()}"


def _flag(condition: Q) -> Case:
    return Case(
        When(condition, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _relation_filters(filters: ActivityFilters) -> Q:
    condition = Q()
    if filters.country is not None:
        condition &= Q(
            Exists(
                ActivityCountry.objects.filter(
                    activity=OuterRef("pk"), country=filters.country
                )
            )
        )
    if filters.domain is not None:
        condition &= Q(
            Exists(
                Activity.domains.through.objects.filter(
                    activity_id=OuterRef("pk"), domain=filters.domain
                )
            )
        )
    if filters.implementer is not None:
        condition &= Q(
            Exists(
                Activity.implementers.through.objects.filter(
                    activity_id=OuterRef("pk"), organisation=filters.implementer
                )
            )
        )
    if filters.lead_ministry is not None:
        condition &= Q(
            Exists(
                ActivityPartner.objects.filter(
                    activity=OuterRef("pk"),
                    role=PartnerRole.LEAD_MINISTRY,
                    organisation=filters.lead_ministry,
                )
            )
        )
    return condition


def _field_filters(filters: ActivityFilters, today: dt.date) -> Q:
    condition = Q()
    if filters.plan is not None:
        condition &= Q(plan=filters.plan)
    if filters.activity_type:
        condition &= Q(activity_type=filters.activity_type)
    if filters.status is not None:
        condition &= Q(status=filters.status)
    if filters.period_from is not None:
        condition &= Q(planned_end__gte=filters.period_from) | Q(
            planned_end__isnull=True
        )
    if filters.period_to is not None:
        condition &= Q(planned_start__lte=filters.period_to) | Q(
            planned_start__isnull=True
        )
    if filters.schedule:
        condition &= schedule_condition(filters.schedule, today)
    # Every word must appear, in any order: "senegal formation" finds
    # "Formation … au Sénégal".
    for word in normalise_for_search(filters.q).split()[:10]:
        condition &= Q(search_text__contains=word)
    return condition


def activity_filter(
    activities: QuerySet[Activity], filters: ActivityFilters
) -> QuerySet[Activity]:
    """``activities`` narrowed by ``filters``, each row annotated ``is_late`` and
    ``is_at_risk``."""
    today = filters.today or timezone.localdate()
    narrowed = activities.filter(
        _field_filters(filters, today) & _relation_filters(filters)
    )
    return narrowed.annotate(
        is_late=_flag(late_condition(today)),
        is_at_risk=_flag(at_risk_condition(today)),
    )


def activity_search_for_user(
    *, user: Any, filters: ActivityFilters | None = None
) -> QuerySet[Activity]:
    """The list pages, exports and API: visible, filtered, with countries,
    domains, implementers and lead ministries loaded."""
    activities = activity_filter(
        activity_list_for_user(user=user), filters or ActivityFilters()
    )
    return activities.prefetch_related(
        Prefetch(
            "country_shares", queryset=ActivityCountry.objects.select_related("country")
        ),
        "domains",
        "implementers",
        Prefetch(
            "partners",
            queryset=ActivityPartner.objects.select_related("organisation", "country"),
        ),
    ).order_by("plan__code", "code")


def organisations_visible_in(*, user: Any, activities: QuerySet[Activity]) -> set[int]:
    """Ids of the implementers and partners named by ``activities`` that ``user``
    may see (one query); the others are written "Restricted record"."""
    pks = activities.order_by().values("pk")
    named = Q(implemented_activities__in=pks) | Q(activity_roles__activity__in=pks)
    visible = organisation_list_for_user(user=user, archived=None).filter(named)
    return set(visible.values_list("pk", flat=True).distinct())


# --- Detail -----------------------------------------------------------------------


def activity_detail_for_user(*, user: Any, pk: int) -> Activity | None:
    """One activity with everything its page shows. ``visible_organisation_ids``
    lists the organisations named by it that ``user`` may see."""
    activity = (
        activity_filter(activity_list_for_user(user=user), ActivityFilters())
        .select_related("plan__memorandum")
        .prefetch_related(
            Prefetch(
                "country_shares",
                queryset=ActivityCountry.objects.select_related("country"),
            ),
            "domains",
            "implementers",
            Prefetch(
                "partners",
                queryset=ActivityPartner.objects.select_related(
                    "organisation", "country", "signed_off_by"
                ),
            ),
            Prefetch(
                "budget_lines",
                queryset=BudgetLine.objects.select_related("funder", "implementer"),
            ),
            "deliverables",
        )
        .filter(pk=pk)
        .first()
    )
    if activity is not None:
        ids = [org.pk for org in activity.implementers.all()]
        ids += [partner.organisation_id for partner in activity.partners.all()]
        for line in activity.budget_lines.all():
            ids += [line.funder_id, line.implementer_id]
        activity.visible_organisation_ids = organisation_visible_ids(  # type: ignore[attr-defined]
            user=user, ids=ids
        )
    return activity


@dataclass
class Amounts:
    planned: Decimal = Decimal(0)
    committed: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)

    def add(self, line: BudgetLine) -> None:
        self.planned += line.planned
        self.committed += line.committed
        self.spent += line.spent


@dataclass
class BudgetSummary:
    """Totals of an activity's budget lines by funder, implementer and year."""

    total: Amounts
    by_funder: list[tuple[str, Amounts]]
    by_implementer: list[tuple[str, Amounts]]
    by_year: list[tuple[int, Amounts]]


def _label(organisation: Organisation, visible_ids: set[int]) -> str:
    if organisation.pk not in visible_ids:
        return gettext("Restricted record")
    return organisation.acronym or organisation.name


def budget_summary(lines: list[BudgetLine], visible_ids: set[int]) -> BudgetSummary:
    """Totals; organisations outside ``visible_ids`` are added up together under
    "Restricted record"."""
    total = Amounts()
    funders: dict[str, Amounts] = defaultdict(Amounts)
    implementers: dict[str, Amounts] = defaultdict(Amounts)
    years: dict[int, Amounts] = defaultdict(Amounts)
    for line in lines:
        total.add(line)
        funders[_label(line.funder, visible_ids)].add(line)
        implementers[_label(line.implementer, visible_ids)].add(line)
        years[line.year].add(line)
    return BudgetSummary(
        total=total,
        by_funder=sorted(funders.items()),
        by_implementer=sorted(implementers.items()),
        by_year=sorted(years.items()),
    )


@dataclass(frozen=True)
class SignOff:
    """One country of an activity: its lead ministry and whether it signed off."""

    country: Any
    partner: ActivityPartner | None

    @property
    def signed(self) -> bool:
        return self.partner is not None and self.partner.signed_off_at is not None


def activity_sign_offs(activity: Activity) -> list[SignOff]:
    """Each country of the activity with its lead ministry's sign-off."""
    leads = {
        partner.country_id: partner
        for partner in activity.partners.all()
        if partner.role == PartnerRole.LEAD_MINISTRY
    }
    return [
        SignOff(country=share.country, partner=leads.get(share.country_id))
        for share in activity.country_shares.all()
    ]


# --- Plans ------------------------------------------------------------------------


def plan_overview_for_user(*, user: Any) -> list[ActionPlan]:
    """Plans with their countries and ``activity_count`` (activities the user
    sees)."""
    plans = list(plan_list_for_user(user=user).prefetch_related("countries"))
    counts = dict(
        activity_list_for_user(user=user)
        .order_by()
        .values_list("plan")
        .annotate(count=Count("pk"))
    )
    for plan in plans:
        plan.activity_count = counts.get(plan.pk, 0)  # type: ignore[attr-defined]
    return plans


def plan_get_for_user(*, user: Any, pk: int) -> ActionPlan | None:
    return (
        plan_list_for_user(user=user)
        .select_related("memorandum__first_country", "memorandum__second_country")
        .prefetch_related("countries")
        .filter(pk=pk)
        .first()
    )


# --- Choices ----------------------------------------------------------------------


def activity_programme_for_user(*, user: Any) -> Programme | None:
    """The programme new plans and activities belong to (the platform serves one;
    the first by code if there are several)."""
    if not scope_for(user).authenticated:
        return None
    return Programme.objects.order_by("code").first()


def implementer_choices(*, user: Any) -> QuerySet[Organisation]:
    """Implementing agencies and the programme's implementers the user sees."""
    return (
        organisation_list_for_user(user=user)
        .filter(
            Q(kind=OrganisationKind.IMPLEMENTING_AGENCY)
            | Q(implemented_programmes__isnull=False)
        )
        .distinct()
        .order_by("name")
    )


def funder_choices(*, user: Any) -> QuerySet[Organisation]:
    """Donors, international organisations and the programme's funders."""
    return (
        organisation_list_for_user(user=user)
        .filter(
            Q(kind__in=[OrganisationKind.DONOR, OrganisationKind.INTERNATIONAL])
            | Q(programme_fundings__isnull=False)
        )
        .distinct()
        .order_by("name")
    )


def ministry_choices_all(*, user: Any) -> QuerySet[Organisation]:
    return (
        organisation_list_for_user(user=user)
        .filter(kind__in=MINISTRY_KINDS)
        .order_by("country__iso3", "name")
    )


def partner_choices(*, user: Any) -> QuerySet[Organisation]:
    return organisation_list_for_user(user=user).order_by("name")
