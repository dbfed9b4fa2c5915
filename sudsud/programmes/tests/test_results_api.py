"""``/api/v1/results/``, ``indicators/``, ``indicator-periods/``,
``indicator-updates/``: the same rules as the pages."""

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.programmes.models import IndicatorUpdate, UpdateStatus

from .factories import IndicatorUpdateFactory
from .factories_results import bilateral_period

pytestmark = pytest.mark.django_db
UPDATES = "/api/v1/indicator-updates/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def period(countries):
    return bilateral_period(countries, target_value=Decimal(100))


def _as(api, make_user, role, country):
    user = make_user(role, countries=[country] if country else [])
    api.force_authenticate(user)
    return user


def test_results_api_refuses_anonymous_requests(api):
    assert api.get("/api/v1/results/").status_code in (401, 403)


def test_results_api_lists_with_validated_filters(api, make_user, period):
    _as(api, make_user, Role.VIEWER, None)

    ok = api.get("/api/v1/results/", {"level": "output"})
    bad = api.get("/api/v1/results/", {"level": "galaxy", "plan": "x"})

    assert ok.status_code == 200
    assert [r["id"] for r in ok.json()["results"]] == [period.indicator.result_id]
    assert bad.status_code == 400
    assert set(bad.json()) == {"level", "plan"}


def test_indicators_api_gives_periods_with_rolled_up_values(
    api, make_user, period, countries
):
    update = IndicatorUpdateFactory(
        period=period, country=countries["SEN"], status=UpdateStatus.APPROVED
    )
    update.breakdowns.create(key="country=SEN;sex=female", value=Decimal(4))
    _as(api, make_user, Role.VIEWER, None)

    data = api.get(f"/api/v1/indicators/{period.indicator.pk}/").json()
    listed = api.get("/api/v1/indicators/").json()["results"]

    [row] = data["periods"]
    assert Decimal(row["actual"]) == Decimal(10)
    assert Decimal(row["target"]) == Decimal(100)
    assert row["actual_breakdowns"] == {"country=SEN;sex=female": "4.0000"}
    assert data["dimensions"] == ["country", "sex"]
    assert listed[0]["periods"][0]["approved_updates"] == 1


def test_indicator_periods_api_saves_target_breakdowns_and_rejects_bad_ones(
    api, make_user, period, countries
):
    _as(api, make_user, Role.IMPLEMENTING_STAFF, countries["SEN"])
    url = f"/api/v1/indicator-periods/{period.pk}/"

    ok = api.patch(
        url, {"target_breakdowns": {"sex=female;country=SEN": "30"}}, format="json"
    )
    bad = api.patch(
        url,
        {"target_breakdowns": {"country=SEN;sex=other": "1", "sex=male": "-2"}},
        format="json",
    )

    assert ok.status_code == 200
    assert ok.json()["target_breakdowns"] == {"country=SEN;sex=female": "30.0000"}
    assert bad.status_code == 400  # the negative cell is refused by the serializer
    assert set(bad.json()["target_breakdowns"]) == {"sex=male"}


def test_indicator_periods_api_refuses_editors_out_of_scope(
    api, make_user, period, countries
):
    _as(api, make_user, Role.IMPLEMENTING_STAFF, countries["MLI"])

    response = api.patch(
        f"/api/v1/indicator-periods/{period.pk}/", {"target_value": "5"}, format="json"
    )

    assert response.status_code == 403


