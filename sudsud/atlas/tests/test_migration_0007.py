"""Migration 0007 makes the UN DESA citation name each edition's own year."""

import importlib

import pytest
from django.apps import apps

from sudsud.atlas.models import Edition, Source

pytestmark = pytest.mark.django_db
migration = importlib.import_module(
    "sudsud.atlas.migrations.0007_undesa_citation_by_edition"
)


def test_each_edition_is_cited_with_its_own_year():
    source = Source.objects.create(
        code="undesa-ims", name_fr="UN DESA", name_en="UN DESA",
        citation="United Nations Department of Economic and Social Affairs, "
        "Population Division (2024). International Migrant Stock 2024.",
        coverage=migration.OLD_COVERAGE,
    )  # fmt: skip
    rev2020 = Edition.objects.create(
        source=source, code="Rev.2020", published_year=2020
    )

    migration.cite_each_edition(apps, None)

    rev2020.refresh_from_db()
    assert rev2020.citation.endswith("(2020). International Migrant Stock 2020.")
    assert rev2020.source.coverage.startswith("Pays et zones du monde")


def test_a_citation_written_by_hand_is_kept():
    Source.objects.create(
        code="undesa-ims", name_fr="UN DESA", name_en="UN DESA",
        citation="UN DESA, International Migrant Stock.", coverage="Monde.",
    )  # fmt: skip
    migration.cite_each_edition(apps, None)
    source = Source.objects.get()
    assert (source.citation, source.coverage) == (
        "UN DESA, International Migrant Stock.",
        "Monde.",
    )
