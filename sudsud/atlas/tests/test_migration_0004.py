"""Migration 0004 rebuilds the stock table (new unique order, fewer indexes): the
values an installation already holds must come through it unchanged."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("atlas", "0003_national_sources")]
AFTER = [("atlas", "0004_stock_value_indexes_for_bulk_loads")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_stock_values_survive_the_rebuild():
    old = _migrate(BEFORE)
    Place = old.get_model("places", "Place")
    Source = old.get_model("atlas", "Source")
    Edition = old.get_model("atlas", "Edition")
    StockValue = old.get_model("atlas", "StockValue")
    sen = Place.objects.create(
        code=686, iso3="SEN", name_fr="Sénégal", name_en="Senegal"
    )
    fra = Place.objects.create(code=250, iso3="FRA", name_fr="France", name_en="France")
    source = Source.objects.create(code="undesa-test", name_fr="DESA", name_en="DESA")
    edition = Edition.objects.create(
        source=source, code="Rev.2024", published_year=2024
    )
    for sex, value in (("both", 110), ("male", 66), ("female", 44)):
        StockValue.objects.create(
            edition=edition,
            year=2024,
            origin=sen,
            destination=fra,
            sex=sex,
            value=value,
        )
    try:
        new = _migrate(AFTER)
        moved = new.get_model("atlas", "StockValue").objects.order_by("sex")
        assert [(v.sex, v.value, v.origin_id, v.destination_id) for v in moved] == [
            ("both", 110, sen.pk, fra.pk),
            ("female", 44, sen.pk, fra.pk),
            ("male", 66, sen.pk, fra.pk),
        ]
    finally:
        _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