def test_indicator_updates_api_full_workflow(api, make_user, period, countries):
    staff = _as(api, make_user, Role.IMPLEMENTING_STAFF, countries["SEN"])
    created = api.post(
        UPDATES,
        {
            "period": period.pk,
            "country": "SEN",
            "value": "9",
            "breakdowns": {"country=SEN;sex=male": "9"},
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert (
        api.patch(f"{UPDATES}{pk}/", {"value": "11"}, format="json").status_code == 200
    )
    assert api.post(f"{UPDATES}{pk}/submit/").json()["status"] == "submitted"
    assert api.post(f"{UPDATES}{pk}/approve/").status_code == 403
    locked = api.patch(f"{UPDATES}{pk}/", {"value": "1"}, format="json")
    assert locked.status_code == 400

    _as(api, make_user, Role.COUNTRY_COORDINATOR, countries["SEN"])
    no_reason = api.post(f"{UPDATES}{pk}/return/", {})
    assert no_reason.status_code == 400
    assert api.post(f"{UPDATES}{pk}/approve/").json()["status"] == "approved"
    assert api.post(f"{UPDATES}{pk}/approve/").status_code == 400
    assert api.post(f"{UPDATES}{pk}/reopen/", {"reason": "x"}).status_code == 403

    _as(api, make_user, Role.PROGRAMME_ADMIN, None)
    reopened = api.post(f"{UPDATES}{pk}/reopen/", {"reason": "Erreur"})
    assert reopened.json()["status"] == "draft"
    update = IndicatorUpdate.objects.get(pk=pk)
    assert update.value == Decimal(11)
    assert update.created_by == staff


def test_indicator_updates_api_filters_are_validated(api, make_user, period, countries):
    IndicatorUpdateFactory(period=period, country=countries["SEN"])
    _as(api, make_user, Role.VIEWER, None)

    drafts = api.get(UPDATES, {"status": "draft"})
    bad = api.get(UPDATES, {"status": "lost"})

    assert len(drafts.json()["results"]) == 1
    assert api.get(UPDATES, {"status": "approved"}).json()["results"] == []
    assert bad.status_code == 400


def test_results_api_creates_a_result_through_the_service(
    api, make_user, period, countries
):
    _as(api, make_user, Role.IMPLEMENTING_STAFF, countries["SEN"])
    activity = period.indicator.result.activity

    response = api.post(
        "/api/v1/results/",
        {
            "level": "output",
            "code": "OUT-API",
            "title_fr": "Produit",
            "activity": activity.pk,
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["activity"] == activity.pk


# --- Reviewed defects --------------------------------------------------------------

HUGE = str(2**64)


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/v1/results/", "plan"),
        ("/api/v1/results/", "activity"),
        ("/api/v1/indicators/", "result"),
        ("/api/v1/indicator-periods/", "indicator"),
        (UPDATES, "indicator"),
        (UPDATES, "country"),
    ],
)
def test_results_api_refuses_ids_too_large_for_the_database(
    api, make_user, period, url, param
):
    _as(api, make_user, Role.VIEWER, None)

    response = api.get(url, {param: HUGE})

    assert response.status_code == 400
    assert param in response.json()
    assert api.get(url, {param: str(2**63 - 1)}).status_code == 200


def test_updates_api_refuses_a_countryless_update_of_a_country_result(
    api, make_user, period, countries
):
    _as(api, make_user, Role.IMPLEMENTING_STAFF, countries["MAR"])

    response = api.post(
        UPDATES,
        {
            "period": period.pk,
            "value": "3",
            "breakdowns": {"country=MAR;sex=male": "3"},
        },
        format="json",
    )

    assert response.status_code == 400
    assert "country" in response.json()
    assert not IndicatorUpdate.objects.exists()


def test_updates_api_refuses_breakdowns_of_another_country(
    api, make_user, period, countries
):
    _as(api, make_user, Role.IMPLEMENTING_STAFF, countries["MAR"])

    response = api.post(
        UPDATES,
        {
            "period": period.pk,
            "country": "MAR",
            "breakdowns": {"country=SEN;sex=male": "3"},
        },
        format="json",
    )

    assert response.status_code == 400
    assert "breakdowns" in response.json()


@pytest.mark.parametrize(
    "payload",
    [
        {"value": "1e30"},
        {"value": "-1"},
        {"value": "1.23456"},
        {"breakdowns": {"country=SEN;sex=female": "1e30"}},
        {"breakdowns": {"country=SEN;sex=female": "-4"}},
    ],
)
def test_updates_api_refuses_amounts_the_columns_cannot_hold(
    api, make_user, period, countries, payload
):
    _as(api, make_user, Role.IMPLEMENTING_STAFF, countries["SEN"])

    response = api.post(
        UPDATES, {"period": period.pk, "country": "SEN", **payload}, format="json"
    )

    assert response.status_code == 400
    assert set(response.json()) == set(payload)
    assert not IndicatorUpdate.objects.exists()


def test_periods_api_refuses_an_oversized_target(api, make_user, period, countries):
    _as(api, make_user, Role.IMPLEMENTING_STAFF, countries["SEN"])

    response = api.patch(
        f"/api/v1/indicator-periods/{period.pk}/",
        {"target_value": "1e20"},
        format="json",
    )

    assert response.status_code == 400
    assert "target_value" in response.json()
