import pytest
from rest_framework.test import APIClient

from sudsud.accounts.models import Role

from .factories_dashboards import dashboard_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(countries):
    return dashboard_data(countries)


@pytest.fixture
def api(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


def test_overview_api_requires_authentication(data):
    assert APIClient().get("/api/v1/dashboards/overview/").status_code in {401, 403}


def test_overview_api_gives_the_dashboards_figures(api, data):
    body = api.get("/api/v1/dashboards/overview/").json()
    assert body["lateness"]["total"] == 4
    assert {t["key"]: t["count"] for t in body["by_country"]}["SEN"] == 2
    assert body["targets_measured"] == 4
    eutf = next(m for m in body["by_funder"] if m["label"] == "EUTF")
    assert (eutf["planned"], eutf["committed"], eutf["spent"]) == (
        "3000.00",
        "500.00",
        "200.00",
    )


def test_overview_api_leaves_out_restricted_activities(data, make_user, countries):
    client = APIClient()
    client.force_authenticate(
        make_user(Role.MINISTRY_OFFICER, countries=[countries["SEN"]])
    )
    body = client.get("/api/v1/dashboards/overview/").json()
    assert body["lateness"]["total"] == 3
    assert "MLI" not in {t["key"] for t in body["by_country"]}


def test_plan_api_gives_the_plans_figures(api, data):
    plan = data.plans[0]
    body = api.get(f"/api/v1/dashboards/plans/{plan.pk}/").json()
    assert body["plan"] == {"id": plan.pk, "code": "PA-A"}
    assert body["lateness"]["total"] == 2
    assert api.get("/api/v1/dashboards/plans/999/").status_code == 404


def test_country_api_gives_the_countrys_figures(api, data):
    body = api.get("/api/v1/dashboards/countries/sen/").json()
    assert body["country"]["iso3"] == "SEN"
    assert body["by_funder"][0]["planned"] == "2000.00"
    assert api.get("/api/v1/dashboards/countries/ZZZ/").status_code == 404
