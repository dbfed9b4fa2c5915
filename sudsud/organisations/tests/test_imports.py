import csv
import io

import pytest
from django.core.exceptions import ValidationError

from sudsud.organisations.exports import import_template_xlsx
from sudsud.organisations.imports import COLUMNS, organisations_import
from sudsud.organisations.models import Organisation

pytestmark = pytest.mark.usefixtures("english")


def csv_file(*rows, header=COLUMNS):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(column, "") for column in header])
    return buffer.getvalue().encode("utf-8")


GOOD_ROWS = [
    {"name": "Ministère des Sénégalais de l'extérieur", "kind": "ministry",
     "country": "SN", "scope_country": "Sénégal", "iati_identifier": "SN-GOV-1",
     "is_restricted": "non"},
    {"name": "Association des Sénégalais de Tanger",
     "kind": "Association de la diaspora",
     "country": "Maroc", "scope_country": "SEN", "city": "Tanger",
     "parent": "SN-GOV-1", "is_restricted": "oui"},
    {"name": "Cellule Tanger", "kind": "Diaspora association", "country": "المغرب",
     "scope_country": "686", "parent": "association des senegalais de tanger",
     "is_restricted": "0"},
]  # fmt: skip


def test_organisations_import_creates_every_row(admin_user, countries):
    result = organisations_import(
        actor=admin_user, data=csv_file(*GOOD_ROWS), extension="csv"
    )
    assert result["counts"] == {"created": 3, "updated": 0, "unchanged": 0}
    association = Organisation.objects.get(name="Association des Sénégalais de Tanger")
    assert association.country == countries["MAR"]
    assert association.scope_country == countries["SEN"]
    assert association.is_restricted
    assert association.parent.iati_identifier == "SN-GOV-1"
    assert Organisation.objects.get(name="Cellule Tanger").parent == association


def test_organisations_import_again_changes_nothing(admin_user, countries):
    data = csv_file(*GOOD_ROWS)
    organisations_import(actor=admin_user, data=data, extension="csv")
    result = organisations_import(actor=admin_user, data=data, extension="csv")
    assert result["counts"] == {"created": 0, "updated": 0, "unchanged": 3}
    assert "Nothing changed" in result["summary"]
    assert Organisation.objects.count() == 3


def test_organisations_import_updates_matched_rows(admin_user, countries):
    organisations_import(actor=admin_user, data=csv_file(*GOOD_ROWS), extension="csv")
    changed = [dict(GOOD_ROWS[0], city="Dakar"), *GOOD_ROWS[1:]]
    result = organisations_import(
        actor=admin_user, data=csv_file(*changed), extension="csv"
    )
    assert result["counts"] == {"created": 0, "updated": 1, "unchanged": 2}
    assert Organisation.objects.get(iati_identifier="SN-GOV-1").city == "Dakar"


def test_organisations_import_reports_every_bad_row_and_saves_nothing(
    admin_user, countries
):
    rows = [
        GOOD_ROWS[0],
        {"name": "A", "kind": "ministry", "country": "Senegall"},
        {"name": "B", "kind": "spaceship", "country": "SEN", "is_restricted": "maybe"},
        {"name": "", "kind": "ngo", "country": "MLI"},
        {"name": "C", "kind": "ngo", "country": "MLI", "parent": "Nowhere"},
        {"name": "D", "kind": "ngo", "country": "MLI", "email": "no-at-sign"},
    ]
    with pytest.raises(ValidationError) as error:
        organisations_import(actor=admin_user, data=csv_file(*rows), extension="csv")
    messages = error.value.messages
    assert any(m.startswith("Line 3:") and "Senegall" in m for m in messages)
    assert any(m.startswith("Line 4:") and "spaceship" in m for m in messages)
    assert any(m.startswith("Line 4:") and "maybe" in m for m in messages)
    assert any(m.startswith("Line 5:") and "name" in m for m in messages)
    assert any(m.startswith("Line 6:") and "Nowhere" in m for m in messages)
    assert any(m.startswith("Line 7:") for m in messages)
    assert not Organisation.objects.exists()


def test_organisations_import_messages_follow_the_language(admin_user, countries):
    from django.utils import translation

    rows = [{"name": "A", "kind": "ngo", "country": "Senegall"}]
    with translation.override("fr"), pytest.raises(ValidationError) as error:
        organisations_import(actor=admin_user, data=csv_file(*rows), extension="csv")
    assert "Senegall" in error.value.messages[0]


