"""Factories and a small world for the activities tests: a programme with a
Morocco–Senegal plan, one open bilateral activity and one restricted Senegalese
one, implementers, funders, ministries and people with each role."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import factory

from sudsud.accounts.models import Role
from sudsud.accounts.tests.factories import UserFactory
from sudsud.organisations.models import OrganisationKind
from sudsud.programmes.models import (
    ActivityStatus,
    ActivityType,
    BudgetLine,
    Deliverable,
)

from .factories import (
    ActionPlanFactory,
    ActivityFactory,
    DomainFactory,
    OrganisationFactory,
    ProgrammeFactory,
)


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    year = 2025
    planned = Decimal(1000)


class DeliverableFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deliverable

    title = factory.Sequence(lambda n: f"Livrable {n}")


@dataclass
class World:
    programme: Any
    plan: Any
    other_plan: Any
    domain: Any
    other_domain: Any
    giz: Any
    ef: Any
    bmz: Any
    eu: Any
    ministries: dict[str, Any]
    bilateral: Any
    restricted: Any
    users: dict[str, Any]
    countries: dict[str, Any]


def _users(countries: dict[str, Any]) -> dict[str, Any]:
    def user(role: str, *isos: str) -> Any:
        made = UserFactory(role=role)
        made.countries.set([countries[iso] for iso in isos])
        return made

    return {
        "admin": UserFactory(role=Role.PROGRAMME_ADMIN),
        "mali": user(Role.MINISTRY_OFFICER, "MLI"),
        "senegal": user(Role.MINISTRY_OFFICER, "SEN"),
        "morocco": user(Role.MINISTRY_OFFICER, "MAR"),
        "coordinator_sen": user(Role.COUNTRY_COORDINATOR, "SEN"),
        "viewer": user(Role.VIEWER, "SEN"),
        "analyst": user(Role.DATA_ANALYST, "MLI"),
    }


def make_world(countries: dict[str, Any]) -> World:
    programme = ProgrammeFactory(code="PRG-ACT")
    org = OrganisationFactory
    giz = org(
        name="Deutsche GIZ",
        acronym="GIZ",
        kind=OrganisationKind.IMPLEMENTING_AGENCY,
        country=countries["FRA"],
    )
    ef = org(
        name="Expertise France",
        acronym="EF",
        kind=OrganisationKind.IMPLEMENTING_AGENCY,
        country=countries["FRA"],
    )
    bmz = org(
        name="BMZ", acronym="BMZ", kind=OrganisationKind.DONOR, country=countries["FRA"]
    )
    eu = org(name="Union européenne", acronym="FFU / EUTF",
             kind=OrganisationKind.DONOR, country=countries["FRA"])  # fmt: skip
    ministries = {
        iso: org(
            name=f"Ministère {iso}",
            country=countries[iso],
            scope_country=countries[iso],
        )
        for iso in ("MAR", "SEN", "MLI")
    }
    plan = ActionPlanFactory(programme=programme, code="PA-MAR-SEN",
                             title_fr="Plan Maroc–Sénégal")  # fmt: skip
    plan.countries.set([countries["MAR"], countries["SEN"]])
    other_plan = ActionPlanFactory(programme=programme, code="PA-MAR-MLI")
    other_plan.countries.set([countries["MAR"], countries["MLI"]])
    domain = DomainFactory(programme=programme, code="diaspora")
    other_domain = DomainFactory(programme=programme, code="rights")
    bilateral = ActivityFactory(
        plan=plan, code="A-BIL", title_fr="Échanges entre le Maroc et le Sénégal",
        activity_type=ActivityType.BILATERAL, status=ActivityStatus.IMPLEMENTATION,
        countries=[(countries["MAR"], 50), (countries["SEN"], 50)],
        search_text="a-bil echanges entre le maroc et le senegal",
    )  # fmt: skip
    bilateral.domains.set([domain])
    bilateral.implementers.set([giz])
    restricted = ActivityFactory(
        plan=plan, code="A-SEN", title_fr="Activité confidentielle au Sénégal",
        is_restricted=True, countries=[(countries["SEN"], 100)],
        search_text="a-sen activite confidentielle au senegal",
    )  # fmt: skip
    return World(
        programme, plan, other_plan, domain, other_domain, giz, ef, bmz, eu,
        ministries, bilateral, restricted, _users(countries), countries,
    )  # fmt: skip


HIDDEN_NAME = "Ministère sénégalais confidentiel"


def add_hidden_senegal_ministry(world: World) -> Any:
    """A Senegal-restricted ministry named as the Senegal lead ministry and an
    implementer of the open Morocco–Senegal activity: only people scoped to
    Senegal (and programme-wide people) may see its name."""
    from sudsud.programmes.models import ActivityPartner, PartnerRole

    countries = world.countries
    hidden = OrganisationFactory(
        name=HIDDEN_NAME, acronym="MSC", country=countries["SEN"],
        scope_country=countries["SEN"], is_restricted=True,
    )  # fmt: skip
    ActivityPartner.objects.create(
        activity=world.bilateral, organisation=hidden,
        role=PartnerRole.LEAD_MINISTRY, country=countries["SEN"],
    )  # fmt: skip
    world.bilateral.implementers.add(hidden)
    return hidden


def scoped_user(world: World, role: str, *isos: str, **fields: Any) -> Any:
    """A person with ``role`` scoped to the countries ``isos``."""
    user = UserFactory(role=role, **fields)
    user.countries.set([world.countries[iso] for iso in isos])
    return user
