import factory

from sudsud.organisations.models import Organisation, OrganisationKind
from sudsud.places.tests.factories import PlaceFactory
from sudsud.programmes.models import (
    Domain,
    Memorandum,
    PartnerCountry,
    Programme,
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
