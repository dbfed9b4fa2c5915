import pytest
from django.urls import reverse

from sudsud.accounts.models import Role

from .factories import ActivityFactory, IndicatorPeriodFactory
from .factories_dashboards import dashboard_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(countries):
    return dashboard_data(countries)


@pytest.fixture
def senegal_client(client, make_user, countries):
    client.force_login(make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]]))
    return client


def test_dashboard_requires_signing_in(client):
    response = client.get(reverse("programmes:dashboard"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_dashboard_shows_charts_tables_and_csv_links(admin_client, data, english):
    response = admin_client.get(
        reverse("programmes:dashboard"), HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('role="img"') == 7
    assert html.count("<table>") == 7
    assert "?format=csv&amp;chart=status" in html
    assert reverse("programmes:plan_dashboard", args=[data.plans[0].pk]) in html
    assert reverse("programmes:country_dashboard", args=["SEN"]) in html


def test_dashboard_without_data_shows_empty_states(admin_client):
    response = admin_client.get(reverse("programmes:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'role="img"' not in html
    assert html.count('class="empty"') == 7


def test_dashboard_hides_restricted_activities_out_of_scope(senegal_client, data):
    response = senegal_client.get(
        reverse("programmes:dashboard") + "?format=csv&chart=country"
    )
    body = response.content.decode("utf-8-sig")
    assert "Sénégal" in body
    assert "Mali" not in body


def test_dashboard_csv_is_formula_safe(admin_client, data):
    plan = data.plans[0]
    plan.title_fr = "=HYPERLINK(1)"
    plan.save()
    response = admin_client.get(
        reverse("programmes:dashboard") + "?format=csv&chart=plan"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="programme-plan.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 3
    assert "PA-A — =HYPERLINK(1)" in lines[1]


def test_dashboard_csv_of_an_unknown_chart_is_404(admin_client):
    response = admin_client.get(reverse("programmes:dashboard") + "?format=csv&chart=x")
    assert response.status_code == 404


def test_plan_dashboard_counts_the_plans_activities(admin_client, data):
    url = reverse("programmes:plan_dashboard", args=[data.plans[1].pk])
    response = admin_client.get(url + "?format=csv&chart=status")
    assert len(response.content.decode("utf-8-sig").splitlines()) == 3  # 2 statuses
    assert admin_client.get(url).status_code == 200


def test_plan_dashboard_of_an_unknown_plan_is_404(admin_client):
    url = reverse("programmes:plan_dashboard", args=[999])
    assert admin_client.get(url).status_code == 404


def test_country_dashboard_by_iso3(admin_client, data):
    response = admin_client.get(reverse("programmes:country_dashboard", args=["SEN"]))
    assert response.status_code == 200
    assert response.context["figures"].lateness.total == 2
    assert [c.slug for c in response.context["charts"]][:2] == ["status", "plan"]
    missing = reverse("programmes:country_dashboard", args=["ZZZ"])
    assert admin_client.get(missing).status_code == 404


def test_indicator_chart_shows_target_and_actual(admin_client, data):
    indicator = data.indicators[0]
    url = reverse("programmes:indicator_chart", args=[indicator.pk])
    response = admin_client.get(url)
    assert response.status_code == 200
    assert "<polyline" in response.content.decode()
    rows = (
        admin_client.get(url + "?format=csv").content.decode("utf-8-sig").splitlines()
    )
    assert len(rows) == 1 + 4
    assert rows[1].startswith("2021-01-01,2021-12-31,100.0000,120.0000,1.200")


def test_indicator_chart_without_periods_shows_an_empty_state(admin_client, data):
    indicator = IndicatorPeriodFactory().indicator
    indicator.periods.all().delete()
    response = admin_client.get(
        reverse("programmes:indicator_chart", args=[indicator.pk])
    )
    assert response.status_code == 200
    assert 'class="empty"' in response.content.decode()


def test_indicator_chart_of_a_hidden_activity_is_404(senegal_client, data):
    url = reverse("programmes:indicator_chart", args=[data.indicators[1].pk])
    assert senegal_client.get(url).status_code == 404


def test_timeline_flags_late_activities(admin_client, data, english):
    response = admin_client.get(
        reverse("programmes:timeline"), HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "A1 (late)" in html
    assert "A4 (late)" not in html


def test_timeline_filters_by_plan_and_country(admin_client, data):
    url = reverse("programmes:timeline")
    by_plan = admin_client.get(url, {"plan": data.plans[1].pk})
    assert [a.code for a in by_plan.context["page_obj"]] == ["A3", "A4"]
    by_country = admin_client.get(url, {"country": "MAR"})
    assert [a.code for a in by_country.context["page_obj"]] == ["A2"]


def test_timeline_is_paginated_but_its_csv_has_every_activity(admin_client, countries):
    ActivityFactory.create_batch(30)
    url = reverse("programmes:timeline")
    response = admin_client.get(url, {"page": 2})
    assert len(response.context["page_obj"]) == 5
    assert 'rel="prev"' in response.content.decode()
    csv_rows = admin_client.get(url, {"format": "csv"}).content.splitlines()
    assert len(csv_rows) == 31


def test_timeline_hides_restricted_activities_out_of_scope(senegal_client, data):
    response = senegal_client.get(reverse("programmes:timeline"), {"format": "csv"})
    assert b"A3" not in response.content
    assert b"A2" in response.content


def test_programme_page_links_to_the_dashboard(admin_client, programme):
    response = admin_client.get(reverse("programmes:programme_detail_current"))
    assert reverse("programmes:dashboard") in response.content.decode()
