import pytest
from django.urls import reverse

from sudsud.accounts.models import Role, User
from sudsud.accounts.tests.factories import UserFactory

LIST = reverse("accounts:user_list")
CREATE = reverse("accounts:user_create")


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PROGRAMME_ADMIN])
def test_user_management_is_forbidden_to_other_roles(client, make_user, role):
    person = make_user(role, programme_wide=True)
    client.force_login(person)
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert (
        client.get(reverse("accounts:user_update", args=[person.pk])).status_code == 403
    )
    response = client.post(reverse("accounts:user_deactivate", args=[person.pk]))
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.is_active


def test_user_list_requires_sign_in(client, db):
    assert client.get(LIST).status_code == 302


def test_user_list_search_ignores_accents(admin_client):
    UserFactory(username="fsene", first_name="Fatou", last_name="Sène")
    UserFactory(username="other", first_name="Ali", last_name="Ba")
    response = admin_client.get(LIST, {"q": "SENE"})
    names = [p.username for p in response.context["page"].object_list]
    assert names == ["fsene"]


def test_user_list_filters_by_role_country_and_status(
    admin_client, make_user, countries
):
    make_user(Role.MINISTRY_OFFICER, countries=[countries["MAR"]], username="mar")
    make_user(Role.MINISTRY_OFFICER, countries=[countries["SEN"]], username="sen")
    make_user(Role.VIEWER, username="gone", is_active=False)
    response = admin_client.get(
        LIST, {"role": Role.MINISTRY_OFFICER, "country": countries["MAR"].pk}
    )
    assert [p.username for p in response.context["page"].object_list] == ["mar"]
    response = admin_client.get(LIST, {"active": "no"})
    assert [p.username for p in response.context["page"].object_list] == ["gone"]


def test_user_list_paginates_by_25(admin_client):
    UserFactory.create_batch(30)
    response = admin_client.get(LIST)
    assert len(response.context["page"].object_list) == 25
    assert response.context["page"].paginator.num_pages == 2


def test_user_list_empty_state_says_what_to_do(admin_client):
    response = admin_client.get(LIST, {"q": "nobody-matches-this"})
    assert response.context["page"].paginator.count == 0
    assert response.context["filtered"] is True
    assert b'class="empty"' in response.content


def test_user_list_htmx_returns_the_table_only(admin_client):
    response = admin_client.get(LIST, HTTP_HX_REQUEST="true")
    assert b"<html" not in response.content
    assert b"<table" in response.content


def test_user_create_sends_an_invitation(
    admin_client, countries, mailoutbox, django_capture_on_commit_callbacks
):
    data = {
        "username": "newbie",
        "email": "newbie@example.org",
        "first_name": "N",
        "last_name": "B",
        "language": "fr",
        "role": Role.MINISTRY_OFFICER,
        "countries": [countries["CIV"].pk],
    }
    assert b'name="countries"' in admin_client.get(CREATE).content
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(CREATE, data)
    assert response.url == LIST
    person = User.objects.get(username="newbie")
    assert list(person.countries.all()) == [countries["CIV"]]
    assert len(mailoutbox) == 1


def test_user_create_editor_without_country_is_refused(admin_client):
    data = {
        "username": "n",
        "email": "n@example.org",
        "language": "fr",
        "role": Role.MINISTRY_OFFICER,
    }
    response = admin_client.post(CREATE, data)
    assert response.status_code == 200
    assert response.context["form"].errors["countries"]
    assert not User.objects.filter(username="n").exists()


def test_user_update_changes_role_and_scope(admin_client, make_user, countries):
    person = make_user(Role.VIEWER)
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "language": "fr",
        "role": Role.COUNTRY_COORDINATOR,
        "countries": [countries["SEN"].pk],
        "is_active": "on",
    }
    response = admin_client.post(
        reverse("accounts:user_update", args=[person.pk]), data
    )
    assert response.url == LIST
    person.refresh_from_db()
    assert person.role == Role.COUNTRY_COORDINATOR
    assert list(person.countries.all()) == [countries["SEN"]]


def test_user_deactivate_confirms_then_deactivates(admin_client, make_user):
    person = make_user(Role.VIEWER)
    url = reverse("accounts:user_deactivate", args=[person.pk])
    assert admin_client.get(url).status_code == 200
    person.refresh_from_db()
    assert person.is_active
    assert admin_client.post(url).url == LIST
    person.refresh_from_db()
    assert not person.is_active
    assert User.objects.filter(pk=person.pk).exists()


@pytest.mark.parametrize(
    "query",
    [
        {"country": "99999999999999999999"},
        {"country": "-1"},
        {"country": "abc"},
        {"role": "emperor"},
        {"active": "maybe"},
        {"q": "a\x00b"},
        {"page": "99999999999999999999"},
    ],
)
def test_user_list_shows_errors_for_bad_filters(admin_client, query):
    response = admin_client.get(LIST, query)
    assert response.status_code == 200
    if "page" not in query:
        assert response.context["form"].errors
