"""Demonstration plans and activities (see ``services.demo``)."""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sudsud.organisations.models import Organisation
from sudsud.places.models import Place
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityCountry,
    ActivityStatus,
    ActivityType,
    BudgetLine,
    Domain,
    FundingKind,
    Programme,
)

from .activities import activity_search_text
from .demo_content import COUNTRY_NAMES_FR, THEMES, TRIPLE_WIN, Theme

COORDINATOR = "MAR"
PARTNERS = ("SEN", "CIV", "MLI")
BILATERAL_PER_PLAN, NATIONAL_PER_PLAN, MULTILATERAL = 18, 14, 24
LAST_DAY = dt.date(2022, 12, 31)


@dataclass
class DemoContext:
    programme: Programme
    rng: random.Random
    actor: Any
    places: dict[str, Place]
    lead_ministries: dict[str, Organisation | None]  # recorded for the programme
    domains: dict[str, Domain]
    implementers: list[Organisation]
    funders: dict[str, Organisation]
    themes: dict[int, Theme] = field(default_factory=dict)  # activity pk → theme
    domain_of: dict[int, str] = field(default_factory=dict)  # activity pk → domain

    @classmethod
    def for_programme(
        cls, programme: Programme, *, rng: random.Random, actor: Any
    ) -> "DemoContext":
        partners = list(programme.partner_countries.all())
        fundings = list(programme.fundings.all())
        return cls(
            programme=programme,
            rng=rng,
            actor=actor,
            places={p.country.iso3: p.country for p in partners},
            lead_ministries={p.country.iso3: p.lead_ministry for p in partners},
            domains={d.code: d for d in programme.domains.all()},
            implementers=[i.organisation for i in programme.implementers.all()],
            funders={
                "eutf" if f.kind == FundingKind.EUTF_CONTRIBUTION else "bmz": f.funder
                for f in fundings
            },
        )


def build_plans(context: DemoContext) -> dict[str, ActionPlan]:
    """One plan per memorandum Morocco–partner, keyed by the partner's ISO3."""
    plans = {}
    for memorandum in context.programme.memoranda.all():
        iso3 = memorandum.second_country.iso3
        plan = ActionPlan(
            programme=context.programme,
            memorandum=memorandum,
            code=f"DEMO-PA-{COORDINATOR}-{iso3}",
            title_fr=f"Plan d'action conjoint Maroc–{COUNTRY_NAMES_FR.get(iso3, iso3)}",
            title_en=f"Joint action plan Morocco–{memorandum.second_country.name_en}",
            description_fr="Plan d'action de démonstration.",
            start_date=dt.date(2019, 1, 1),
            end_date=LAST_DAY,
            is_demo=True,
        )
        plan.full_clean()
        plan.save()
        plan.countries.set([context.places[COORDINATOR], context.places[iso3]])
        plans[iso3] = plan
    return plans


def _shares(context: DemoContext, kind: str, index: int, partner: str) -> list:
    rng = context.rng
    if kind == ActivityType.NATIONAL:
        return [(COORDINATOR if index % 2 else partner, Decimal(100))]
    if kind == ActivityType.BILATERAL:
        first = rng.choice((50, 60, 40, 70))
        return [(COORDINATOR, Decimal(first)), (partner, Decimal(100 - first))]
    if index % 2:
        return [(iso3, Decimal(25)) for iso3 in (COORDINATOR, *PARTNERS)]
    others = rng.sample(PARTNERS, 2)
    return [
        (COORDINATOR, Decimal(40)),
        (others[0], Decimal(30)),
        (others[1], Decimal(30)),
    ]


def _specs(context: DemoContext, plans: dict[str, ActionPlan]) -> list[dict]:
    specs = []
    for partner, plan in plans.items():
        kinds = [ActivityType.BILATERAL] * BILATERAL_PER_PLAN
        kinds += [ActivityType.NATIONAL] * NATIONAL_PER_PLAN
        for index, kind in enumerate(kinds):
            shares = _shares(context, kind, index, partner)
            specs.append({"plan": plan, "kind": kind, "shares": shares})
    for index in range(MULTILATERAL):
        shares = _shares(context, ActivityType.MULTILATERAL, index, "")
        specs.append(
            {"plan": None, "kind": ActivityType.MULTILATERAL, "shares": shares}
        )
    return specs


