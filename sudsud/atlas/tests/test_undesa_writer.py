"""Bulk writing of stock values: indexes and constraints come back, all or nothing."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from sudsud.atlas.models import ImportReport, StockValue
from sudsud.atlas.services.undesa import undesa_import
from sudsud.atlas.undesa import writer

from .factories import EditionFactory
from .undesa_workbooks import bilateral_2020, series

pytestmark = pytest.mark.django_db


def _schema():
    table = StockValue._meta.db_table
    with connection.cursor() as cursor:
        found = connection.introspection.get_constraints(cursor, table)
    return {
        name: (tuple(info["columns"]), info["unique"], info["foreign_key"])
        for name, info in found.items()
    }


def _workbook(total=110):
    return bilateral_2020(
        [
            ["France", 250, "B", "Senegal", 686, *series(total)],
            ["Mali", 466, "C R", "Senegal", 686, *series(30)],
            ["WORLD", 900, "", "Senegal", 686, *series(500)],
        ]
    )


@pytest.fixture
def bulk(monkeypatch):
    """Every import takes the bulk path, however small."""
    monkeypatch.setattr(writer, "BULK_THRESHOLD", 0)


def test_bulk_load_restores_indexes_and_constraints(countries, bulk):
    before = _schema()

    undesa_import(actor=None, data=_workbook(), file_name="a.xlsx")
    undesa_import(actor=None, data=_workbook(total=77), file_name="b.xlsx")

    assert _schema() == before
    assert any(foreign_key for _c, _u, foreign_key in before.values())
    assert StockValue.objects.count() == 2 * 21
    pair = StockValue.objects.get(
        origin=countries["SEN"], destination=countries["FRA"], year=2020, sex="both"
    )
    assert pair.value == 77


def test_bulk_load_failure_keeps_indexes_and_writes_nothing(
    countries, bulk, monkeypatch
):
    before = _schema()

    def explode(values):
        list(values)
        raise RuntimeError("disk full")

    monkeypatch.setattr("sudsud.atlas.services.undesa.insert_series", explode)
    with pytest.raises(RuntimeError):
        undesa_import(actor=None, data=_workbook(), file_name="a.xlsx")

    assert _schema() == before
    assert not StockValue.objects.exists()
    assert not ImportReport.objects.exists()


def test_bulk_load_runs_with_sql_logging_on(countries, bulk):
    # DEBUG (``make run``) logs every query by formatting it with its parameters:
    # a literal "%" in the SQL once broke large imports on a development server.
    with CaptureQueriesContext(connection) as queries:
        undesa_import(actor=None, data=_workbook(), file_name="a.xlsx")

    assert StockValue.objects.count() == 2 * 21
    assert any("DROP INDEX" in query["sql"] for query in queries.captured_queries)


def _series(edition, countries, keys):
    """Senegal → France, 5 people for each (year, sex) of ``keys``."""
    origin, destination = countries["SEN"].pk, countries["FRA"].pk
    params = writer.series_start(edition.pk, origin, destination, "B")
    for _key in keys:
        params += (5, "")
    return writer.Series(tuple(keys), params)


def test_bulk_load_keeps_the_unique_rule(countries, bulk):
    edition = EditionFactory(code="Rev.2020", published_year=2020)
    twice = _series(edition, countries, [(2020, "both"), (2020, "both")])

    with (
        pytest.raises(IntegrityError),
        transaction.atomic(),
        writer.bulk_load(2),
    ):
        writer.insert_series([twice])

    assert not StockValue.objects.exists()
    assert _schema()["stock_value_unique"][1] is True


def test_series_store_each_value_with_its_year_sex_and_flag(countries):
    edition = EditionFactory(code="Rev.2020", published_year=2020)
    keys = [(2015, "both"), (2015, "female"), (2020, "male")]
    series = _series(edition, countries, keys)
    series.params[-2:] = [None, "not_available"]

    with transaction.atomic():
        stored = writer.insert_series([series, writer.Series((), [])])

    assert stored == 3
    rows = StockValue.objects.order_by("year", "sex").values_list(
        "year", "sex", "value", "flag", "data_type", "age_group", "subnational"
    )
    assert list(rows) == [
        (2015, "both", 5, "", "B", "", ""),
        (2015, "female", 5, "", "B", "", ""),
        (2020, "male", None, "not_available", "B", "", ""),
    ]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="an SQLite setting")
def test_bulk_load_restores_the_sqlite_cache_size(countries, bulk):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]

        undesa_import(actor=None, data=_workbook(), file_name="a.xlsx")

        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == before


@pytest.mark.django_db(transaction=True)
def test_bulk_load_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError), writer.bulk_load(10):
        pass


def test_values_are_written_in_the_unique_index_order(countries):
    # Appending to the unique index is what keeps a large import fast on SQLite:
    # the rows below are in the workbook's order, not the index's.
    data = bilateral_2020(
        [
            ["Senegal", 686, "B", "Mali", 466, *series(40)],
            ["France", 250, "B", "Senegal", 686, *series(110)],
            ["France", 250, "B", "Mali", 466, *series(70)],
            ["Mali", 466, "C R", "Senegal", 686, *series(30)],
        ]
    )
    undesa_import(actor=None, data=data, file_name="a.xlsx")

    written = list(
        StockValue.objects.order_by("pk").values_list(
            "destination_id", "origin_id", "year", "sex"
        )
    )
    assert len(written) == 4 * 21
    assert written == sorted(written)
