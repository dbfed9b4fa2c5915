"""Two-factor authentication required for some roles."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from sudsud.accounts.models import Role

PROFILE = reverse("accounts:profile")
SETUP = reverse("accounts:two_factor_setup")


@pytest.fixture
def required(settings):
    settings.SUDSUD_REQUIRE_2FA_ROLES = [Role.PROGRAMME_ADMIN]


@pytest.fixture
def admin_without_device(client, make_user, required):
    person = make_user(Role.PROGRAMME_ADMIN)
    client.force_login(person)
    return person


@pytest.mark.parametrize("path", ["/", "/accounts/users/", "/audit/"])
def test_required_role_without_device_is_sent_to_two_factor_setup(
    client, admin_without_device, path
):
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response.url == PROFILE + "#two-factor"
    response = client.get(response.url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "Your role requires two-factor authentication" in response.content.decode()


def test_required_role_can_turn_two_factor_on(client, admin_without_device):
    response = client.post(SETUP)
    assert response.url == SETUP
    assert client.get(SETUP).status_code == 200
    assert TOTPDevice.objects.filter(user=admin_without_device).exists()


@pytest.mark.parametrize(
    ("method", "name", "data"),
    [
        ("post", "accounts:logout", {}),
        ("post", "accounts:set_language", {"language": "en", "next": "/"}),
        ("post", "accounts:language", {"language": "en"}),
        ("post", "set_language", {"language": "en", "next": "/"}),
    ],
)
def test_required_role_can_still_sign_out_and_change_language(
    client, admin_without_device, method, name, data
):
    response = getattr(client, method)(reverse(name), data)
    assert response.status_code == 302
    assert "#two-factor" not in response.url


def test_required_role_static_files_are_not_redirected(client, admin_without_device):
    response = client.get("/static/css/sudsud.css")
    assert response.status_code != 302
    assert "Location" not in response


def test_required_role_api_session_request_is_refused(client, admin_without_device):
    response = client.get("/api/v1/me/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]


def test_required_role_api_with_token_only_is_not_concerned(
    client, make_user, required
):
    person = make_user(Role.PROGRAMME_ADMIN)
    token = Token.objects.create(user=person)
    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


def test_required_role_with_a_confirmed_device_goes_on(client, make_user, required):
    person = make_user(Role.PROGRAMME_ADMIN)
    TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    client.force_login(person)
    assert client.get("/accounts/users/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200


def test_required_role_with_an_unconfirmed_device_is_still_sent(
    client, admin_without_device
):
    TOTPDevice.objects.create(user=admin_without_device, name="app", confirmed=False)
    assert client.get("/accounts/users/").url == PROFILE + "#two-factor"


def test_other_roles_are_not_concerned(client, make_user, required):
    client.force_login(make_user(Role.VIEWER))
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me/").status_code == 200


def test_nothing_is_required_by_default(client, admin_user, settings):
    assert settings.SUDSUD_REQUIRE_2FA_ROLES == []
    client.force_login(admin_user)
    assert client.get("/accounts/users/").status_code == 200


def test_anonymous_visitors_are_not_concerned(client, db, required):
    assert client.get("/accounts/login/").status_code == 200
