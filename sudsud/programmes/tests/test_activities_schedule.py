"""The activities' schedule: "late" and "at risk", shared by the list page, the
API, the exports and the dashboards (``selectors.activities``)."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook
from rest_framework.test import APIClient

from sudsud.programmes.exports_activities import EXPORT_COLUMNS, activities_export
from sudsud.programmes.models import ActivityStatus
from sudsud.programmes.selectors import activities as sel
from sudsud.programmes.selectors.dashboards import dashboard_figures

from .factories import ActivityFactory
from .factories_activities import make_world

TODAY = dt.date(2025, 6, 1)
S = ActivityStatus
# code: (status, planned start, planned end), in days from today
SCHEDULE = {
    "END-TODAY": (S.IMPLEMENTATION, -100, 0),
    "END-N": (S.IMPLEMENTATION, -100, 90),
    "END-N1": (S.IMPLEMENTATION, -100, 91),
    "PIPE-END-N": (S.PIPELINE, None, 90),
    "SUSPENDED": (S.SUSPENDED, -100, 10),
    "FINALISED": (S.FINALISATION, -100, 10),
    "CLOSED": (S.CLOSED, -100, 10),
    "CANCELLED": (S.CANCELLED, -100, 10),
    "START-TODAY": (S.PIPELINE, 0, 400),
    "START-30": (S.PIPELINE, 30, 400),
    "START-31": (S.PIPELINE, 31, 400),
    "IMPL-START-10": (S.IMPLEMENTATION, 10, 400),
    "LATE-START": (S.PIPELINE, -1, 10),
    "LATE-END": (S.IMPLEMENTATION, -100, -1),
    "NO-DATES": (S.IMPLEMENTATION, None, None),
}
AT_RISK = {"END-TODAY", "END-N", "PIPE-END-N", "SUSPENDED", "START-TODAY", "START-30"}
LATE = {"LATE-START", "LATE-END"}


def _day(today, offset):
    return None if offset is None else today + dt.timedelta(days=offset)


def make_schedule(plan, today):
    for code, (status, start, end) in SCHEDULE.items():
        ActivityFactory(plan=plan, code=code, status=status,
                        planned_start=_day(today, start),
                        planned_end=_day(today, end))  # fmt: skip


@pytest.fixture
def world(countries, settings):
    settings.SUDSUD_AT_RISK_DAYS = 90
    return make_world(countries)


@pytest.fixture
def scheduled(world):
    """The schedule's activities, dated from the real today (pages and API)."""
    make_schedule(world.plan, timezone.localdate())
    return world


def _codes(user, **filters):
    found = sel.activity_search_for_user(
        user=user, filters=sel.ActivityFilters(today=TODAY, **filters)
    )
    return {activity.code for activity in found}


# --- Selector -----------------------------------------------------------------------


def test_at_risk_counts_day_n_and_not_day_n_plus_one(world):
    make_schedule(world.plan, TODAY)
    admin = world.users["admin"]
    assert _codes(admin, schedule=sel.Schedule.AT_RISK) == AT_RISK
    assert _codes(admin, schedule=sel.Schedule.LATE) == LATE
    assert _codes(admin, schedule=sel.Schedule.LATE_OR_AT_RISK) == AT_RISK | LATE


def test_at_risk_leaves_out_finalised_closed_cancelled_and_late(world):
    make_schedule(world.plan, TODAY)
    found = _codes(world.users["admin"], schedule=sel.Schedule.AT_RISK)
    assert not found & {"FINALISED", "CLOSED", "CANCELLED", "LATE-START", "END-N1"}


def test_search_annotates_is_at_risk_apart_from_is_late(world):
    make_schedule(world.plan, TODAY)
    rows = sel.activity_search_for_user(
        user=world.users["admin"], filters=sel.ActivityFilters(today=TODAY)
    )
    flags = {a.code: (a.is_late, a.is_at_risk) for a in rows}
    assert {code for code, (_, risk) in flags.items() if risk} == AT_RISK
    assert {code for code, (late, _) in flags.items() if late} == LATE
    assert flags["A-BIL"] == (False, False)


def test_at_risk_follows_the_setting(world, settings):
    make_schedule(world.plan, TODAY)
    settings.SUDSUD_AT_RISK_DAYS = 91
    assert "END-N1" in _codes(world.users["admin"], schedule="at_risk")
    settings.SUDSUD_AT_RISK_DAYS = 0
    assert _codes(world.users["admin"], schedule="at_risk") == {
        "END-TODAY", "START-TODAY", "START-30",
    }  # fmt: skip


def test_an_unknown_schedule_filters_nothing(world):
    assert _codes(world.users["admin"], schedule="soon") == {"A-BIL", "A-SEN"}


def test_schedule_definition_states_the_days(world, settings, english):
    settings.SUDSUD_AT_RISK_DAYS = 45
    text = sel.schedule_definition()
    assert "within the next 45 days" in text
    assert f"within the next {sel.AT_RISK_START_DAYS} days" in text
    assert text.startswith("Late: planned end passed")
    settings.SUDSUD_AT_RISK_DAYS = 1
    assert "within the next 1 day," in sel.at_risk_definition()


def test_dashboard_counts_at_risk_beside_late(world):
    make_schedule(world.plan, TODAY)
    lateness = dashboard_figures(user=world.users["admin"], today=TODAY).lateness
    assert (lateness.late, lateness.at_risk) == (len(LATE), len(AT_RISK))


# --- List page, detail page and dashboard page --------------------------------------


