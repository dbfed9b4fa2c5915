"""A small programme with everything the IATI file publishes, for the IATI tests."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import timezone

from sudsud.organisations.models import Organisation, OrganisationKind
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityPartner,
    ActivityStatus,
    ActivityType,
    ActualBreakdown,
    BudgetLine,
    FrameworkCatalogue,
    FrameworkIndicator,
    FundingKind,
    Indicator,
    IndicatorPeriod,
    IndicatorUpdate,
    PartnerRole,
    Programme,
    ProgrammeFunding,
    ProgrammeImplementer,
    TargetBreakdown,
    UpdateStatus,
)

from .factories import (
    ActionPlanFactory,
    ActivityFactory,
    IndicatorFactory,
    IndicatorPeriodFactory,
    IndicatorUpdateFactory,
    OrganisationFactory,
    PartnerCountryFactory,
    ProgrammeFactory,
    ResultFactory,
)

REPORTING_REF = "DE-1"


@dataclass
class SmallProgramme:
    programme: Programme
    plan: ActionPlan
    bilateral: Activity
    national: Activity
    indicator: Indicator
    period: IndicatorPeriod
    update: IndicatorUpdate
    eu: Organisation
    giz: Organisation


def _organisations(countries: dict) -> dict[str, Organisation]:
    return {
        "eu": OrganisationFactory(
            name="Union européenne (FFU)",
            kind=OrganisationKind.INTERNATIONAL,
            country=countries["FRA"],
            iati_identifier="XI-IATI-EC_INTPA",
        ),
        "bmz": OrganisationFactory(
            name="BMZ",
            kind=OrganisationKind.MINISTRY,
            country=countries["FRA"],
            iati_identifier="XM-DAC-5-7",
        ),
        "giz": OrganisationFactory(
            name="GIZ",
            kind=OrganisationKind.IMPLEMENTING_AGENCY,
            country=countries["FRA"],
            iati_identifier=REPORTING_REF,
        ),
        "sen": OrganisationFactory(name="Ministère SEN", country=countries["SEN"]),
        "mar": OrganisationFactory(name="Ministère MAR", country=countries["MAR"]),
    }


def _programme(countries: dict, orgs: dict) -> Programme:
    programme = ProgrammeFactory(
        code="SSM-TEST",
        name_fr="Coopération Sud-Sud en matière de migration",
        name_en="South-South Migration Cooperation",
        description_fr="Programme d'essai.",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2027, 12, 31),
    )
    for funder, kind in (
        (orgs["eu"], FundingKind.EUTF_CONTRIBUTION),
        (orgs["bmz"], FundingKind.CO_FINANCING),
    ):
        ProgrammeFunding.objects.create(
            programme=programme, funder=funder, amount=Decimal(1000), kind=kind
        )
    ProgrammeImplementer.objects.create(programme=programme, organisation=orgs["giz"])
    PartnerCountryFactory(
        programme=programme, country=countries["MAR"], lead_ministry=orgs["mar"]
    )
    PartnerCountryFactory(
        programme=programme, country=countries["SEN"], lead_ministry=orgs["sen"]
    )
    return programme


def _activity(plan: ActionPlan, code: str, shares: list, orgs: dict) -> Activity:
    activity = ActivityFactory(
        plan=plan,
        code=code,
        title_fr=f"Activité {code}",
        title_en=f"Activity {code}",
        description_fr="Description de l'activité.",
        activity_type=ActivityType.BILATERAL
        if len(shares) > 1
        else ActivityType.NATIONAL,
        status=ActivityStatus.IMPLEMENTATION,
        planned_start=dt.date(2025, 1, 1),
        actual_start=dt.date(2025, 2, 1),
        planned_end=dt.date(2026, 12, 31),
        countries=shares,
    )
    activity.implementers.add(orgs["giz"])
    for year, amount in ((2025, Decimal("120000")), (2026, Decimal("80000.50"))):
        BudgetLine.objects.create(
            activity=activity,
            funder=orgs["eu"],
            implementer=orgs["giz"],
            year=year,
            planned=amount,
        )
    return activity


def _indicator(activity: Activity) -> Indicator:
    result = ResultFactory(programme=activity.programme, activity=activity, code="R1")
    indicator = IndicatorFactory(
        result=result,
        code="I1",
        title_fr="Nombre d'agents formés",
        title_en="Number of officials trained",
        baseline_value=Decimal(0),
        baseline_year=2024,
    )
    catalogue = FrameworkCatalogue.objects.create(
        code="eutf", version="2023", name_fr="FFU", name_en="EUTF"
    )
    indicator.framework_indicators.add(
        FrameworkIndicator.objects.create(
            catalogue=catalogue, code="2.2", label_en="People trained"
        )
    )
    return indicator


def _values(
    indicator: Indicator, countries: dict
) -> tuple[IndicatorPeriod, IndicatorUpdate]:
    period = IndicatorPeriodFactory(indicator=indicator, target_value=Decimal(100))
    for key, value in (("country=SEN;sex=female", 30), ("country=MAR;sex=male", 70)):
        TargetBreakdown.objects.create(period=period, key=key, value=Decimal(value))
    update = IndicatorUpdateFactory(
        period=period,
        status=UpdateStatus.APPROVED,
        value=Decimal(40),
        reviewed_at=timezone.now(),
    )
    for key, value in (("country=SEN;sex=female", 15), ("country=MAR;sex=male", 25)):
        ActualBreakdown.objects.create(update=update, key=key, value=Decimal(value))
    # A draft never shows in the file.
    IndicatorUpdateFactory(
        period=period,
        country=countries["SEN"],
        status=UpdateStatus.DRAFT,
        value=Decimal(999),
    )
    return period, update


def small_programme(countries: dict) -> SmallProgramme:
    orgs = _organisations(countries)
    programme = _programme(countries, orgs)
    plan = ActionPlanFactory(programme=programme, code="PA-MA-SN")
    bilateral = _activity(
        plan, "MA-SN-01", [(countries["SEN"], 60), (countries["MAR"], 40)], orgs
    )
    ActivityPartner.objects.create(
        activity=bilateral, organisation=orgs["sen"], role=PartnerRole.LEAD_MINISTRY
    )
    national = _activity(plan, "MA-02", [(countries["MAR"], 100)], orgs)
    indicator = _indicator(bilateral)
    period, update = _values(indicator, countries)
    return SmallProgramme(
        programme,
        plan,
        bilateral,
        national,
        indicator,
        period,
        update,
        orgs["eu"],
        orgs["giz"],
    )


@pytest.fixture
def iati_settings(settings):
    """The publisher's identifier; no XSD unless a test asks for it."""
    settings.SUDSUD_IATI_REPORTING_ORG_REF = REPORTING_REF
    settings.SUDSUD_IATI_REPORTING_ORG_NAME = "GIZ"
    settings.SUDSUD_IATI_SCHEMA_DIR = ""
    return settings


@pytest.fixture
def iati_schema(iati_settings, shared_dir):
    """The official 2.03 XSD from ``../shared`` (skips when it is absent)."""
    folder = shared_dir / "iati/schemas"
    if not (folder / "iati-activities-schema.xsd").is_file():
        pytest.skip(f"needs the IATI 2.03 XSD in {folder}, which is absent")
    iati_settings.SUDSUD_IATI_SCHEMA_DIR = str(folder)
    return folder
