"""Demonstration partners and sign-offs (see ``services.demo``).

* The four partner ministries, a few local authorities and diaspora associations
  (``demo_content.MINISTRIES`` and ``OTHER_PARTNERS``) are created once through
  ``organisations.services.organisation_create`` and found again afterwards by their
  ``DEMO-`` acronym and country: loading twice does not duplicate them. Organisations
  have no demonstration flag, so the ``DEMO-`` acronym and the description say it.
  Removing the demonstration data archives them; loading again restores them.
* One ministry officer per partner country (``demo-officer-mar`` …), created once
  through ``accounts.services.user_create`` with a password nobody knows (give one
  with ``manage.py changepassword demo-officer-sen`` to sign in as that officer).
  Accounts are never deleted, and removing the demonstration data leaves them.
* On every demonstration activity, through ``activity_partner_add``: the lead
  ministry of each country it covers (the one recorded for the programme's partner
  country when there is one, else the demonstration ministry), and on about a third
  of them a local authority or diaspora association as partner or beneficiary.
* Through ``activity_sign_off``, by the officer of that ministry's country: both
  ministries on about half the bilateral activities and one of them on about a
  third, most national activities, and some ministries of multilateral ones; the
  rest stay pending. The service stamps the time of the load; the demonstration
  then dates each sign-off a few weeks before the activity's planned start, so that
  the same seed gives the same data.

Unlike the rest of the demonstration, these rows go through the services one by
one, so each has its audit entry.
"""

import datetime as dt
import random
import secrets
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from sudsud.accounts.models import Role, User
from sudsud.accounts.services import UserFields, user_create
from sudsud.organisations.models import Organisation
from sudsud.organisations.services import (
    organisation_archive,
    organisation_create,
    organisation_restore,
)
from sudsud.places.models import Place
from sudsud.programmes.models import (
    Activity,
    ActivityCountry,
    ActivityPartner,
    ActivityStatus,
    ActivityType,
    PartnerRole,
)
from sudsud.programmes.permissions_activities import can_sign_off
from sudsud.programmes.selectors.reference import MINISTRY_KINDS

from .activities_parts import activity_partner_add, activity_sign_off
from .demo_activities import DemoContext
from .demo_content import (
    COUNTRY_NAMES_FR,
    MINISTRIES,
    ORGANISATION_DESCRIPTION,
    OTHER_PARTNERS,
    DemoOrganisation,
)

OFFICER_USERNAME = "demo-officer-{iso3}"
DEMO_ACRONYMS = frozenset(
    spec.acronym for spec in (*MINISTRIES.values(), *OTHER_PARTNERS)
)
OTHER_PARTNER_SHARE = 0.35


@dataclass
class DemoPartners:
    ministries: dict[str, Organisation]  # ISO3 → demonstration ministry
    others: list[tuple[Organisation, str]]  # (organisation, ISO3 it acts for)
    officers: dict[str, User]  # ISO3 → demonstration ministry officer


def _organisation(
    actor: Any, spec: DemoOrganisation, places: dict[str, Place]
) -> Organisation:
    country = places[spec.country]
    found = (
        Organisation.objects.filter(acronym=spec.acronym, country=country)
        .order_by("pk")
        .first()
    )
    if found is None:
        return organisation_create(
            actor=actor,
            name=spec.name,
            kind=spec.kind,
            country=country,
            scope_country=places[spec.acts_for],
            acronym=spec.acronym,
            name_ar=spec.name_ar,
            city=spec.city,
            description=ORGANISATION_DESCRIPTION,
        )
    if found.is_archived:
        return organisation_restore(actor=actor, organisation=found)
    return found


def _officer(actor: Any, iso3: str, place: Place) -> User:
    username = OFFICER_USERNAME.format(iso3=iso3.lower())
    found = User.objects.filter(username=username).first()
    if found is not None:
        return found
    return user_create(
        actor=actor,
        fields=UserFields(
            username=username,
            first_name="Agent de démonstration",
            last_name=f"({COUNTRY_NAMES_FR.get(iso3, iso3)})",
            role=Role.MINISTRY_OFFICER,
        ),
        countries=[place],
        # Nobody knows it: an administrator sets one to sign in as this officer.
        password=secrets.token_urlsafe(24),
    )


def demo_partners_ensure(actor: Any, places: dict[str, Place]) -> DemoPartners:
    """The demonstration organisations and officers, created when missing."""
    return DemoPartners(
        ministries={
            iso3: _organisation(actor, spec, places)
            for iso3, spec in MINISTRIES.items()
            if iso3 in places
        },
        others=[
            (_organisation(actor, spec, places), spec.acts_for)
            for spec in OTHER_PARTNERS
            if spec.country in places and spec.acts_for in places
        ],
        officers={
            iso3: _officer(actor, iso3, places[iso3])
            for iso3 in MINISTRIES
            if iso3 in places
        },
    )


