"""Migration 0005 hides, in national values imported before secondary suppression,
the shown cells that give a suppressed one away."""

import importlib

import pytest
from django.apps import apps

from sudsud.atlas.models import StockValue
from sudsud.atlas.tests.factories import EditionFactory

pytestmark = pytest.mark.django_db
migration = importlib.import_module(
    "sudsud.atlas.migrations.0005_national_secondary_suppression"
)


def _value(edition, place, sex, value, flag=""):
    return StockValue.objects.create(
        edition=edition, year=2021, origin=place["SEN"], destination=place["FRA"],
        sex=sex, value=value, flag=flag,
    )  # fmt: skip


def test_migration_hides_the_cells_that_give_a_small_one_away(countries):
    register = EditionFactory(source__code="registre", source__is_national=True)
    both = _value(register, countries, "both", 9)
    women = _value(register, countries, "female", 7)
    men = _value(register, countries, "male", None, "suppressed")
    published = EditionFactory(
        source__code="publie", source__is_national=True, code="2021"
    )
    shown = _value(published, countries, "female", 3)  # published figures: kept

    migration.resuppress(apps, None)

    women.refresh_from_db()
    assert (women.value, women.flag) == (None, "suppressed")
    both.refresh_from_db()
    assert both.value == 9
    men.refresh_from_db()
    assert men.value is None
    shown.refresh_from_db()
    assert shown.value == 3
