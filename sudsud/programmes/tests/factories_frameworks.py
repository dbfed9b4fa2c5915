"""Factories of donor frameworks, and a helper that builds an approved value."""

import datetime as dt
from decimal import Decimal

import factory

from sudsud.programmes.models import (
    FrameworkCatalogue,
    FrameworkIndicator,
    IndicatorUpdate,
    UpdateStatus,
)

from .factories import IndicatorPeriodFactory


class FrameworkCatalogueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkCatalogue

    code = factory.Sequence(lambda n: f"framework-{n}")
    version = "2021-12"
    name_fr = factory.Sequence(lambda n: f"Cadre {n}")
    name_en = factory.Sequence(lambda n: f"Framework {n}")


class FrameworkIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkIndicator

    catalogue = factory.SubFactory(FrameworkCatalogueFactory)
    code = factory.Sequence(lambda n: f"{n}.1")
    label_en = factory.Sequence(lambda n: f"Number of things {n}")
    order = factory.Sequence(int)


def approved_value(indicator, year, value, *, country=None, reviewer=None):
    """A yearly period of ``indicator`` with one approved update of ``value``."""
    period = IndicatorPeriodFactory(
        indicator=indicator, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
    )
    return IndicatorUpdate.objects.create(
        period=period,
        country=country,
        status=UpdateStatus.APPROVED,
        value=Decimal(value),
        reviewed_by=reviewer,
        reviewed_at=dt.datetime(year + 1, 1, 15, tzinfo=dt.UTC),
    )