def _schedule(rng: random.Random) -> dict[str, Any]:
    """Planned and actual dates with a status: most on time, some late."""
    start = dt.date(2019, 1, 1) + dt.timedelta(days=30 * rng.randrange(0, 36))
    end = min(start + dt.timedelta(days=30 * rng.randrange(6, 25)), LAST_DAY)
    roll = rng.random()
    dates = {"planned_start": start, "planned_end": end}
    if roll < 0.06:
        return {**dates, "status": ActivityStatus.PIPELINE}
    actual_start = start + dt.timedelta(days=rng.randrange(0, 45))
    dates["actual_start"] = actual_start
    if roll < 0.55:
        finish = max(end - dt.timedelta(days=rng.randrange(0, 20)), actual_start)
        return {**dates, "actual_end": finish, "status": ActivityStatus.CLOSED}
    if roll < 0.70:  # finished, but late
        finish = min(end + dt.timedelta(days=rng.randrange(30, 150)), LAST_DAY)
        finish = max(finish, actual_start)
        return {**dates, "actual_end": finish, "status": ActivityStatus.CLOSED}
    if roll < 0.95:  # still running: late when the planned end has passed
        return {**dates, "status": ActivityStatus.IMPLEMENTATION}
    return {**dates, "status": ActivityStatus.SUSPENDED}


def _location(kind: str, shares: list) -> str:
    names = [COUNTRY_NAMES_FR.get(iso3, iso3) for iso3, _share in shares]
    if kind == ActivityType.MULTILATERAL:
        return ", ".join(names)
    return "–".join(names)


def _activity(context: DemoContext, number: int, spec: dict) -> Activity:
    domain = list(THEMES)[number % len(THEMES)]
    theme = context.rng.choice(THEMES[domain])
    origin, host, migrants = TRIPLE_WIN[domain]
    activity = Activity(
        programme=context.programme,
        plan=spec["plan"],
        code=f"DEMO-{number:03d}",
        title_fr=f"{theme.title_fr} ({_location(spec['kind'], spec['shares'])})",
        title_en=theme.title_en,
        description_fr=f"Activité de démonstration : {theme.title_fr.lower()}.",
        activity_type=spec["kind"],
        benefit_origin=origin,
        benefit_host=host,
        benefit_migrants=migrants,
        is_demo=True,
        **_schedule(context.rng),
    )
    activity.search_text = activity_search_text(activity)
    activity.full_clean(exclude=["programme", "plan"], validate_unique=False)
    spec.update(domain=domain, theme=theme)
    return activity


def _budget_lines(context: DemoContext, activity: Activity, implementers: list) -> list:
    rng, lines = context.rng, []
    start = activity.planned_start or LAST_DAY
    end = activity.planned_end or start
    funders = [context.funders["eutf"]]
    if "bmz" in context.funders and rng.random() < 0.3:
        funders.append(context.funders["bmz"])
    for year in range(start.year, end.year + 1):
        for funder in funders:
            for implementer in implementers:
                planned = Decimal(rng.randrange(40, 300) * 500)
                committed = (planned * Decimal(rng.randrange(60, 101)) / 100).quantize(
                    Decimal(1)
                )
                spent = (committed * Decimal(rng.randrange(40, 101)) / 100).quantize(
                    Decimal(1)
                )
                lines.append(
                    BudgetLine(
                        activity=activity,
                        funder=funder,
                        implementer=implementer,
                        year=year,
                        planned=planned,
                        committed=committed,
                        spent=spent,
                    )
                )
    return lines


def _children(context: DemoContext, activity: Activity, spec: dict) -> dict[str, list]:
    rng = context.rng
    implementers = [context.implementers[activity.pk % len(context.implementers)]]
    if rng.random() < 0.2:
        implementers = list(context.implementers)
    through = Activity.implementers.through
    rows: dict[str, list] = {
        "countries": [],
        "implementers": [
            through(activity_id=activity.pk, organisation_id=o.pk) for o in implementers
        ],
        "domains": [
            Activity.domains.through(
                activity_id=activity.pk, domain_id=context.domains[spec["domain"]].pk
            )
        ],
        "budget": _budget_lines(context, activity, implementers),
    }
    for iso3, share in spec["shares"]:
        rows["countries"].append(
            ActivityCountry(
                activity=activity, country=context.places[iso3], share=share
            )
        )
    return rows


def build_activities(
    context: DemoContext, plans: dict[str, ActionPlan]
) -> list[Activity]:
    """The activities with their countries, domains, implementers and budget;
    partners come afterwards, through the services (``demo_partners``)."""
    specs = _specs(context, plans)
    activities = Activity.objects.bulk_create(
        [_activity(context, number, spec) for number, spec in enumerate(specs, 1)]
    )
    rows: dict[str, list] = {}
    for activity, spec in zip(activities, specs, strict=True):
        context.themes[activity.pk] = spec["theme"]
        context.domain_of[activity.pk] = spec["domain"]
        for key, items in _children(context, activity, spec).items():
            rows.setdefault(key, []).extend(items)
    ActivityCountry.objects.bulk_create(rows["countries"])
    Activity.implementers.through.objects.bulk_create(rows["implementers"])
    Activity.domains.through.objects.bulk_create(rows["domains"])
    BudgetLine.objects.bulk_create(rows["budget"])
    return activities