def _page(client, user, name, *args, **params):
    client.force_login(user)
    url = reverse(f"programmes:{name}", args=args)
    return client.get(url, params, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def _listed(html):
    return {code for code in SCHEDULE if f">{code}</a>" in html}


def test_list_filters_by_schedule_and_shows_the_at_risk_badge(client, scheduled):
    admin = scheduled.users["admin"]
    html = _page(client, admin, "activity_list", schedule="at_risk")
    assert _listed(html) == AT_RISK
    assert '<span class="badge">At risk</span>' in html
    assert 'badge-warn">Late' not in html
    both = _page(client, admin, "activity_list", schedule="late_or_at_risk")
    assert _listed(both) == AT_RISK | LATE
    assert 'badge-warn">Late' in both


def test_list_states_the_definition_next_to_the_schedule_filter(client, scheduled):
    html = _page(client, scheduled.users["admin"], "activity_list")
    assert 'aria-describedby="id_schedule_helptext"' in html
    assert 'id="id_schedule_helptext"' in html
    assert "planned end falls within the next 90 days" in html
    assert '<option value="late_or_at_risk">Late or at risk</option>' in html


def test_list_still_reads_links_saved_with_late_on(client, scheduled):
    html = _page(client, scheduled.users["admin"], "activity_list", late="on")
    assert _listed(html) == LATE


def test_list_ignores_an_unknown_schedule(client, scheduled):
    html = _page(client, scheduled.users["admin"], "activity_list", schedule="x")
    assert "A-BIL" in html


def test_detail_shows_the_at_risk_badge(client, scheduled):
    admin = scheduled.users["admin"]
    at_risk = scheduled.plan.activities.get(code="END-N")
    assert "At risk" in _page(client, admin, "activity_detail", at_risk.pk)
    late = scheduled.plan.activities.get(code="LATE-END")
    page = _page(client, admin, "activity_detail", late.pk)
    assert 'badge-warn">Late' in page
    assert "At risk" not in page


def test_list_queries_do_not_grow_with_at_risk_rows(client, scheduled):
    client.force_login(scheduled.users["admin"])
    url = reverse("programmes:activity_list")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url, {"schedule": "at_risk"}).status_code == 200
        return len(queries)

    few = count()
    soon = timezone.localdate() + dt.timedelta(days=5)
    for number in range(10):
        ActivityFactory(plan=scheduled.plan, code=f"SOON-{number}",
                        status=S.IMPLEMENTATION, planned_end=soon)  # fmt: skip
    assert count() == few


def test_dashboard_page_shows_the_at_risk_count_and_links_to_them(client, scheduled):
    admin = scheduled.users["admin"]
    html = _page(client, admin, "plan_dashboard", scheduled.plan.pk)
    assert f"{len(AT_RISK)} at risk" in html
    assert f"?schedule=at_risk&amp;plan={scheduled.plan.pk}" in html
    assert "planned end falls within the next 90 days" in html


# --- API ------------------------------------------------------------------------------

URL = "/api/v1/activities/"


def _api(user, **params):
    client = APIClient()
    client.force_authenticate(user)
    return client.get(URL, {**params, "page_size": 100})


def _api_codes(response):
    return {row["code"] for row in response.json()["results"]}


def test_api_filters_by_schedule_and_flags_each_activity(scheduled):
    admin = scheduled.users["admin"]
    response = _api(admin, schedule="at_risk")
    assert _api_codes(response) == AT_RISK
    assert all(r["is_at_risk"] and not r["is_late"] for r in response.json()["results"])
    both = _api(admin, schedule="late_or_at_risk")
    assert _api_codes(both) == AT_RISK | LATE


def test_api_keeps_late_true_as_schedule_late(scheduled):
    admin = scheduled.users["admin"]
    assert _api_codes(_api(admin, late="true")) == LATE
    assert _api_codes(_api(admin, schedule="late")) == LATE
    assert _api_codes(_api(admin, late="true", schedule="at_risk")) == AT_RISK


def test_api_answers_400_to_an_unknown_schedule(scheduled):
    assert _api(scheduled.users["admin"], schedule="soon").status_code == 400


def test_api_schema_describes_the_schedule_filter(db):
    from drf_spectacular.generators import SchemaGenerator

    from sudsud.programmes.api import urls_activities

    schema = SchemaGenerator(patterns=urls_activities.urlpatterns).get_schema(
        request=None, public=True
    )
    parameters = {
        p["name"]: p for p in schema["paths"]["/activities/"]["get"]["parameters"]
    }
    assert parameters["schedule"]["schema"]["enum"] == [
        "at_risk", "late", "late_or_at_risk",
    ]  # fmt: skip
    assert "is_at_risk" in schema["components"]["schemas"]["Activity"]["properties"]


# --- Exports ----------------------------------------------------------------------


def _export(user, extension):
    activities = sel.activity_search_for_user(user=user)
    with translation.override("en"):
        return activities_export(activities, extension=extension, user=user)


def test_csv_export_has_an_at_risk_column_beside_late(scheduled):
    text = _export(scheduled.users["admin"], "csv").decode("utf-8-sig")
    header, *rows = csv.reader(io.StringIO(text))
    assert header.index("at_risk") == header.index("late") + 1
    code, late, at_risk = (header.index(c) for c in ("code", "late", "at_risk"))
    flags = {row[code]: (row[late], row[at_risk]) for row in rows}
    assert flags["END-N"] == ("No", "Yes")
    assert flags["LATE-END"] == ("Yes", "No")
    assert flags["END-N1"] == ("No", "No")


def test_xlsx_export_has_the_at_risk_column(scheduled):
    content = _export(scheduled.users["admin"], "xlsx")
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == EXPORT_COLUMNS
    column = EXPORT_COLUMNS.index("at_risk")
    at_risk = {row[1] for row in rows[1:] if row[column] == "Yes"}
    assert at_risk == AT_RISK
