import datetime
from decimal import Decimal

import factory

from sudsud.organisations.models import Organisation, OrganisationKind
from sudsud.places.tests.factories import PlaceFactory
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityCountry,
    ActivityType,
    Domain,
    Indicator,
    IndicatorPeriod,
    IndicatorUpdate,
    Memorandum,
    PartnerCountry,
    Programme,
    Result,
    ResultLevel,
    UpdateStatus,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """Organisations as the programme tests need them (ministries by default)."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Ministère {n}")
    kind = OrganisationKind.MINISTRY
    country = factory.SubFactory(PlaceFactory)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"PRG-{n:03d}")
    name_fr = factory.Sequence(lambda n: f"Programme {n}")
    name_en = factory.Sequence(lambda n: f"Programme {n} (en)")


class PartnerCountryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerCountry

    programme = factory.SubFactory(ProgrammeFactory)
    country = factory.SubFactory(PlaceFactory)


class MemorandumFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Memorandum

    programme = factory.SubFactory(ProgrammeFactory)
    first_country = factory.SubFactory(PlaceFactory)
    second_country = factory.SubFactory(PlaceFactory)
    title_fr = factory.Sequence(lambda n: f"Mémorandum {n}")


class DomainFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Domain

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"domain-{n}")
    name_fr = factory.Sequence(lambda n: f"Domaine {n}")


# --- Monitoring ------------------------------------------------------------------


class ActionPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionPlan

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"PA-{n:02d}")
    title_fr = factory.Sequence(lambda n: f"Plan d'action {n}")


class ActivityFactory(factory.django.DjangoModelFactory):
    """An activity of a plan; give ``countries=[(place, share), …]`` to cover them."""

    class Meta:
        model = Activity
        skip_postgeneration_save = True

    plan = factory.SubFactory(ActionPlanFactory)
    programme = factory.LazyAttribute(lambda o: o.plan.programme)
    code = factory.Sequence(lambda n: f"ACT-{n:03d}")
    title_fr = factory.Sequence(lambda n: f"Activité {n}")
    activity_type = ActivityType.NATIONAL

    @factory.post_generation
    def countries(obj, create, extracted, **kwargs):  # noqa: N805
        for place, share in extracted or ():
            ActivityCountry.objects.create(activity=obj, country=place, share=share)


class ResultFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Result

    programme = factory.SubFactory(ProgrammeFactory)
    level = ResultLevel.OUTPUT
    code = factory.Sequence(lambda n: f"R{n}")
    title_fr = factory.Sequence(lambda n: f"Résultat {n}")


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    result = factory.SubFactory(ResultFactory)
    code = factory.Sequence(lambda n: f"I{n}")
    title_fr = factory.Sequence(lambda n: f"Indicateur {n}")
    unit = "personnes"


class IndicatorPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorPeriod

    indicator = factory.SubFactory(IndicatorFactory)
    start = datetime.date(2025, 1, 1)
    end = datetime.date(2025, 12, 31)
    target_value = Decimal(100)


class IndicatorUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorUpdate

    period = factory.SubFactory(IndicatorPeriodFactory)
    status = UpdateStatus.DRAFT
    value = Decimal(10)