def demo_partners_archive(actor: Any) -> int:
    """Archive the demonstration organisations (after the demonstration data is
    removed); returns how many were archived."""
    archived = 0
    for organisation in Organisation.objects.filter(
        acronym__in=DEMO_ACRONYMS, archived_at__isnull=True
    ):
        organisation_archive(actor=actor, organisation=organisation)
        archived += 1
    return archived


def _lead(
    context: DemoContext, partners: DemoPartners, iso3: str
) -> Organisation | None:
    """The lead ministry recorded for the programme's partner country when it can
    lead (a ministry or agency of that country), else the demonstration one."""
    recorded = context.lead_ministries.get(iso3)
    place = context.places[iso3]
    if (
        recorded is not None
        and recorded.kind in MINISTRY_KINDS
        and recorded.country_id == place.pk
    ):
        return recorded
    return partners.ministries.get(iso3)


def _to_sign(rng: random.Random, activity: Activity, leads: list) -> list:
    """Which lead ministries sign off: most, not all."""
    if activity.status == ActivityStatus.PIPELINE or not leads:
        return []
    if activity.activity_type == ActivityType.BILATERAL:
        roll = rng.random()
        if roll < 0.15:
            return []
        return [rng.choice(leads)] if roll < 0.45 else list(leads)
    if activity.activity_type == ActivityType.NATIONAL:
        return list(leads) if rng.random() < 0.7 else []
    return [lead for lead in leads if rng.random() < 0.5]


def _other_partner(
    context: DemoContext,
    rng: random.Random,
    activity: Activity,
    candidates: list[tuple[Organisation, str]],
) -> None:
    if not candidates or rng.random() >= OTHER_PARTNER_SHARE:
        return
    organisation, iso3 = rng.choice(candidates)
    beneficiary = (
        organisation.kind == "diaspora_association"
        and context.domain_of.get(activity.pk) == "diaspora-mobilisation"
    )
    activity_partner_add(
        actor=context.actor,
        activity=activity,
        organisation=organisation,
        role=PartnerRole.BENEFICIARY if beneficiary else PartnerRole.PARTNER,
        country=context.places[iso3],
    )


def _signed_on(rng: random.Random, activity: Activity) -> dt.datetime:
    start = activity.planned_start or dt.date(2019, 1, 1)
    day = start - dt.timedelta(days=rng.randrange(7, 60))
    return timezone.make_aware(dt.datetime.combine(day, dt.time(11)))


def _covered(activities: list[Activity]) -> dict[int, list[str]]:
    """The ISO3 codes each activity covers, in the order they were recorded."""
    covered: dict[int, list[str]] = defaultdict(list)
    shares = ActivityCountry.objects.filter(activity__in=activities).order_by("pk")
    for activity_id, iso3 in shares.values_list("activity_id", "country__iso3"):
        covered[activity_id].append(iso3)
    return covered


def _add_leads(
    context: DemoContext, partners: DemoPartners, activity: Activity, isos: list[str]
) -> list[ActivityPartner]:
    """The lead ministry of each country ``activity`` covers, when there is one."""
    leads = []
    for iso3 in isos:
        ministry = _lead(context, partners, iso3)
        if ministry is not None:
            leads.append(
                activity_partner_add(
                    actor=context.actor,
                    activity=activity,
                    organisation=ministry,
                    role=PartnerRole.LEAD_MINISTRY,
                    country=context.places[iso3],
                )
            )
    return leads


def build_partners(
    context: DemoContext, activities: list[Activity], *, seed: int
) -> None:
    """Partners and sign-offs of the demonstration activities (see the module)."""
    rng = random.Random(f"demo-partners-{seed}")  # noqa: S311 - not for secrets
    partners = demo_partners_ensure(context.actor, context.places)
    covered = _covered(activities)
    signers = {
        iso3: officer
        for iso3, officer in partners.officers.items()
        if officer.is_active
    }
    signed: list[ActivityPartner] = []
    for activity in activities:
        isos = covered[activity.pk]
        leads = _add_leads(context, partners, activity, isos)
        candidates = [(org, iso3) for org, iso3 in partners.others if iso3 in isos]
        _other_partner(context, rng, activity, candidates)
        for lead in _to_sign(rng, activity, leads):
            officer = signers.get(lead.country.iso3)
            if officer is None or not can_sign_off(officer, lead):
                continue  # an account an administrator changed: left pending
            done = activity_sign_off(actor=officer, partner=lead)
            done.signed_off_at = _signed_on(rng, activity)
            signed.append(done)
    ActivityPartner.objects.bulk_update(signed, ["signed_off_at"])
