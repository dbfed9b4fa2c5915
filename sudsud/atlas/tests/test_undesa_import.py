"""The UN DESA import service on small synthetic workbooks."""

import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from sudsud.accounts.models import Role
from sudsud.atlas.models import ImportReport, StockValue
from sudsud.atlas.services.undesa import undesa_import
from sudsud.atlas.undesa import reader
from sudsud.core.models import AuditEntry
from sudsud.places.models import Place, PlaceKind

from .undesa_workbooks import (
    bilateral_2020,
    destination_2020,
    origin_2024,
    save_rows,
    series,
)

pytestmark = pytest.mark.django_db


def _destination_rows(senegal_total=50):
    return [
        ["  WORLD", "", 900, "", *series(1000)],
        ["    Western Africa", "", 914, "", *series(300)],
        ["      Senegal", "b", 686, "C B R", *series(senegal_total)],
        ["      Mali", "", 466, "B", "..", "—", "~", *series(9)[3:]],
        ["      Atlantis", "", 999, "", *series(1)],
        ["      Narnia", "", 123, "", *series(1)],
        ["    Western Africa", "", 914, "", *series(300)],  # the duplicated region
    ]


def _import(data, actor=None, **kwargs):
    return undesa_import(actor=actor, data=data, file_name="f.xlsx", **kwargs)


def _value(**filters):
    return StockValue.objects.get(sex="both", **filters)


def test_undesa_import_reads_the_2020_layout(countries, english):
    result = _import(destination_2020(_destination_rows()))

    report = result.report
    assert (report.kind, report.edition.code) == ("undesa_destination", "Rev.2020")
    senegal = _value(destination=countries["SEN"], year=2020, origin__code=900)
    assert (senegal.value, senegal.data_type, senegal.flag) == (50, "C B R", "")
    assert _value(destination=countries["MLI"], year=1990).flag == "not_available"
    assert _value(destination=countries["MLI"], year=1990).value is None
    zero = _value(destination=countries["MLI"], year=1995)
    assert (zero.value, zero.flag) == (0, "rounds_to_zero")
    assert _value(destination=countries["MLI"], year=2000).flag == "suppressed"
    assert report.rows_read == 7
    assert report.values_stored == 2 * 21
    assert any("123" in warning for warning in report.warnings)
    assert any("4 rows of regions" in warning for warning in report.warnings)
    world = Place.objects.get(code=900)
    assert (world.kind, world.name_fr) == (PlaceKind.AGGREGATE, "Monde")


def test_undesa_import_by_origin_keeps_other_as_an_origin(countries):
    data = origin_2024(
        [["World", 900, *series(9, 8)], ["Senegal", 686, *series(7, 8)],
         ["OTHER", 2003, *series(5, 8)]]
    )  # fmt: skip

    _import(data)

    other = Place.objects.get(code=2003)
    assert other.kind == PlaceKind.AGGREGATE
    assert _value(origin=other, destination__code=900, year=2024).value == 5
    assert _value(origin=countries["SEN"], year=2024, sex__isnull=False).value == 7
    assert not StockValue.objects.filter(origin__code=900).exists()


def test_undesa_import_reads_the_bilateral_layout(countries):
    data = bilateral_2020(
        [
            ["France", 250, "B", "Senegal", 686, *series(110)],
            ["France", 250, "B", "OTHER", 2003, *series(4)],
            ["France", 250, "B", "AFRICA", 903, *series(120)],
            ["WORLD", 900, "", "Senegal", 686, *series(500)],
            ["Mali", 466, "C R", "Senegal", 686, *series(30)],
        ]
    )

    report = _import(data).report

    assert report.kind == "undesa_bilateral"
    pair = _value(origin=countries["SEN"], destination=countries["FRA"], year=2020)
    assert (pair.value, pair.data_type) == (110, "B")
    assert _value(origin__code=2003, destination=countries["FRA"], year=1990).value == 4
    assert report.values_stored == 3 * 21
    assert not Place.objects.filter(code=900).exists()


