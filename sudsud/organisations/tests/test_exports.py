import csv
import io

import pytest
from openpyxl import load_workbook

from sudsud.organisations.exports import (
    EXPORT_COLUMNS,
    import_template_csv,
    organisations_csv,
    organisations_xlsx,
)
from sudsud.organisations.models import Organisation

from .factories import OrganisationFactory

DANGEROUS = ["=SUM(A1)", "+33 cmd", "-2+3", "@import"]


@pytest.fixture
def dangerous(countries):
    for index, name in enumerate(DANGEROUS):
        OrganisationFactory(name=name, city=f"Ville {index}", country=countries["MLI"])
    return Organisation.objects.select_related("country", "scope_country", "parent")


def test_organisations_csv_neutralises_formulas(dangerous):
    rows = list(
        csv.reader(io.StringIO(organisations_csv(dangerous).decode("utf-8-sig")))
    )
    assert rows[0] == EXPORT_COLUMNS
    names = {row[0] for row in rows[1:]}
    assert names == {"'" + name for name in DANGEROUS}


def test_organisations_xlsx_neutralises_formulas(dangerous):
    sheet = load_workbook(io.BytesIO(organisations_xlsx(dangerous))).active
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {"'" + name for name in DANGEROUS}
    assert all(cell.data_type == "s" for cell in sheet["A"][1:])


def test_organisations_csv_uses_codes_that_import_again(countries):
    OrganisationFactory(
        name="Ministère", country=countries["SEN"], scope_country=countries["SEN"]
    )
    text = organisations_csv(Organisation.objects.all()).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["country"] == "SEN"
    assert row["scope_country"] == "SEN"
    assert row["kind"] == "ngo"
    assert row["is_restricted"] == "non"


def test_import_template_csv_has_header_and_one_example():
    rows = list(csv.reader(io.StringIO(import_template_csv().decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[0][:3] == ["name", "name_ar", "acronym"]