def test_organisations_import_refuses_rows_outside_scope(mali_staff, countries):
    rows = [
        {"name": "Mali OK", "kind": "ngo", "country": "MLI", "scope_country": "MLI"},
        {"name": "Sénégal KO", "kind": "ngo", "country": "SEN", "scope_country": "SEN"},
    ]
    with pytest.raises(ValidationError) as error:
        organisations_import(actor=mali_staff, data=csv_file(*rows), extension="csv")
    assert len(error.value.messages) == 1
    assert error.value.messages[0].startswith("Line 3:")
    assert not Organisation.objects.exists()


def test_organisations_import_refuses_duplicate_rows(admin_user, countries):
    rows = [GOOD_ROWS[0], dict(GOOD_ROWS[0], name="Autre nom")]
    with pytest.raises(ValidationError) as error:
        organisations_import(actor=admin_user, data=csv_file(*rows), extension="csv")
    assert "line 2" in error.value.messages[0]


def test_organisations_import_keeps_formula_like_text_as_text(admin_user, countries):
    rows = [{"name": "=cmd|' /C calc'!A0", "kind": "ngo", "country": "MLI"}]
    organisations_import(actor=admin_user, data=csv_file(*rows), extension="csv")
    assert Organisation.objects.get().name == "=cmd|' /C calc'!A0"


def test_organisations_import_reads_the_xlsx_template(admin_user, countries):
    result = organisations_import(
        actor=admin_user, data=import_template_xlsx(), extension="xlsx"
    )
    assert result["counts"]["created"] == 1
    organisation = Organisation.objects.get()
    assert organisation.acronym == "ASTA"
    assert organisation.scope_country == countries["SEN"]


def test_organisations_import_refuses_a_file_that_is_not_xlsx(admin_user, countries):
    with pytest.raises(ValidationError) as error:
        organisations_import(actor=admin_user, data=b"PK? not a zip", extension="xlsx")
    assert "XLSX" in error.value.messages[0]


def test_organisations_import_requires_the_main_columns(admin_user, countries):
    data = csv_file({"name": "A"}, header=["name", "city"])
    with pytest.raises(ValidationError) as error:
        organisations_import(actor=admin_user, data=data, extension="csv")
    assert "kind" in error.value.messages[0]
    assert "country" in error.value.messages[0]


def test_organisations_import_matches_only_visible_records(
    mali_officer, countries, hidden_ministry
):
    """Same name and country as a ministry restricted to Senegal: a new Mali record,
    no message that would confirm the hidden one exists."""
    rows = [{"name": hidden_ministry.name, "kind": "ngo", "country": "SEN",
             "scope_country": "MLI"}]  # fmt: skip
    result = organisations_import(
        actor=mali_officer, data=csv_file(*rows), extension="csv"
    )
    assert result["counts"]["created"] == 1
    hidden_ministry.refresh_from_db()
    assert hidden_ministry.kind == "ministry"
    assert Organisation.objects.filter(name=hidden_ministry.name).count() == 2


def test_organisations_import_hidden_iati_gets_the_generic_duplicate_error(
    mali_officer, countries, hidden_ministry
):
    from sudsud.organisations.services import iati_taken_message

    rows = [{"name": "Bureau", "kind": "ngo", "country": "MLI",
             "scope_country": "MLI", "iati_identifier": "SN-SECRET-1"}]  # fmt: skip
    with pytest.raises(ValidationError) as error:
        organisations_import(actor=mali_officer, data=csv_file(*rows), extension="csv")
    assert error.value.messages == ["Line 2: " + iati_taken_message("SN-SECRET-1")]
    text = " ".join(error.value.messages)
    assert hidden_ministry.name not in text
    assert "Senegal" not in text
    assert "Sénégal" not in text
    assert not Organisation.objects.filter(name="Bureau").exists()


def test_organisations_import_again_keeps_a_hidden_parent(
    mali_officer, countries, hidden_ministry, mali_child
):
    """The export shows no parent the officer may not see; importing it again
    must not detach the office from its ministry."""
    from sudsud.organisations import selectors
    from sudsud.organisations.exports import organisations_csv

    queryset = selectors.organisation_list_for_user(user=mali_officer).filter(
        pk=mali_child.pk
    )
    data = organisations_csv(queryset, user=mali_officer)
    result = organisations_import(actor=mali_officer, data=data, extension="csv")
    assert result["counts"] == {"created": 0, "updated": 0, "unchanged": 1}
    mali_child.refresh_from_db()
    assert mali_child.parent == hidden_ministry
