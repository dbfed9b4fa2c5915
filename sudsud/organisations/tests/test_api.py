import pytest
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.organisations.models import Contact, Organisation

from .factories import ContactFactory, OrganisationFactory

URL = "/api/v1/organisations/"


@pytest.fixture
def api():
    return APIClient()


def _ids(response):
    return {row["id"] for row in response.json()["results"]}


def test_api_organisation_list_filters(api, admin_user, countries):
    mali = OrganisationFactory(
        name="Haut Conseil des Maliens", country=countries["MLI"], kind="ministry"
    )
    OrganisationFactory(
        name="Autre", country=countries["MAR"], scope_country=countries["SEN"]
    )
    api.force_authenticate(admin_user)
    assert _ids(api.get(URL, {"country": "MLI"})) == {mali.pk}
    assert _ids(api.get(URL, {"kind": "ministry"})) == {mali.pk}
    assert _ids(api.get(URL, {"q": "maliens"})) == {mali.pk}
    assert len(_ids(api.get(URL, {"scope_country": "sen"}))) == 1


def test_api_organisation_archived_filter(api, admin_user, countries):
    from django.utils import timezone

    archived = OrganisationFactory(country=countries["MLI"], archived_at=timezone.now())
    active = OrganisationFactory(country=countries["MLI"])
    api.force_authenticate(admin_user)
    assert _ids(api.get(URL)) == {active.pk}
    assert _ids(api.get(URL, {"archived": "true"})) == {archived.pk}
    assert _ids(api.get(URL, {"archived": "all"})) == {active.pk, archived.pk}


def test_api_requires_authentication(api):
    assert api.get(URL).status_code in (401, 403)


def test_api_mali_user_cannot_see_senegal_restricted(
    api, mali_staff, senegal_restricted
):
    api.force_authenticate(mali_staff)
    assert senegal_restricted.pk not in _ids(api.get(URL))
    assert api.get(f"{URL}{senegal_restricted.pk}/").status_code == 404
    patch = api.patch(f"{URL}{senegal_restricted.pk}/", {"city": "X"}, format="json")
    assert patch.status_code == 404
    assert api.post(f"{URL}{senegal_restricted.pk}/archive/").status_code == 404


