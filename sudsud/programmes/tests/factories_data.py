"""Factories of the ``data`` part: breakdown dimensions and their values."""

import factory

from sudsud.programmes.models import Dimension, DimensionValue


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dimension
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dimension-{n}")
    name_fr = factory.Sequence(lambda n: f"Dimension {n}")
    name_en = factory.Sequence(lambda n: f"Dimension {n} (en)")


class DimensionValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DimensionValue
        django_get_or_create = ("dimension", "code")

    dimension = factory.SubFactory(DimensionFactory)
    code = factory.Sequence(lambda n: f"value-{n}")
    name_fr = factory.Sequence(lambda n: f"Valeur {n}")
    name_en = factory.Sequence(lambda n: f"Value {n}")
