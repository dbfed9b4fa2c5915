"""A Mali officer crawls every organisations page, file and API answer: a ministry
restricted to Senegal — its name, identifier, link and contact — appears in none,
even though an unrestricted Mali office belongs to it."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

LIST_URL = reverse("organisations:organisation_list")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _text(response):
    """Everything a response shows, XLSX cells included."""
    if response.get("Content-Type", "").startswith(XLSX):
        workbook = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(
            " ".join("" if value is None else str(value) for value in row)
            for sheet in workbook.worksheets
            for row in sheet.iter_rows(values_only=True)
        )
    return response.content.decode("utf-8-sig")


def _page_urls(countries, ministry, child):
    senegal = countries["SEN"].pk
    searches = ["", "ministere", "confidentiel", "senegal", "sn-secret-1"]
    filters = [
        {"kind": "ministry"}, {"country": senegal}, {"scope_country": senegal},
        {"archived": "all"}, {"archived": "archived"}, {"page": "2"},
        {"q": "bamako", "kind": "ngo", "archived": "all"},
    ]  # fmt: skip
    queries = [{"q": q} if q else {} for q in searches] + filters
    exports = [
        reverse("organisations:organisation_export", args=[extension])
        for extension in ("csv", "xlsx")
    ]
    pages = [(LIST_URL, query) for query in queries]
    pages += [(url, query) for url in exports for query in queries]
    pages += [
        (child.get_absolute_url(), {}),
        (reverse("organisations:organisation_update", args=[child.pk]), {}),
        (reverse("organisations:organisation_create"), {}),
        (reverse("organisations:organisation_import"), {}),
        (reverse("organisations:organisation_import_template", args=["csv"]), {}),
        (reverse("organisations:organisation_import_template", args=["xlsx"]), {}),
    ]
    return pages


def _api_urls(countries, ministry, child):
    base = "/api/v1/organisations/"
    queries = [
        {}, {"q": "confidentiel"}, {"q": "senegal"}, {"kind": "ministry"},
        {"country": "SEN"}, {"scope_country": "SEN"}, {"archived": "all"},
    ]  # fmt: skip
    calls = [(base, query) for query in queries]
    for extension in ("csv", "xlsx"):
        calls += [
            (f"{base}export/", dict(query, format=extension)) for query in queries
        ]
    calls += [
        (f"{base}{child.pk}/", {}),
        ("/api/v1/contacts/", {}),
        ("/api/v1/contacts/", {"organisation": ministry.pk}),
        ("/api/v1/contacts/", {"organisation": child.pk}),
    ]
    return calls


def _assert_nothing_leaks(response, ministry, where):
    assert response.status_code == 200, where
    text = _text(response)
    contact = ministry.contacts.get()
    secrets = [
        ministry.name, ministry.iati_identifier, contact.full_name, contact.email,
        f'href="{ministry.get_absolute_url()}"',
    ]  # fmt: skip
    for secret in secrets:
        assert secret not in text, f"{secret!r} leaks through {where}"


@pytest.mark.parametrize("htmx", [False, True])
def test_scope_crawl_mali_officer_never_sees_senegal_restricted_pages(
    client, mali_officer, countries, hidden_ministry, mali_child, htmx
):
    client.force_login(mali_officer)
    headers = {"HX-Request": "true"} if htmx else {}
    for url, query in _page_urls(countries, hidden_ministry, mali_child):
        response = client.get(url, query, headers=headers, HTTP_ACCEPT_LANGUAGE="en")
        _assert_nothing_leaks(response, hidden_ministry, f"{url} {query}")
    # The office itself is listed and shown: the crawl did look at real content.
    assert mali_child.name in client.get(LIST_URL, {"q": "bamako"}).text
    assert mali_child.name in client.get(mali_child.get_absolute_url()).text


def test_scope_crawl_mali_officer_never_sees_senegal_restricted_api(
    mali_officer, countries, hidden_ministry, mali_child
):
    api = APIClient()
    api.force_authenticate(mali_officer)
    for url, query in _api_urls(countries, hidden_ministry, mali_child):
        response = api.get(url, query, HTTP_ACCEPT_LANGUAGE="en")
        _assert_nothing_leaks(response, hidden_ministry, f"{url} {query}")
    detail = api.get(f"/api/v1/organisations/{mali_child.pk}/").json()
    assert detail["name"] == mali_child.name
    assert detail["parent"] is None


def test_scope_crawl_hidden_ministry_pages_are_404(
    client, mali_officer, hidden_ministry
):
    client.force_login(mali_officer)
    api = APIClient()
    api.force_authenticate(mali_officer)
    contact = hidden_ministry.contacts.get()
    urls = [
        hidden_ministry.get_absolute_url(),
        reverse("organisations:organisation_update", args=[hidden_ministry.pk]),
        reverse("organisations:contact_create", args=[hidden_ministry.pk]),
        reverse("organisations:contact_update", args=[contact.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert hidden_ministry.name not in response.text
    for url in (
        f"/api/v1/organisations/{hidden_ministry.pk}/",
        f"/api/v1/contacts/{contact.pk}/",
    ):
        assert api.get(url).status_code == 404, url
