import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from sudsud.core.models import Job
from sudsud.programmes.exports_activities import (
    ACTIVITY_COLUMNS,
    BUDGET_COLUMNS,
    plan_import_template,
)
from sudsud.programmes.imports_activities import plan_import
from sudsud.programmes.models import Activity, BudgetLine

from .factories_activities import make_world

GOOD = [
    ["IMP-1", "Forum de la diaspora", "", "", "bilateral", "2", "MAR:50;SEN:50",
     "diaspora", "GIZ", "2025-01-01", "2026-12-31", "Origine", "Accueil", "Migrants"],
    ["IMP-2", "Guichet d'information", "Info desk", "", "national", "implementation",
     "SEN:100", "", "EF;GIZ", "2025-03-01", "", "", "", ""],
]  # fmt: skip
BUDGET = [
    ["IMP-1", "BMZ", "GIZ", "2025", "1000", "500", "100"],
    ["IMP-1", "EUTF", "GIZ", "2026", "2000.5", "", ""],
    ["A-BIL", "BMZ", "GIZ", "2025", "300", "0", "0"],
]  # fmt: skip


@pytest.fixture
def world(countries):
    return make_world(countries)


def _xlsx(activities, budget=(), first="activities"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = first
    sheet.append(ACTIVITY_COLUMNS)
    for row in activities:
        sheet.append(row)
    lines = workbook.create_sheet("budget")
    lines.append(BUDGET_COLUMNS)
    for row in budget:
        lines.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_plan_import_creates_activities_and_budget_lines(world):
    result = plan_import(
        actor=world.users["senegal"], plan=world.plan, data=_xlsx(GOOD, BUDGET)
    )
    assert result["counts"]["created"] == 2
    assert result["counts"]["lines_created"] == 3
    first = Activity.objects.get(code="IMP-1")
    assert first.plan == world.plan
    assert {s.country.iso3 for s in first.country_shares.all()} == {"MAR", "SEN"}
    assert first.benefit_migrants == "Migrants"
    assert set(Activity.objects.get(code="IMP-2").implementers.all()) == {
        world.giz,
        world.ef,
    }
    assert BudgetLine.objects.get(activity=first, funder=world.eu).planned == 2000.5
    assert "forum de la diaspora" in first.search_text


def test_plan_import_twice_changes_nothing_and_says_so(world, english):
    data = _xlsx(GOOD, BUDGET)
    plan_import(actor=None, plan=world.plan, data=data)
    result = plan_import(actor=None, plan=world.plan, data=data)
    assert result["summary"].startswith("Nothing changed")
    assert result["counts"]["unchanged"] == 2
    assert result["counts"]["lines_unchanged"] == 3


def test_plan_import_updates_a_changed_row(world):
    plan_import(actor=None, plan=world.plan, data=_xlsx(GOOD))
    changed = [list(GOOD[0]), GOOD[1]]
    changed[0][1] = "Forum renouvelé"
    result = plan_import(actor=None, plan=world.plan, data=_xlsx(changed))
    assert result["counts"] == {**result["counts"], "updated": 1, "unchanged": 1}
    assert Activity.objects.get(code="IMP-1").title_fr == "Forum renouvelé"


def test_plan_import_reports_errors_by_line_and_saves_nothing(world, english):
    bad = [
        GOOD[0],
        ["IMP-3", "", "", "", "bilateral", "2", "MAR:50;SEN:40", "", "", "", "", "", "", ""],
        ["IMP-4", "Titre", "", "", "weird", "2", "SEN:100", "", "", "", "", "", "", ""],
        ["IMP-5", "Titre", "", "", "national", "2", "XXX:100", "", "", "", "", "", "", ""],
        ["IMP-1", "Doublon", "", "", "national", "2", "SEN:100", "", "", "", "", "", "", ""],
        ["IMP-6", "Titre", "", "", "national", "2", "SEN:100", "nope", "", "2025-99-01",
         "", "", "", ""],
    ]  # fmt: skip
    budget = [["IMP-1", "BMZ", "GIZ", "1999", "10", "", ""],
              ["NOPE", "BMZ", "GIZ", "2025", "-4", "", ""]]  # fmt: skip
    with pytest.raises(ValidationError) as error:
        plan_import(actor=None, plan=world.plan, data=_xlsx(bad, budget))
    messages = error.value.messages
    text = "\n".join(messages)
    assert "Line 3:" in text
    assert "add up to 90" in text
    assert "Line 4: type “weird” unknown" in text
    assert "Line 5: country “XXX” unknown." in text
    assert "Line 6: the code “IMP-1” is already on line 2." in text
    assert "Line 7: date “2025-99-01” is not a date (YYYY-MM-DD)." in text
    assert "Sheet “budget”, line 2: year “1999”" in text
    assert "Sheet “budget”, line 3:" in text
    assert not Activity.objects.filter(code__startswith="IMP").exists()
    assert not BudgetLine.objects.exists()


def test_plan_import_refuses_rows_out_of_the_actors_scope(world, english):
    row = [
        "IMP-9",
        "Mali",
        "",
        "",
        "national",
        "2",
        "SEN:100",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    with pytest.raises(ValidationError) as error:
        plan_import(actor=world.users["mali"], plan=world.plan, data=_xlsx([row]))
    assert (
        "Line 2: you may only import activities in countries of your scope."
        in error.value.messages
    )
    assert not Activity.objects.filter(code="IMP-9").exists()


def test_plan_import_refuses_a_code_of_another_plan(world, english):
    row = [
        "A-BIL",
        "Titre",
        "",
        "",
        "bilateral",
        "2",
        "MAR:50;SEN:50",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]
    with pytest.raises(ValidationError) as error:
        plan_import(actor=None, plan=world.other_plan, data=_xlsx([row]))
    assert "belongs to another action plan" in error.value.messages[0]


def test_plan_import_refuses_a_workbook_without_the_activities_sheet_first(
    world, english
):
    with pytest.raises(ValidationError) as error:
        plan_import(actor=None, plan=world.plan, data=_xlsx(GOOD, first="other"))
    assert "“activities”" in error.value.messages[0]


def test_plan_import_refuses_a_broken_file(world):
    with pytest.raises(ValidationError):
        plan_import(actor=None, plan=world.plan, data=b"not a zip at all")


def test_plan_import_template_round_trips_its_header(world):
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_filelike(io.BytesIO(plan_import_template()))
    assert workbook.sheet_names[:2] == ["activities", "budget"]
    assert workbook.get_sheet_by_name("budget").to_python()[0] == BUDGET_COLUMNS


def test_plan_import_view_runs_a_background_job(
    client, world, django_capture_on_commit_callbacks
):
    client.force_login(world.users["coordinator_sen"])
    upload = SimpleUploadedFile("plan.xlsx", _xlsx(GOOD, BUDGET))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("programmes:plan_import", args=[world.plan.pk]),
                               {"file": upload})  # fmt: skip
    job = Job.objects.get()
    assert response.status_code == 302
    assert job.status == "succeeded", job.result
    assert Activity.objects.filter(code__startswith="IMP").count() == 2
    assert job.result["next_url"] == world.plan.get_absolute_url()


def test_plan_import_view_is_refused_to_an_officer(client, world):
    client.force_login(world.users["senegal"])
    assert (
        client.get(reverse("programmes:plan_import", args=[world.plan.pk])).status_code
        == 403
    )


def test_plan_import_template_download(client, world):
    client.force_login(world.users["viewer"])
    response = client.get(reverse("programmes:plan_import_template"))
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
