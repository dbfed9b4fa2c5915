"""The account scope rule, kept by the services so that the administrators' pages,
the API and the commands all enforce it: coordinators, implementing staff and
ministry officers need at least one country or a programme-wide scope."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from sudsud.accounts.models import Role, User
from sudsud.accounts.services import (
    UserFields,
    user_create,
    user_deactivate,
    user_update,
)

pytestmark = pytest.mark.django_db
RULE = "Choose at least one country, or give a programme-wide scope."
USERS = "/api/v1/users/"
COUNTRY_ROLES = [
    Role.COUNTRY_COORDINATOR,
    Role.IMPLEMENTING_STAFF,
    Role.MINISTRY_OFFICER,
]


def _fields(role, **extra):
    return UserFields(username="awa", email="awa@example.org", role=role, **extra)


# --- Services ---------------------------------------------------------------------


@pytest.mark.parametrize("role", COUNTRY_ROLES)
def test_user_create_refuses_a_country_role_without_scope(admin_user, role, english):
    with pytest.raises(ValidationError) as refused:
        user_create(actor=admin_user, fields=_fields(role))

    assert refused.value.message_dict == {"countries": [RULE]}
    assert not User.objects.filter(username="awa").exists()


@pytest.mark.parametrize("role", COUNTRY_ROLES)
def test_user_create_accepts_a_country_role_with_a_country_or_programme_wide(
    admin_user, countries, role
):
    scoped = user_create(
        actor=admin_user, fields=_fields(role), countries=[countries["SEN"]]
    )
    wide = user_create(
        actor=admin_user,
        fields=UserFields(
            username="moussa", email="m@example.org", role=role, programme_wide=True
        ),
    )

    assert list(scoped.countries.all()) == [countries["SEN"]]
    assert wide.programme_wide


@pytest.mark.parametrize("role", [Role.PROGRAMME_ADMIN, Role.VIEWER, Role.DATA_ANALYST])
def test_user_create_needs_no_scope_for_other_roles(admin_user, role):
    person = user_create(actor=admin_user, fields=_fields(role))

    assert person.role == role
    assert not person.countries.exists()


def test_user_create_by_the_system_keeps_the_rule_too(english):
    # actor=None: management commands go through the same rule.
    with pytest.raises(ValidationError, match="programme-wide scope"):
        user_create(actor=None, fields=_fields(Role.IMPLEMENTING_STAFF))


def test_user_update_refuses_a_country_role_for_an_unscoped_viewer(
    admin_user, make_user, english
):
    person = make_user(Role.VIEWER)

    with pytest.raises(ValidationError) as refused:
        user_update(
            actor=admin_user, user=person, changes={"role": Role.COUNTRY_COORDINATOR}
        )

    assert refused.value.message_dict == {"countries": [RULE]}
    person.refresh_from_db()
    assert person.role == Role.VIEWER


def test_user_update_refuses_removing_the_last_country(
    admin_user, make_user, countries, english
):
    person = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])

    with pytest.raises(ValidationError, match="programme-wide scope"):
        user_update(actor=admin_user, user=person, changes={}, countries=[])
    with pytest.raises(ValidationError, match="programme-wide scope"):
        user_update(
            actor=admin_user,
            user=person,
            changes={"programme_wide": False},
            countries=[],
        )

    assert list(person.countries.all()) == [countries["SEN"]]


def test_user_update_accepts_a_programme_wide_scope_instead_of_countries(
    admin_user, make_user, countries
):
    person = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])

    user_update(
        actor=admin_user,
        user=person,
        changes={"programme_wide": True},
        countries=[],
    )

    person.refresh_from_db()
    assert person.programme_wide
    assert not person.countries.exists()


def test_user_update_keeps_the_countries_when_only_the_role_changes(
    admin_user, make_user, countries
):
    person = make_user(Role.MINISTRY_OFFICER, countries=[countries["MLI"]])

    user_update(
        actor=admin_user, user=person, changes={"role": Role.COUNTRY_COORDINATOR}
    )

    person.refresh_from_db()
    assert person.role == Role.COUNTRY_COORDINATOR


def test_user_update_of_an_unscoped_legacy_account_allows_names_and_deactivation(
    admin_user, make_user
):
    # An account made before the rule (or by the factory) is not stuck.
    person = make_user(Role.IMPLEMENTING_STAFF)

    user_update(actor=person, user=person, changes={"first_name": "Fatou"})
    user_deactivate(actor=admin_user, user=person)

    person.refresh_from_db()
    assert person.first_name == "Fatou"
    assert not person.is_active


# --- Administrators' form -----------------------------------------------------------


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_user_form_create_shows_the_rule_on_the_countries_field(admin_client):
    data = {
        "username": "n",
        "email": "n@example.org",
        "language": "fr",
        "role": Role.IMPLEMENTING_STAFF,
    }

    response = admin_client.post(
        reverse("accounts:user_create"), data, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert response.context["form"].errors["countries"] == [RULE]
    assert not User.objects.filter(username="n").exists()


def test_user_form_update_shows_the_rule_on_the_countries_field(
    admin_client, make_user, countries
):
    person = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])
    data = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": person.email,
        "language": "fr",
        "role": Role.COUNTRY_COORDINATOR,
        "is_active": "on",
    }  # every country unticked, not programme-wide

    response = admin_client.post(
        reverse("accounts:user_update", args=[person.pk]),
        data,
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 200
    assert response.context["form"].errors["countries"] == [RULE]
    assert list(person.countries.all()) == [countries["SEN"]]


# --- API --------------------------------------------------------------------------


@pytest.fixture
def api(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


def test_users_api_create_refuses_a_country_role_without_scope(api):
    response = api.post(
        USERS,
        {"username": "s", "email": "s@example.org", "role": Role.IMPLEMENTING_STAFF},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert response.json() == {"countries": [RULE]}
    assert not User.objects.filter(username="s").exists()


def test_users_api_patch_refuses_emptying_the_scope(api, make_user, countries):
    person = make_user(Role.MINISTRY_OFFICER, countries=[countries["CIV"]])

    response = api.patch(
        f"{USERS}{person.pk}/",
        {"countries": []},
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.status_code == 400
    assert response.json() == {"countries": [RULE]}
    assert list(person.countries.all()) == [countries["CIV"]]
