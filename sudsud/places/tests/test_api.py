import datetime as dt

import pytest
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.places.models import GroupingMembership

from .factories import GroupingFactory, GroupingMembershipFactory


@pytest.fixture
def viewer_api(make_user):
    api = APIClient()
    api.force_authenticate(make_user(Role.VIEWER))
    return api


@pytest.fixture
def admin_api(admin_user):
    api = APIClient()
    api.force_authenticate(admin_user)
    return api


@pytest.fixture
def ecowas(countries):
    grouping = GroupingFactory(slug="ecowas", name_fr="CEDEAO")
    GroupingMembershipFactory(
        grouping=grouping, place=countries["SEN"], start_date=dt.date(1975, 5, 28)
    )
    GroupingMembershipFactory(
        grouping=grouping,
        place=countries["MLI"],
        start_date=dt.date(1975, 5, 28),
        end_date=dt.date(2025, 1, 29),
    )
    return grouping


def codes(response) -> list[int]:
    return [item["code"] for item in response.json()["results"]]


@pytest.mark.parametrize("url", ["/api/v1/places/", "/api/v1/groupings/"])
def test_api_refuses_anonymous_requests(db, url):
    assert APIClient().get(url).status_code in (401, 403)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "sénégal"}, [686]),
        ({"q": "السنغال"}, [686]),
        ({"iso2": "sn"}, [686]),
        ({"iso3": "MLI"}, [466]),
        ({"code": "504"}, [504]),
        ({"kind": "aggregate"}, []),
        ({"grouping": "ecowas"}, [686]),
    ],
)
def test_place_list_filters(viewer_api, ecowas, params, expected):
    response = viewer_api.get("/api/v1/places/", params)
    assert response.status_code == 200
    assert codes(response) == expected


def test_place_list_paginates(viewer_api, countries):
    response = viewer_api.get("/api/v1/places/", {"page_size": 2})
    body = response.json()
    assert body["count"] == 5
    assert len(body["results"]) == 2
    assert body["next"]


def test_place_detail_by_code_lists_groupings(viewer_api, ecowas):
    response = viewer_api.get("/api/v1/places/466/")
    assert response.status_code == 200
    body = response.json()
    assert body["iso3"] == "MLI"
    assert body["name_ar"] == "مالي"
    assert body["groupings"] == [
        {
            "grouping": "ecowas",
            "grouping_name": "CEDEAO",
            "start_date": "1975-05-28",
            "end_date": "2025-01-29",
            "note": "",
        }
    ]
    assert viewer_api.get("/api/v1/places/999/").status_code == 404


def test_grouping_detail_lists_members_with_dates(viewer_api, ecowas):
    response = viewer_api.get("/api/v1/groupings/ecowas/")
    assert response.status_code == 200
    members = {m["place"]["iso3"]: m for m in response.json()["members"]}
    assert set(members) == {"SEN", "MLI"}
    assert members["MLI"]["end_date"] == "2025-01-29"


def test_grouping_on_date_filter_leaves_out_former_members(viewer_api, ecowas):
    response = viewer_api.get("/api/v1/groupings/ecowas/", {"on_date": "2025-06-01"})
    assert [m["place"]["iso3"] for m in response.json()["members"]] == ["SEN"]
    listing = viewer_api.get("/api/v1/groupings/", {"on_date": "2025-06-01"})
    assert len(listing.json()["results"][0]["members"]) == 1


def test_grouping_on_date_must_be_a_date(viewer_api, ecowas):
    response = viewer_api.get("/api/v1/groupings/", {"on_date": "yesterday"})
    assert response.status_code == 400


def test_membership_create_by_admin(admin_api, ecowas, countries):
    response = admin_api.post(
        "/api/v1/groupings/ecowas/members/",
        {"place": 384, "start_date": "1975-05-28"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["place"]["iso3"] == "CIV"
    assert GroupingMembership.objects.filter(place=countries["CIV"]).exists()


def test_membership_create_refuses_viewers(viewer_api, ecowas, countries):
    response = viewer_api.post(
        "/api/v1/groupings/ecowas/members/", {"place": 384}, format="json"
    )
    assert response.status_code == 403
    assert not GroupingMembership.objects.filter(place=countries["CIV"]).exists()


def test_membership_create_rejects_overlap(admin_api, ecowas):
    response = admin_api.post(
        "/api/v1/groupings/ecowas/members/",
        {"place": 686, "start_date": "2000-01-01"},
        format="json",
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_membership_update_and_delete_by_admin(admin_api, ecowas):
    membership = GroupingMembership.objects.get(grouping=ecowas, place__iso3="SEN")
    url = f"/api/v1/groupings/ecowas/members/{membership.pk}/"
    response = admin_api.put(
        url, {"start_date": "1975-05-28", "end_date": "1975-05-01"}, format="json"
    )
    assert response.status_code == 400
    assert "end_date" in response.json()
    response = admin_api.put(
        url, {"start_date": "1975-05-28", "note": "founder"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["note"] == "founder"
    assert admin_api.delete(url).status_code == 204
    assert not GroupingMembership.objects.filter(pk=membership.pk).exists()


def test_membership_delete_refuses_viewers(viewer_api, ecowas):
    membership = ecowas.memberships.first()
    url = f"/api/v1/groupings/ecowas/members/{membership.pk}/"
    assert viewer_api.delete(url).status_code == 403
    assert GroupingMembership.objects.filter(pk=membership.pk).exists()


def test_schema_documents_places_endpoints(viewer_api, db):
    response = viewer_api.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/places/{code}/" in paths
    assert "/api/v1/groupings/{slug}/members/" in paths
