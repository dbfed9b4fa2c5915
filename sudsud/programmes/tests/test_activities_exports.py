import csv
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from sudsud.accounts.models import Role
from sudsud.programmes.exports_activities import EXPORT_COLUMNS, activities_export
from sudsud.programmes.selectors import activities as sel
from sudsud.programmes.services.activities import activity_update

from .factories_activities import (
    HIDDEN_NAME,
    add_hidden_senegal_ministry,
    make_world,
    scoped_user,
)


@pytest.fixture
def world(countries):
    world = make_world(countries)
    activity_update(actor=None, activity=world.bilateral, title_fr="=HYPERLINK(1)",
                    benefit_host="+221 test")  # fmt: skip
    return world


def _activities(user):
    return sel.activity_search_for_user(user=user)


def _export(user, extension):
    content = activities_export(_activities(user), extension=extension, user=user)
    if extension == "csv":
        return content.decode("utf-8-sig")
    sheet = load_workbook(io.BytesIO(content)).active
    return "\n".join(
        ",".join(str(value) for value in row if value is not None)
        for row in sheet.iter_rows(values_only=True)
    )


def _bilateral_row(text):
    return next(line for line in text.splitlines() if "A-BIL" in line)


def test_activities_csv_is_formula_safe_and_uses_import_codes(world):
    text = _export(world.users["admin"], "csv")
    assert text.splitlines()[0] == ",".join(EXPORT_COLUMNS)
    assert "'=HYPERLINK(1)" in text
    assert "'+221 test" in text
    assert "MAR:50;SEN:50" in text
    assert "PA-MAR-SEN" in text


def test_activities_xlsx_is_formula_safe(world):
    content = activities_export(
        _activities(world.users["admin"]), extension="xlsx", user=world.users["admin"]
    )
    sheet = load_workbook(io.BytesIO(content)).active
    rows = list(sheet.iter_rows(values_only=True))
    titles = {row[EXPORT_COLUMNS.index("title_fr")] for row in rows[1:]}
    assert "'=HYPERLINK(1)" in titles
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_activities_export_leaves_out_what_the_reader_may_not_see(world):
    text = _export(world.users["mali"], "csv")
    assert "A-SEN" not in text
    assert "A-BIL" in text


@pytest.mark.parametrize("extension", ["csv", "xlsx"])
def test_activities_export_writes_restricted_record_for_hidden_organisations(
    world, extension
):
    add_hidden_senegal_ministry(world)
    readers = [
        scoped_user(world, Role.COUNTRY_COORDINATOR, "MLI"),
        world.users["analyst"],
        world.users["mali"],
    ]
    for reader in readers:
        with translation.override("en"):
            row = _bilateral_row(_export(reader, extension))
        assert HIDDEN_NAME not in row
        assert "MSC" not in row
        assert "Restricted record" in row
        assert "GIZ" in row


def test_activities_export_names_the_ministry_for_people_who_see_it(world):
    add_hidden_senegal_ministry(world)
    for reader in (world.users["senegal"], world.users["admin"]):
        with translation.override("en"):
            row = _bilateral_row(_export(reader, "csv"))
        assert "MSC" in row
        assert "Restricted record" not in row


def test_activities_export_writes_yes_and_no_in_the_readers_language(world):
    for language, yes, no in (("en", "Yes", "No"), ("fr", "Oui", "Non")):
        with translation.override(language):
            text = _export(world.users["admin"], "csv")
        header, *rows = csv.reader(io.StringIO(text))
        cells = next(row for row in rows if row[1] == "A-SEN")
        assert cells[header.index("restricted")] == yes
        assert cells[header.index("late")] == no