def test_api_create_update_archive_restore(api, senegal_staff, countries):
    api.force_authenticate(senegal_staff)
    created = api.post(
        URL,
        {"name": "Association des Sénégalais de Tanger", "kind": "diaspora_association",
         "country": "MAR", "scope_country": "SEN"},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert "senegalais" in Organisation.objects.get(pk=pk).search_text
    updated = api.patch(f"{URL}{pk}/", {"city": "Tanger"}, format="json")
    assert updated.status_code == 200
    assert updated.json()["city"] == "Tanger"
    assert api.post(f"{URL}{pk}/archive/").json()["is_archived"] is True
    assert api.post(f"{URL}{pk}/restore/").json()["is_archived"] is False


def test_api_create_outside_scope_is_403(api, mali_staff, countries):
    api.force_authenticate(mali_staff)
    response = api.post(
        URL, {"name": "X", "kind": "ngo", "country": "SEN", "scope_country": "SEN"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 403
    assert not Organisation.objects.exists()


def test_api_update_visible_but_not_editable_is_403(api, mali_staff, countries):
    organisation = OrganisationFactory(
        country=countries["SEN"], scope_country=countries["SEN"]
    )
    api.force_authenticate(mali_staff)
    response = api.patch(f"{URL}{organisation.pk}/", {"city": "X"}, format="json")
    assert response.status_code == 403


def test_api_viewer_cannot_create(api, make_user, countries):
    api.force_authenticate(make_user(Role.VIEWER, countries=[countries["MLI"]]))
    response = api.post(
        URL, {"name": "X", "kind": "ngo", "country": "MLI", "scope_country": "MLI"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 403


def test_api_duplicate_iati_is_400_with_message(api, admin_user, countries):
    OrganisationFactory(country=countries["MLI"], iati_identifier="XM-1")
    api.force_authenticate(admin_user)
    response = api.post(
        URL, {"name": "X", "kind": "ngo", "country": "MLI", "iati_identifier": "XM-1"},
        format="json",
    )  # fmt: skip
    assert response.status_code == 400
    assert "XM-1" in response.json()["iati_identifier"][0]


def test_api_parent_cycle_is_400(api, admin_user, countries):
    parent = OrganisationFactory(country=countries["MLI"])
    child = OrganisationFactory(country=countries["MLI"], parent=parent)
    api.force_authenticate(admin_user)
    response = api.patch(f"{URL}{parent.pk}/", {"parent": child.pk}, format="json")
    assert response.status_code == 400
    assert "parent" in response.json()


def test_api_contacts_follow_contact_rule(api, mali_staff, countries):
    mali = OrganisationFactory(country=countries["MLI"], scope_country=countries["MLI"])
    senegal = OrganisationFactory(
        country=countries["SEN"], scope_country=countries["SEN"]
    )
    mine = ContactFactory(organisation=mali)
    hidden = ContactFactory(organisation=senegal)
    api.force_authenticate(mali_staff)
    listed = api.get("/api/v1/contacts/")
    assert {row["id"] for row in listed.json()["results"]} == {mine.pk}
    assert api.get(f"/api/v1/contacts/{hidden.pk}/").status_code == 404
    filtered = api.get("/api/v1/contacts/", {"organisation": senegal.pk})
    assert filtered.json()["results"] == []


def test_api_contact_create_update_delete(api, mali_staff, countries):
    mali = OrganisationFactory(country=countries["MLI"], scope_country=countries["MLI"])
    api.force_authenticate(mali_staff)
    created = api.post(
        "/api/v1/contacts/",
        {"organisation": mali.pk, "full_name": "Awa Diop"},
        format="json",
    )
    assert created.status_code == 201, created.content
    url = f"/api/v1/contacts/{created.json()['id']}/"
    bad = api.patch(
        url, {"mandate_start": "2025-05-01", "mandate_end": "2025-01-01"}, format="json"
    )
    assert bad.status_code == 400
    assert (
        api.patch(url, {"role": "Présidente"}, format="json").json()["role"]
        == "Présidente"
    )
    assert api.delete(url).status_code == 204
    assert not Contact.objects.exists()


def test_api_contact_create_on_other_country_is_403(api, mali_staff, countries):
    senegal = OrganisationFactory(
        country=countries["SEN"], scope_country=countries["SEN"]
    )
    api.force_authenticate(mali_staff)
    response = api.post(
        "/api/v1/contacts/",
        {"organisation": senegal.pk, "full_name": "X"},
        format="json",
    )
    assert response.status_code == 403


def test_api_parent_is_null_when_hidden_and_kept_on_update(
    api, mali_officer, admin_user, hidden_ministry, mali_child
):
    url = f"{URL}{mali_child.pk}/"
    api.force_authenticate(admin_user)
    assert api.get(url).json()["parent"] == hidden_ministry.pk
    api.force_authenticate(mali_officer)
    shown = api.get(url).json()
    assert shown["parent"] is None
    listed = api.get(URL, {"q": "bamako"}).json()["results"]
    assert [row["parent"] for row in listed] == [None]
    # Sending back what was shown changes nothing about the hidden parent.
    body = {key: shown[key] for key in ("name", "kind", "country", "scope_country")}
    response = api.put(url, dict(body, parent=None, city="Kayes"), format="json")
    assert response.status_code == 200, response.content
    assert response.json()["parent"] is None
    mali_child.refresh_from_db()
    assert (mali_child.city, mali_child.parent) == ("Kayes", hidden_ministry)


BAD_VALUES = ["abc", "99999999999999999999", "-1", "0", "1.5", "²", "1e3", "x" * 300]


@pytest.mark.parametrize("value", BAD_VALUES)
def test_api_contacts_organisation_filter_rejects_bad_values(api, admin_user, value):
    api.force_authenticate(admin_user)
    response = api.get("/api/v1/contacts/", {"organisation": value})
    assert response.status_code == 400
    assert "organisation" in response.json()


ORGANISATION_FILTERS = ["kind", "country", "scope_country", "archived"]
BAD_FILTERS = [
    (name, value)
    for name in ORGANISATION_FILTERS
    for value in BAD_VALUES
    if (name, value) != ("archived", "0")  # “0” means active only
]


@pytest.mark.parametrize(("name", "value"), BAD_FILTERS)
def test_api_organisation_filters_reject_bad_values(
    api, admin_user, countries, name, value
):
    api.force_authenticate(admin_user)
    for url in (URL, f"{URL}export/"):
        response = api.get(url, {name: value})
        assert response.status_code == 400, (url, response.content)
        assert name in response.json()


def test_api_organisation_search_too_long_is_400(api, admin_user):
    api.force_authenticate(admin_user)
    assert api.get(URL, {"q": "x" * 201}).status_code == 400


@pytest.mark.parametrize("url", [URL, "/api/v1/contacts/"])
@pytest.mark.parametrize("param", ["page", "page_size"])
@pytest.mark.parametrize("value", BAD_VALUES)
def test_api_list_pagination_never_fails_on_bad_values(
    api, admin_user, url, param, value
):
    api.force_authenticate(admin_user)
    assert api.get(url, {param: value}).status_code in (200, 404)


def test_api_contacts_organisation_filter_keeps_valid_ids(api, admin_user, countries):
    first, second = ContactFactory(), ContactFactory()
    api.force_authenticate(admin_user)
    response = api.get("/api/v1/contacts/", {"organisation": first.organisation_id})
    assert {row["id"] for row in response.json()["results"]} == {first.pk}
    assert second.pk not in {row["id"] for row in response.json()["results"]}


def test_api_filters_do_not_hide_an_archived_record_by_id(api, admin_user, countries):
    from django.utils import timezone

    archived = OrganisationFactory(country=countries["MLI"], archived_at=timezone.now())
    api.force_authenticate(admin_user)
    assert api.get(f"{URL}{archived.pk}/").status_code == 200
