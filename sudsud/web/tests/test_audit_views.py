import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from sudsud.accounts.models import Role, User
from sudsud.core.audit import audit_created, audit_updated, model_snapshot
from sudsud.core.models import AuditAction, AuditEntry
from sudsud.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

LIST = reverse("web:audit_list")
EXPORT = reverse("web:audit_export")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def entries(admin_user, make_user):
    editor = make_user(Role.COUNTRY_COORDINATOR, username="editor")
    person = make_user(Role.VIEWER, first_name="Awa", last_name="Ndiaye")
    place = PlaceFactory(name_fr="Mali", name_en="Mali")
    created = audit_created(actor=admin_user, instance=person)
    before = model_snapshot(place)
    place.name_fr = '=HYPERLINK("http://evil.example")'
    place.name_en = "x" * 190
    place.save()
    updated = audit_updated(actor=editor, instance=place, before=before)
    return {"editor": editor, "person": person, "created": created, "updated": updated}


def _detail(entry: AuditEntry) -> str:
    return reverse("web:audit_detail", args=[entry.pk])


# --- Permissions ----------------------------------------------------------------


@pytest.mark.parametrize("url", [LIST, EXPORT, "detail"])
def test_audit_pages_send_anonymous_visitors_to_sign_in(client, entries, url):
    url = _detail(entries["created"]) if url == "detail" else url
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    "role",
    [
        Role.COUNTRY_COORDINATOR,
        Role.IMPLEMENTING_STAFF,
        Role.MINISTRY_OFFICER,
        Role.DATA_ANALYST,
        Role.VIEWER,
    ],
)
@pytest.mark.parametrize("url", [LIST, EXPORT, "detail"])
def test_audit_pages_refuse_everyone_but_programme_admins(
    client, make_user, countries, entries, role, url
):
    client.force_login(
        make_user(role, countries=[countries["SEN"]], programme_wide=True)
    )
    url = _detail(entries["created"]) if url == "detail" else url
    assert client.get(url).status_code == 403


def test_audit_list_is_open_to_superusers(client, make_user, entries):
    client.force_login(make_user(Role.VIEWER, is_superuser=True))
    assert client.get(LIST).status_code == 200


# --- List -------------------------------------------------------------------------


def test_audit_list_shows_entries_newest_first(admin_client, entries):
    response = admin_client.get(LIST)
    assert response.status_code == 200
    assert list(response.context["entries"]) == [entries["updated"], entries["created"]]
    assert "<caption>" in response.content.decode()
    assert "base.html" in [t.name for t in response.templates]


def test_audit_list_filters_from_the_query_string(admin_client, entries):
    response = admin_client.get(LIST, {"actor": entries["editor"].pk})
    assert list(response.context["entries"]) == [entries["updated"]]
    user_type = ContentType.objects.get_for_model(User)
    response = admin_client.get(LIST, {"content_type": user_type.pk, "q": "ndiaye"})
    assert list(response.context["entries"]) == [entries["created"]]
    response = admin_client.get(
        LIST, {"action": AuditAction.DELETE}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert not response.context["entries"]
    assert "No entry matches these filters." in response.content.decode()


def test_audit_list_reports_bad_dates_next_to_the_field(admin_client, entries):
    response = admin_client.get(
        LIST,
        {"date_from": "2030-01-10", "date_to": "2030-01-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert (
        "The end date is before the start date."
        in response.context["form"].errors["date_to"]
    )
    assert 'id="id_date_to-errors"' in response.content.decode()


def test_audit_list_ignores_an_unknown_actor_with_a_message(admin_client, entries):
    response = admin_client.get(LIST, {"actor": "999999"})
    assert "actor" in response.context["form"].errors
    assert len(response.context["entries"]) == 2


def test_audit_list_empty_state_says_what_fills_it(admin_client):
    response = admin_client.get(LIST)
    assert "Le journal d’audit est vide." in response.content.decode()


def test_audit_list_pages_by_fifty(admin_client, admin_user):
    place = PlaceFactory()
    for _ in range(51):
        audit_created(actor=admin_user, instance=place)
    first = admin_client.get(LIST, {"action": "create"})
    assert len(first.context["entries"]) == 50
    assert "page=2" in first.content.decode()
    second = admin_client.get(LIST, {"action": "create", "page": 2})
    assert len(second.context["entries"]) == 1


def test_audit_list_htmx_request_gets_only_the_results(admin_client, entries):
    response = admin_client.get(LIST, {"q": "awa"}, headers={"HX-Request": "true"})
    content = response.content.decode()
    assert "<html" not in content
    assert "Ndiaye" in content
    assert response.templates[0].name == "web/partials/audit_rows.html"


def test_audit_list_htmx_history_restore_gets_the_whole_page(admin_client, entries):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = admin_client.get(LIST, headers=headers)
    assert "<html" in response.content.decode()


# --- Detail -----------------------------------------------------------------------


def test_audit_detail_shows_before_and_after_per_field(admin_client, entries):
    response = admin_client.get(_detail(entries["updated"]))
    assert response.status_code == 200
    rows = {row["name"]: row for row in response.context["rows"]}
    assert set(rows) == {"name_fr", "name_en"}
    before, after = rows["name_fr"]["values"]
    assert before["text"] == "Mali"
    assert after["text"] == '=HYPERLINK("http://evil.example")'
    content = response.content.decode()
    assert "=HYPERLINK(&quot;http://evil.example&quot;)" in content  # escaped text


def test_audit_detail_truncates_long_values_and_keeps_the_full_one(
    admin_client, entries
):
    response = admin_client.get(_detail(entries["updated"]))
    content = response.content.decode()
    assert "x" * 160 + "…" in content
    assert "<details>" in content
    assert "x" * 190 in content


def test_audit_detail_lists_other_changes_to_the_record(
    admin_client, entries, admin_user
):
    person = entries["person"]
    before = model_snapshot(person)
    person.first_name = "Aminata"
    person.save()
    later = audit_updated(actor=admin_user, instance=person, before=before)
    response = admin_client.get(_detail(later))
    assert list(response.context["history"]) == [entries["created"]]


def test_audit_detail_of_unknown_entry_is_404(admin_client):
    assert (
        admin_client.get(reverse("web:audit_detail", args=[999999])).status_code == 404
    )


# --- Export -----------------------------------------------------------------------


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_audit_export_gives_the_filtered_entries_as_csv(admin_client, entries):
    response = admin_client.get(EXPORT, {"actor": entries["editor"].pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    header, *rows = _csv(response)
    assert len(header) == 8
    assert len(rows) == 1
    assert rows[0][1] == "editor"


def test_audit_export_neutralises_formulas(admin_client, entries, admin_user):
    place = PlaceFactory(name_fr="=cmd|' /C calc'!A0", name_en="+1")
    audit_created(actor=admin_user, instance=place)
    _header, *rows = _csv(admin_client.get(EXPORT, {"action": "create"}))
    records = [row[5] for row in rows]
    assert all(
        not value.startswith(("=", "+", "-", "@")) for row in rows for value in row
    )
    assert any(value.startswith("'=") for value in records)


def test_audit_pages_and_export_never_show_password_hashes(admin_client, entries):
    # The services no longer write secrets to the trail; entries written before
    # that (or by a careless future service) must still never be displayed.
    password_hash = entries["person"].password
    entries["created"].changes["password"] = [None, password_hash]
    entries["created"].save()
    detail = admin_client.get(_detail(entries["created"])).content.decode()
    export = admin_client.get(EXPORT).content.decode("utf-8-sig")
    assert password_hash not in detail
    assert password_hash not in export
    assert "********" in detail