def test_undesa_import_of_another_file_replaces_that_kind_only(countries):
    _import(origin_2024([["Senegal", 686, *series(7, 8)]]))
    _import(destination_2020(_destination_rows()))

    _import(destination_2020(_destination_rows(senegal_total=77)))

    assert _value(destination=countries["SEN"], year=2020).value == 77
    assert _value(origin=countries["SEN"], year=2024).value == 7
    assert ImportReport.objects.count() == 3


def test_undesa_import_same_file_twice_says_unchanged(countries):
    data = destination_2020(_destination_rows())
    first = _import(data)
    audits = AuditEntry.objects.count()

    second = _import(data)

    assert second.unchanged is True
    assert first.unchanged is False
    assert second.report == first.report
    assert AuditEntry.objects.count() == audits


def test_undesa_import_is_all_or_nothing(countries, monkeypatch):
    def explode(values):
        list(values)
        raise RuntimeError("disk full")

    monkeypatch.setattr("sudsud.atlas.services.undesa.insert_series", explode)
    with pytest.raises(RuntimeError):
        _import(destination_2020(_destination_rows()))

    assert not StockValue.objects.exists()
    assert not ImportReport.objects.exists()


def test_undesa_import_refuses_an_unknown_edition(countries, english):
    with pytest.raises(ValidationError, match="Unknown UN DESA edition"):
        _import(destination_2020(_destination_rows(), edition="Rev.2019"))
    assert not ImportReport.objects.exists()


def test_undesa_import_refuses_an_edition_that_contradicts_the_file(english):
    with pytest.raises(ValidationError, match=r"not Rev\.2024"):
        _import(destination_2020(_destination_rows()), edition="Rev.2024")


def test_undesa_import_permissions_by_role(countries, make_user):
    data = destination_2020(_destination_rows())
    for role in (Role.VIEWER, Role.MINISTRY_OFFICER, Role.COUNTRY_COORDINATOR):
        with pytest.raises(PermissionDenied):
            _import(data, actor=make_user(role))
    report = _import(data, actor=make_user(Role.DATA_ANALYST)).report
    assert report.created_by.role == Role.DATA_ANALYST


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"Location code;1990\n686;12\n", id="csv"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"0" * 100, id="png"),
        pytest.param(_zip({"xl/worksheets/sheet1.xml": b"0" * 30_000_000}), id="bomb"),
        pytest.param(
            _zip({"xl/worksheets/sheet1.xml": b'<dimension ref="A1:AC1048576"/>'}),
            id="million-rows-declared",
        ),
    ],
)
def test_undesa_import_refuses_hostile_files(data):
    with pytest.raises(ValidationError):
        _import(data)
    assert not ImportReport.objects.exists()


def test_undesa_import_refuses_a_sheet_of_a_million_empty_rows():
    rows = "".join(f'<row r="{n}"><c r="A{n}"/></row>' for n in range(1, 1_000_001))
    sheet = f"<worksheet><sheetData>{rows}</sheetData></worksheet>"
    with pytest.raises(ValidationError):
        _import(_zip({"xl/worksheets/sheet1.xml": sheet}))


def test_undesa_import_refuses_wrong_headers(english):
    data = save_rows(
        [["POP/DB/MIG/Stock/Rev.2024"], ["Country", "Code", 1990], ["Senegal", 686, 5]]
    )
    with pytest.raises(ValidationError, match="not a UN DESA International Migrant"):
        _import(data)
    assert not ImportReport.objects.exists()


def test_undesa_reader_stops_after_a_long_run_of_empty_rows(countries, monkeypatch):
    monkeypatch.setattr(reader, "MAX_EMPTY_RUN", 3)
    rows = _destination_rows()
    data = destination_2020([rows[2], [], [], [], [], rows[3]])

    report = _import(data).report

    assert report.rows_read == 1
    assert not StockValue.objects.filter(destination=countries["MLI"]).exists()


def test_each_undesa_edition_is_cited_with_its_own_year(countries):
    rev2020 = _import(destination_2020(_destination_rows())).report.edition
    rows = [["Senegal", 686, *series(741357, count=8)]]
    rev2024 = _import(origin_2024(rows)).report.edition
    assert rev2020.source == rev2024.source  # one source, two editions
    assert rev2020.citation.endswith("(2020). International Migrant Stock 2020.")
    assert rev2024.citation.endswith("(2024). International Migrant Stock 2024.")
