"""The real 2024 workbooks from ``../shared/data/undesa``."""

import pytest

from sudsud.atlas.models import Edition, ImportReport, StockValue
from sudsud.atlas.services.undesa import undesa_import
from sudsud.places.services import places_load_reference

pytestmark = pytest.mark.django_db

ORIGIN_FILE = "undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx"
DESTINATION_FILE = "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"


def _read(shared_dir, name):
    return (shared_dir / "data" / "undesa" / name).read_bytes()


def _total(**filters):
    return StockValue.objects.get(
        edition__code="Rev.2024", year=2024, sex="both", **filters
    ).value


def test_undesa_import_origin_2024_gives_known_emigrants(shared_dir, countries):
    result = undesa_import(
        actor=None, data=_read(shared_dir, ORIGIN_FILE), file_name=ORIGIN_FILE
    )

    assert result.report.kind == "undesa_origin"
    assert result.report.edition.code == "Rev.2024"
    world = {"destination__code": 900}
    assert _total(origin=countries["SEN"], **world) == 741_357
    assert _total(origin=countries["MLI"], **world) == 1_292_519
    assert _total(origin=countries["CIV"], **world) == 1_211_422
    assert _total(origin=countries["MAR"], **world) == 3_627_829
    assert _total(origin__code=2003, **world) == 22_065_614
    assert result.report.rows_read == 288


def test_undesa_import_destination_2024_gives_immigrants_in_cote_divoire(
    shared_dir, countries
):
    undesa_import(
        actor=None,
        data=_read(shared_dir, DESTINATION_FILE),
        file_name=DESTINATION_FILE,
    )

    value = StockValue.objects.get(
        edition__code="Rev.2024",
        year=2024,
        sex="both",
        origin__code=900,
        destination=countries["CIV"],
    )
    assert value.value == 2_880_839
    assert value.data_type == "B R"


def test_undesa_import_with_all_places_warns_only_of_unknown_codes(shared_dir, english):
    places_load_reference(actor=None)

    report = undesa_import(
        actor=None, data=_read(shared_dir, ORIGIN_FILE), file_name=ORIGIN_FILE
    ).report

    missing = [w for w in report.warnings if "not a known place" in w]
    assert len(missing) <= 3, missing
    assert any("regions and groups" in w for w in report.warnings)
    assert report.values_stored > 230 * 24
    assert Edition.objects.get(code="Rev.2024").source.licence == "CC BY 3.0 IGO"


def test_undesa_import_same_file_twice_changes_nothing(shared_dir, countries):
    data = _read(shared_dir, ORIGIN_FILE)
    first = undesa_import(actor=None, data=data, file_name=ORIGIN_FILE)
    count = StockValue.objects.count()

    again = undesa_import(actor=None, data=data, file_name="copy.xlsx")

    assert again.unchanged is True
    assert again.report == first.report
    assert StockValue.objects.count() == count
    assert ImportReport.objects.count() == 1
