import io

import pytest
from openpyxl import load_workbook

from sudsud.programmes.exports_activities import EXPORT_COLUMNS, activities_export
from sudsud.programmes.selectors import activities as sel
from sudsud.programmes.services.activities import activity_update

from .factories_activities import make_world


@pytest.fixture
def world(countries):
    world = make_world(countries)
    activity_update(actor=None, activity=world.bilateral, title_fr="=HYPERLINK(1)",
                    benefit_host="+221 test")  # fmt: skip
    return world


def _activities(user):
    return sel.activity_search_for_user(user=user)


def test_activities_csv_is_formula_safe_and_uses_import_codes(world):
    text = activities_export(_activities(world.users["admin"]), extension="csv").decode(
        "utf-8-sig"
    )
    assert text.splitlines()[0] == ",".join(EXPORT_COLUMNS)
    assert "'=HYPERLINK(1)" in text
    assert "'+221 test" in text
    assert "MAR:50;SEN:50" in text
    assert "PA-MAR-SEN" in text


def test_activities_xlsx_is_formula_safe(world):
    content = activities_export(_activities(world.users["admin"]), extension="xlsx")
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    titles = {row[EXPORT_COLUMNS.index("title_fr")] for row in rows[1:]}
    assert "'=HYPERLINK(1)" in titles
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_activities_export_leaves_out_what_the_reader_may_not_see(world):
    text = activities_export(_activities(world.users["mali"]), extension="csv").decode(
        "utf-8-sig"
    )
    assert "A-SEN" not in text
    assert "A-BIL" in text
