import pytest
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.programmes.tests.factories import OrganisationFactory

CODE = "T05-EUTF-NOA-MA-06"


@pytest.fixture
def api():
    return APIClient()


def _memorandum(programme, iso3):
    return programme.memoranda.get(second_country__iso3=iso3)


def test_programme_api_refuses_anonymous_requests(api, programme):
    assert api.get("/api/v1/programmes/").status_code in (401, 403)


def test_programme_api_lists_programmes(api, programme, make_user):
    api.force_authenticate(make_user(Role.VIEWER))

    response = api.get("/api/v1/programmes/")

    assert response.status_code == 200
    assert [p["code"] for p in response.json()["results"]] == [CODE]


def test_programme_api_detail_has_everything(api, programme, make_user):
    api.force_authenticate(make_user(Role.VIEWER))

    data = api.get(f"/api/v1/programmes/{CODE}/").json()

    assert data["start_date"] == "2017-05-23"
    assert sorted(f["amount"] for f in data["fundings"]) == ["1722700.00", "8613500.00"]
    assert {i["organisation"]["acronym"] for i in data["implementers"]} == {"GIZ", "EF"}
    assert {p["country"]["iso3"] for p in data["partner_countries"]} == {
        "MAR",
        "SEN",
        "CIV",
        "MLI",
    }
    assert len(data["memoranda"]) == 3
    assert all(m["signed_on"] is None for m in data["memoranda"])
    assert [d["code"] for d in data["domains"]] == [
        "diaspora-mobilisation",
        "access-to-rights",
        "south-south-mobility",
    ]


def test_programme_api_is_read_only(api, programme, admin_user):
    api.force_authenticate(admin_user)

    response = api.patch(f"/api/v1/programmes/{CODE}/", {"name_fr": "x"}, format="json")

    assert response.status_code == 405


def test_memorandum_api_patch_by_coordinator_of_the_pair(
    api, programme, make_user, seats
):
    coordinator = make_user(Role.COUNTRY_COORDINATOR, countries=[seats["SEN"]])
    ministry = OrganisationFactory(country=seats["SEN"])
    memorandum = _memorandum(programme, "SEN")
    api.force_authenticate(coordinator)

    response = api.patch(
        f"/api/v1/memoranda/{memorandum.pk}/",
        {"signed_on": "2018-03-01", "signatory_ministries": [ministry.pk]},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["signed_on"] == "2018-03-01"
    assert [o["id"] for o in response.json()["signatory_ministries"]] == [ministry.pk]


def test_memorandum_api_patch_refused_for_other_pairs(api, programme, make_user, seats):
    api.force_authenticate(
        make_user(Role.COUNTRY_COORDINATOR, countries=[seats["SEN"]])
    )
    memorandum = _memorandum(programme, "MLI")

    response = api.patch(
        f"/api/v1/memoranda/{memorandum.pk}/", {"notes": "x"}, format="json"
    )

    assert response.status_code == 403
    memorandum.refresh_from_db()
    assert memorandum.notes == ""


def test_memorandum_api_patch_refused_for_viewers(api, programme, make_user):
    api.force_authenticate(make_user(Role.VIEWER))
    memorandum = _memorandum(programme, "SEN")

    response = api.patch(
        f"/api/v1/memoranda/{memorandum.pk}/", {"notes": "x"}, format="json"
    )

    assert response.status_code == 403


def test_memorandum_api_patch_reports_validation_errors(
    api, programme, admin_user, seats
):
    api.force_authenticate(admin_user)
    foreign = OrganisationFactory(country=seats["FRA"])
    memorandum = _memorandum(programme, "SEN")

    response = api.patch(
        f"/api/v1/memoranda/{memorandum.pk}/",
        {"signatory_ministries": [foreign.pk]},
        format="json",
    )

    assert response.status_code == 400
    assert "signatory_ministries" in response.json()
    assert not memorandum.signatory_ministries.exists()


def test_memorandum_api_rejects_bad_dates(api, programme, admin_user):
    api.force_authenticate(admin_user)
    memorandum = _memorandum(programme, "SEN")

    response = api.patch(
        f"/api/v1/memoranda/{memorandum.pk}/", {"signed_on": "soon"}, format="json"
    )

    assert response.status_code == 400
