import factory

from sudsud.atlas.models import Definition, Edition, Sex, Source, StockValue
from sudsud.places.models import PlaceKind
from sudsud.places.tests.factories import PlaceFactory


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("code",)

    code = "undesa-ims"
    name_fr = "Nations unies, DESA, International Migrant Stock"
    name_en = "United Nations DESA, International Migrant Stock"
    publisher = "UN DESA"
    definition = Definition.MIXED
    licence = "CC BY 3.0 IGO"


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition
        django_get_or_create = ("source", "code")

    source = factory.SubFactory(SourceFactory)
    code = "Rev.2024"
    published_year = 2024


class StockValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StockValue

    edition = factory.SubFactory(EditionFactory)
    year = 2024
    origin = factory.SubFactory(PlaceFactory)
    destination = factory.SubFactory(PlaceFactory)
    sex = Sex.BOTH
    value = 100
    data_type = "B"


def aggregate(code: int, name: str):
    """UN DESA's aggregates: World (900), Other (2003)…"""
    return PlaceFactory(code=code, kind=PlaceKind.AGGREGATE, name_fr=name, name_en=name)
