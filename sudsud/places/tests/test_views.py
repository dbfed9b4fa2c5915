import datetime as dt

import pytest
from django.urls import reverse

from sudsud.accounts.models import Role
from sudsud.places.models import Grouping, GroupingMembership

from .factories import GroupingFactory, GroupingMembershipFactory, PlaceFactory


@pytest.fixture
def viewer_client(client, make_user):
    client.force_login(make_user(Role.VIEWER))
    return client


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(
    "url",
    ["/places/", "/places/686/", "/places/groupings/", "/places/groupings/ecowas/"],
)
def test_pages_send_anonymous_visitors_to_sign_in(client, countries, url):
    GroupingFactory(slug="ecowas")
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_place_list_searches_without_accents(viewer_client, countries):
    response = viewer_client.get("/places/", {"q": "SENEGAL"})
    assert response.status_code == 200
    assert list(response.context["page_obj"]) == [countries["SEN"]]
    assert 'href="/places/686/"' in response.text
    assert 'href="/places/504/"' not in response.text
    assert "<html" in response.text


def test_place_list_htmx_request_gets_only_the_results(viewer_client, countries):
    response = viewer_client.get(
        "/places/", {"q": "mali"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text
    assert "Mali" in response.text


def test_place_list_filters_by_grouping(viewer_client, countries):
    GroupingMembershipFactory(
        grouping=GroupingFactory(slug="uemoa"), place=countries["SEN"]
    )
    response = viewer_client.get("/places/", {"grouping": "uemoa"})
    assert list(response.context["page_obj"]) == [countries["SEN"]]


def test_place_list_paginates_by_25(viewer_client, db):
    for _ in range(30):
        PlaceFactory()
    response = viewer_client.get("/places/", {"page": 2})
    assert len(response.context["page_obj"]) == 5


def test_place_list_empty_state_says_what_to_do(viewer_client, db):
    response = viewer_client.get("/places/")
    assert "load_places" in response.text
    filtered = viewer_client.get("/places/", {"q": "atlantide"})
    assert reverse("places:place_list") in filtered.text
    assert filtered.context["page_obj"].paginator.count == 0


def test_place_detail_shows_codes_names_and_groupings(viewer_client, countries):
    GroupingMembershipFactory(
        grouping=GroupingFactory(name_fr="CEDEAO"),
        place=countries["SEN"],
        start_date=dt.date(1975, 5, 28),
    )
    response = viewer_client.get("/places/686/")
    assert response.status_code == 200
    for text in ("SEN", "SN", "686", "السنغال", "Senegal", "CEDEAO", "1975"):
        assert text in response.text
    assert reverse("places:place_update", args=[686]) not in response.text


def test_place_detail_unknown_code_is_404(viewer_client, db):
    assert viewer_client.get("/places/999/").status_code == 404


def test_place_update_refuses_non_admins(viewer_client, countries):
    assert viewer_client.get("/places/686/edit/").status_code == 403
    response = viewer_client.post("/places/686/edit/", {"name_fr": "X", "name_en": "X"})
    assert response.status_code == 403
    countries["SEN"].refresh_from_db()
    assert countries["SEN"].name_fr == "Sénégal"


def test_place_update_by_admin_saves_and_redirects(admin_client, countries):
    response = admin_client.post(
        "/places/686/edit/",
        {
            "name_fr": "Sénégal (le)",
            "name_en": "Senegal",
            "name_ar": "",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/places/686/"
    countries["SEN"].refresh_from_db()
    assert countries["SEN"].name_fr == "Sénégal (le)"


def test_place_update_with_missing_name_shows_error(admin_client, countries):
    response = admin_client.post(
        "/places/686/edit/", {"name_fr": "", "name_en": "Senegal"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name_fr"]
    countries["SEN"].refresh_from_db()
    assert countries["SEN"].name_fr == "Sénégal"


def test_grouping_list_and_detail_render(viewer_client, countries):
    ecowas = GroupingFactory(slug="ecowas", name_fr="CEDEAO")
    GroupingMembershipFactory(
        grouping=ecowas, place=countries["MLI"], end_date=dt.date(2025, 1, 29)
    )
    listing = viewer_client.get("/places/groupings/", {"q": "cedeao"})
    assert "CEDEAO" in listing.text
    detail = viewer_client.get("/places/groupings/ecowas/")
    assert "Mali" in detail.text
    assert "29" in detail.text
    assert reverse("places:membership_add", args=["ecowas"]) not in detail.text
    later = viewer_client.get("/places/groupings/ecowas/", {"on": "2025-06-01"})
    assert later.context["page_obj"].paginator.count == 0


def test_grouping_detail_unknown_slug_is_404(viewer_client, db):
    assert viewer_client.get("/places/groupings/nothing/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/places/groupings/new/",
        "/places/groupings/ecowas/edit/",
        "/places/groupings/ecowas/members/add/",
    ],
)
def test_admin_pages_refuse_non_admins(viewer_client, db, url):
    GroupingFactory(slug="ecowas")
    assert viewer_client.get(url).status_code == 403
    assert viewer_client.post(url, {"slug": "x"}).status_code == 403


def test_grouping_create_by_admin(admin_client, db):
    response = admin_client.post(
        "/places/groupings/new/",
        {"slug": "ces", "name_fr": "CES", "name_en": "SSC", "kind": "other"},
    )
    assert response.status_code == 302
    assert response["Location"] == "/places/groupings/ces/"
    assert Grouping.objects.get(slug="ces").name_en == "SSC"


def test_grouping_create_duplicate_slug_shows_error_and_saves_nothing(admin_client, db):
    GroupingFactory(slug="ces")
    response = admin_client.post(
        "/places/groupings/new/",
        {"slug": "ces", "name_fr": "Autre", "name_en": "Other", "kind": "other"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["slug"]
    assert Grouping.objects.count() == 1


def test_grouping_update_by_admin(admin_client, db):
    GroupingFactory(slug="uma", name_fr="UMA")
    response = admin_client.post(
        "/places/groupings/uma/edit/",
        {
            "slug": "uma",
            "name_fr": "Union du Maghreb arabe",
            "name_en": "AMU",
            "kind": "economic",
        },
    )
    assert response.status_code == 302
    assert Grouping.objects.get(slug="uma").name_fr == "Union du Maghreb arabe"


def test_membership_add_by_admin(admin_client, countries):
    GroupingFactory(slug="uemoa")
    response = admin_client.post(
        "/places/groupings/uemoa/members/add/",
        {"place": countries["SEN"].pk, "start_date": "1994-01-10", "end_date": ""},
    )
    assert response.status_code == 302
    membership = GroupingMembership.objects.get(grouping__slug="uemoa")
    assert membership.start_date == dt.date(1994, 1, 10)


def test_membership_add_with_unordered_dates_shows_error(admin_client, countries):
    GroupingFactory(slug="uemoa")
    response = admin_client.post(
        "/places/groupings/uemoa/members/add/",
        {
            "place": countries["SEN"].pk,
            "start_date": "2000-01-02",
            "end_date": "2000-01-01",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["end_date"]
    assert not GroupingMembership.objects.exists()


def test_membership_update_by_admin(admin_client, countries):
    membership = GroupingMembershipFactory(
        grouping=GroupingFactory(slug="ecowas"), place=countries["MLI"]
    )
    url = f"/places/groupings/ecowas/members/{membership.pk}/edit/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url, {"end_date": "2025-01-29", "note": "withdrawal"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.end_date == dt.date(2025, 1, 29)


def test_membership_remove_asks_then_removes(admin_client, countries):
    membership = GroupingMembershipFactory(
        grouping=GroupingFactory(slug="ecowas"), place=countries["MLI"]
    )
    url = f"/places/groupings/ecowas/members/{membership.pk}/remove/"
    confirm = admin_client.get(url)
    assert confirm.status_code == 200
    assert "Mali" in confirm.text
    assert GroupingMembership.objects.exists()
    response = admin_client.post(url)
    assert response.status_code == 302
    assert not GroupingMembership.objects.exists()


def test_membership_remove_refuses_non_admins(viewer_client, countries):
    membership = GroupingMembershipFactory(
        grouping=GroupingFactory(slug="ecowas"), place=countries["MLI"]
    )
    url = f"/places/groupings/ecowas/members/{membership.pk}/remove/"
    assert viewer_client.post(url).status_code == 403
    assert GroupingMembership.objects.exists()


def test_membership_of_another_grouping_is_404(admin_client, countries):
    membership = GroupingMembershipFactory(place=countries["MLI"])
    GroupingFactory(slug="other")
    url = f"/places/groupings/other/members/{membership.pk}/remove/"
    assert admin_client.get(url).status_code == 404
