import pytest
from rest_framework.test import APIClient

from sudsud.programmes.models import Activity, ActivityPartner, PartnerRole
from sudsud.programmes.services.activities_parts import activity_partner_add

from .factories_activities import make_world

URL = "/api/v1/activities/"


@pytest.fixture
def world(countries):
    return make_world(countries)


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def _codes(response):
    return {row["code"] for row in response.json()["results"]}


def test_activities_list_hides_restricted_records_out_of_scope(world):
    assert _codes(_client(world.users["mali"]).get(URL)) == {"A-BIL"}
    assert _codes(_client(world.users["senegal"]).get(URL)) == {"A-BIL", "A-SEN"}
    assert (
        _client(world.users["mali"]).get(f"{URL}{world.restricted.pk}/").status_code
        == 404
    )


def test_activities_list_filters_and_nests_related_records(world):
    response = _client(world.users["admin"]).get(
        URL, {"country": "mar", "domain": "diaspora"}
    )
    (row,) = response.json()["results"]
    assert row["code"] == "A-BIL"
    assert {c["country"]["iso3"] for c in row["countries"]} == {"MAR", "SEN"}
    assert row["implementers"][0]["acronym"] == "GIZ"
    assert row["budget_lines"] == []


@pytest.mark.parametrize(
    "params",
    [{"country": "XXX"}, {"status": "9"}, {"plan": "abc"}, {"period_from": "2025-13-01"},
     {"late": "maybe"}, {"implementer": "99999999999999999999999"}, {"type": "x"}],
)  # fmt: skip
def test_activities_list_answers_400_to_garbage_parameters(world, params):
    assert _client(world.users["admin"]).get(URL, params).status_code == 400


def test_activities_list_searches_without_accents(world):
    response = _client(world.users["admin"]).get(
        URL, {"q": "ECHANGES", "late": "false"}
    )
    assert _codes(response) == {"A-BIL"}


def _payload(world, **overrides):
    data = {
        "plan": world.plan.pk, "code": "API-1", "title_fr": "Activité par l'API",
        "activity_type": "bilateral", "domains": ["diaspora"],
        "implementers": [world.ef.pk],
        "countries": [{"country": "MAR", "share": "50"}, {"country": "SEN", "share": "50"}],
    }  # fmt: skip
    return {**data, **overrides}


def test_activity_create_through_the_api(world):
    response = _client(world.users["senegal"]).post(URL, _payload(world), format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["countries"][0]["share"] in {"50.00"}
    assert Activity.objects.get(code="API-1").implementers.get() == world.ef


def test_activity_create_with_bad_shares_is_400_and_saves_nothing(world):
    payload = _payload(world, countries=[{"country": "MAR", "share": "50"},
                                         {"country": "SEN", "share": "10"}])  # fmt: skip
    response = _client(world.users["admin"]).post(URL, payload, format="json")
    assert response.status_code == 400
    assert "countries" in response.json()
    assert not Activity.objects.filter(code="API-1").exists()


def test_activity_create_by_a_mali_officer_is_403(world):
    response = _client(world.users["mali"]).post(URL, _payload(world), format="json")
    assert response.status_code == 403


def test_activity_patch_by_mali_officer_is_403_and_by_senegal_is_200(world):
    url = f"{URL}{world.bilateral.pk}/"
    assert (
        _client(world.users["mali"])
        .patch(url, {"title_fr": "X"}, format="json")
        .status_code
        == 403
    )
    response = _client(world.users["senegal"]).patch(
        url, {"title_fr": "Nouveau"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["title_fr"] == "Nouveau"


def test_activity_sign_off_through_the_api(world, countries):
    partner = activity_partner_add(
        actor=None, activity=world.bilateral, organisation=world.ministries["MAR"],
        role=PartnerRole.LEAD_MINISTRY, country=countries["MAR"],
    )  # fmt: skip
    url = f"{URL}{world.bilateral.pk}/partners/{partner.pk}/sign-off/"
    assert _client(world.users["senegal"]).post(url).status_code == 403
    assert _client(world.users["morocco"]).post(url).status_code == 200
    assert ActivityPartner.objects.get(pk=partner.pk).signed_off_at is not None
    assert _client(world.users["morocco"]).post(url).status_code == 400


def test_plans_api_lists_creates_and_refuses(world, countries):
    assert _client(world.users["viewer"]).get("/api/v1/plans/").json()["count"] == 2
    payload = {"code": "PA-API", "title_fr": "Plan API", "countries": ["SEN", "MAR"]}
    assert (
        _client(world.users["senegal"])
        .post("/api/v1/plans/", payload, format="json")
        .status_code
        == 403
    )
    response = _client(world.users["coordinator_sen"]).post(
        "/api/v1/plans/", payload, format="json"
    )
    assert response.status_code == 201
    assert set(response.json()["countries"]) == {"SEN", "MAR"}


def test_activities_api_requires_authentication(world):
    assert APIClient().get(URL).status_code in {401, 403}


def test_activities_api_schema_describes_filters_and_nested_records(db):
    from drf_spectacular.generators import SchemaGenerator

    from sudsud.programmes.api import urls_activities

    schema = SchemaGenerator(patterns=urls_activities.urlpatterns).get_schema(
        request=None, public=True
    )
    parameters = {
        p["name"] for p in schema["paths"]["/activities/"]["get"]["parameters"]
    }
    assert {"q", "country", "late", "period_from", "lead_ministry"} <= parameters
    assert "budget_lines" in schema["components"]["schemas"]["Activity"]["properties"]
    assert "countries" in str(schema["components"]["schemas"])
