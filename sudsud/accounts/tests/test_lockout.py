"""Sign-in lockout: per user name and address, and per address alone."""

import pytest
from django.urls import reverse

from sudsud.accounts.models import Role
from sudsud.accounts.tests.factories import PASSWORD

LOGIN = reverse("accounts:login")


@pytest.fixture
def limits(settings):
    settings.SUDSUD_LOGIN_FAILURE_LIMIT = 3
    settings.SUDSUD_LOGIN_IP_FAILURE_LIMIT = 7


def sign_in(client, username, password=PASSWORD, address="10.1.1.1"):
    return client.post(
        LOGIN,
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_lockout_per_user_and_address_at_the_lower_limit(client, make_user, limits):
    person = make_user(Role.VIEWER)
    for _attempt in range(2):
        assert sign_in(client, person.username, "wrong").status_code == 200
    assert sign_in(client, person.username, "wrong").status_code == 429
    assert sign_in(client, person.username).status_code == 429
    # The same person from another address is not locked out.
    assert sign_in(client, person.username, address="10.2.2.2").status_code == 302


def test_lockout_per_address_when_guessing_many_accounts(client, make_user, limits):
    people = [make_user(Role.VIEWER) for _index in range(4)]
    for person in people:
        for _attempt in range(2):  # below the per-user limit for each account
            sign_in(client, person.username, "wrong")
    fresh = make_user(Role.VIEWER)
    assert sign_in(client, fresh.username).status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address is not affected.
    assert sign_in(client, fresh.username, address="10.2.2.2").status_code == 302


def test_lockout_per_address_not_reached_below_its_limit(client, make_user, limits):
    people = [make_user(Role.VIEWER) for _index in range(3)]
    for person in people:
        for _attempt in range(2):
            sign_in(client, person.username, "wrong")
    assert sign_in(client, people[0].username).status_code == 302


def test_successful_sign_in_does_not_reset_the_address_count(client, make_user, limits):
    people = [make_user(Role.VIEWER) for _index in range(3)]
    for person in people:
        for _attempt in range(2):
            sign_in(client, person.username, "wrong")
    own = make_user(Role.VIEWER)
    assert sign_in(client, own.username).status_code == 302
    client.logout()
    sign_in(client, "someone-else", "wrong")
    assert sign_in(client, own.username).status_code == 429


def test_successful_sign_in_resets_the_user_count(client, make_user, limits):
    person = make_user(Role.VIEWER)
    for _attempt in range(2):
        sign_in(client, person.username, "wrong")
    assert sign_in(client, person.username).status_code == 302
    client.logout()
    for _attempt in range(2):
        assert sign_in(client, person.username, "wrong").status_code == 200
    assert sign_in(client, person.username).status_code == 302


def test_lockout_defaults_are_five_per_user_and_thirty_per_address(settings):
    assert settings.SUDSUD_LOGIN_FAILURE_LIMIT == 5
    assert settings.SUDSUD_LOGIN_IP_FAILURE_LIMIT == 30


def test_lockout_page_says_which_lockout(client, make_user, limits):
    person = make_user(Role.VIEWER)
    for _attempt in range(3):
        response = sign_in(client, person.username, "wrong")
    assert "with this user name" in response.content.decode()
    for index in range(4):
        response = sign_in(client, f"nobody{index}", "wrong")
    content = response.content.decode()
    assert response.status_code == 429
    assert "After 7 failed attempts from your connection" in content


def test_sign_in_with_two_factor_resets_the_user_count(client, make_user, limits):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    person = make_user(Role.VIEWER)
    device = TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    for _attempt in range(2):
        sign_in(client, person.username, "wrong")
    sign_in(client, person.username)
    client.post(
        reverse("accounts:login_code"),
        {"token": f"{totp(device.bin_key):06d}"},
        REMOTE_ADDR="10.1.1.1",
    )
    assert client.session["_auth_user_id"] == str(person.pk)
    client.logout()
    for _attempt in range(2):
        assert sign_in(client, person.username, "wrong").status_code == 200
