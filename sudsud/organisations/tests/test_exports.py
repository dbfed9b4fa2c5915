import csv
import io

import pytest
from openpyxl import load_workbook

from sudsud.accounts.models import Role
from sudsud.organisations import selectors
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


def test_organisations_csv_neutralises_formulas(dangerous, admin_user):
    rows = list(
        csv.reader(
            io.StringIO(
                organisations_csv(dangerous, user=admin_user).decode("utf-8-sig")
            )
        )
    )
    assert rows[0] == EXPORT_COLUMNS
    names = {row[0] for row in rows[1:]}
    assert names == {"'" + name for name in DANGEROUS}


def test_organisations_xlsx_neutralises_formulas(dangerous, admin_user):
    content = organisations_xlsx(dangerous, user=admin_user)
    sheet = load_workbook(io.BytesIO(content)).active
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {"'" + name for name in DANGEROUS}
    assert all(cell.data_type == "s" for cell in sheet["A"][1:])


def test_organisations_csv_uses_codes_that_import_again(countries, admin_user):
    OrganisationFactory(
        name="Ministère", country=countries["SEN"], scope_country=countries["SEN"]
    )
    queryset = Organisation.objects.all()
    text = organisations_csv(queryset, user=admin_user).decode("utf-8-sig")
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["country"] == "SEN"
    assert row["scope_country"] == "SEN"
    assert row["kind"] == "ngo"
    assert row["is_restricted"] == "non"


def _export_rows(build, queryset, user):
    content = build(queryset, user=user)
    if build is organisations_xlsx:
        sheet = load_workbook(io.BytesIO(content)).active
        values = list(sheet.iter_rows(values_only=True))
        header = list(values[0])
        return [dict(zip(header, row, strict=True)) for row in values[1:]]
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize("build", [organisations_csv, organisations_xlsx])
def test_organisations_export_hides_a_parent_the_user_may_not_see(
    build, countries, make_user, admin_user
):
    ministry = OrganisationFactory(
        name="Ministère caché", country=countries["SEN"],
        scope_country=countries["SEN"], is_restricted=True, iati_identifier="SN-9",
    )  # fmt: skip
    OrganisationFactory(
        name="Antenne", country=countries["MLI"], scope_country=countries["MLI"],
        parent=ministry,
    )  # fmt: skip
    mali = make_user(Role.MINISTRY_OFFICER, countries=[countries["MLI"]])
    for user, expected in ((mali, ""), (admin_user, "SN-9")):
        queryset = selectors.organisation_list_for_user(user=user)
        rows = _export_rows(build, queryset, user)
        antenne = next(row for row in rows if row["name"] == "Antenne")
        assert (antenne["parent"] or "") == expected


def test_import_template_csv_has_header_and_one_example():
    rows = list(csv.reader(io.StringIO(import_template_csv().decode("utf-8-sig"))))
    assert len(rows) == 2
    assert rows[0][:3] == ["name", "name_ar", "acronym"]
