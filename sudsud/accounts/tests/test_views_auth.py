import json
import re

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sudsud.accounts.models import Role
from sudsud.accounts.signin import MAX_CODE_ATTEMPTS, PENDING
from sudsud.accounts.tests.factories import PASSWORD
from sudsud.core.models import AuditEntry

LOGIN = reverse("accounts:login")
CODE = reverse("accounts:login_code")


def sign_in(client, username, password=PASSWORD, **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_login_page_has_the_form(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert b'id="login-form"' in response.content


def test_login_signs_in_and_switches_to_preferred_language(client, make_user):
    person = make_user(Role.VIEWER, language="ar")
    response = sign_in(client, person.username)
    assert response.status_code == 302
    assert response.url == reverse("web:home")
    assert client.session["_auth_user_id"] == str(person.pk)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"


def test_login_follows_a_safe_next_url(client, make_user):
    person = make_user(Role.VIEWER)
    response = sign_in(client, person.username, next="/accounts/profile/")
    assert response.url == "/accounts/profile/"


def test_login_wrong_password_shows_an_error(client, make_user):
    person = make_user(Role.VIEWER)
    response = sign_in(client, person.username, password="wrong password")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].non_field_errors()


def test_login_sixth_attempt_refused_even_with_right_password(client, make_user):
    person = make_user(Role.VIEWER)
    for _attempt in range(5):
        sign_in(client, person.username, password="wrong password")
    response = sign_in(client, person.username)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "accounts/lockout.html" in [t.name for t in response.templates]


def test_logout_requires_post_and_signs_out(client, make_user):
    client.force_login(make_user(Role.VIEWER))
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.fixture
def two_factor_user(make_user):
    person = make_user(Role.PROGRAMME_ADMIN, language="en")
    device = TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    return person, device


def test_login_with_two_factor_waits_for_the_code(client, two_factor_user):
    person, device = two_factor_user
    response = sign_in(client, person.username)
    assert response.url == CODE
    assert "_auth_user_id" not in client.session
    assert client.session[PENDING]["user_id"] == person.pk
    response = client.post(CODE, {"token": f"{totp(device.bin_key):06d}"})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)
    assert client.session["otp_device_id"] == device.persistent_id
    assert PENDING not in client.session
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_login_code_wrong_code_keeps_the_user_out(client, two_factor_user):
    person, _device = two_factor_user
    sign_in(client, person.username)
    response = client.post(CODE, {"token": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert "_auth_user_id" not in client.session


def test_login_code_attempts_are_limited(client, two_factor_user):
    person, device = two_factor_user
    sign_in(client, person.username)
    for _attempt in range(MAX_CODE_ATTEMPTS):
        response = client.post(CODE, {"token": "000000"})
    assert response.url == LOGIN
    assert PENDING not in client.session
    response = client.post(CODE, {"token": f"{totp(device.bin_key):06d}"})
    assert response.url == LOGIN
    assert "_auth_user_id" not in client.session


def test_login_code_without_password_step_goes_back_to_login(client, db):
    assert client.get(CODE).url == LOGIN


def test_password_reset_sends_an_email(client, make_user, mailoutbox):
    person = make_user(Role.VIEWER)
    response = client.post(reverse("accounts:password_reset"), {"email": person.email})
    assert response.url == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [person.email]
    assert "/accounts/password/reset/" in mailoutbox[0].body
    assert person.username in mailoutbox[0].body


def test_password_reset_link_lets_one_choose_a_password(client, make_user, mailoutbox):
    person = make_user(Role.VIEWER)
    client.post(reverse("accounts:password_reset"), {"email": person.email})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/reset/" in line)
    response = client.get(link, follow=True)
    new = "a brand new passphrase 77"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.url == reverse("accounts:password_reset_complete")
    person.refresh_from_db()
    assert person.check_password(new)


def test_password_change_for_the_signed_in_user(client, make_user):
    person = make_user(Role.VIEWER)
    client.force_login(person)
    new = "another fresh passphrase 99"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.url == reverse("accounts:password_change_done")
    person.refresh_from_db()
    assert person.check_password(new)


RESET = reverse("accounts:password_reset")


def entries_for(person):
    return AuditEntry.objects.filter(
        object_id=str(person.pk), content_type__model="user"
    )


def test_password_reset_stops_sending_after_the_limit_per_address(
    client, make_user, mailoutbox, settings
):
    settings.SUDSUD_PASSWORD_RESET_LIMIT = 3
    person = make_user(Role.VIEWER)
    for _attempt in range(4):
        response = client.post(RESET, {"email": person.email})
        assert response.url == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 3


def test_password_reset_limit_per_address_ignores_case(
    client, make_user, mailoutbox, settings
):
    settings.SUDSUD_PASSWORD_RESET_LIMIT = 1
    person = make_user(Role.VIEWER, email="awa@example.org")
    client.post(RESET, {"email": "awa@example.org"}, REMOTE_ADDR="10.0.0.1")
    client.post(RESET, {"email": "AWA@example.org"}, REMOTE_ADDR="10.0.0.2")
    assert [message.to for message in mailoutbox] == [[person.email]]


def test_password_reset_stops_sending_after_the_limit_per_address_of_origin(
    client, make_user, mailoutbox, settings
):
    settings.SUDSUD_PASSWORD_RESET_LIMIT = 2
    people = [make_user(Role.VIEWER) for _index in range(3)]
    for person in people:
        response = client.post(RESET, {"email": person.email}, REMOTE_ADDR="10.0.0.9")
        assert response.url == reverse("accounts:password_reset_done")
    assert len(mailoutbox) == 2
    client.post(RESET, {"email": people[2].email}, REMOTE_ADDR="10.0.0.10")
    assert len(mailoutbox) == 3


def test_password_reset_over_the_limit_shows_the_same_neutral_page(
    client, make_user, mailoutbox, settings
):
    settings.SUDSUD_PASSWORD_RESET_LIMIT = 1
    person = make_user(Role.VIEWER)
    pages = [
        client.post(RESET, {"email": email}, follow=True)
        for email in (person.email, person.email, "nobody@example.org")
    ]
    # The same page each time, but for the per-response CSRF token.
    bodies = {re.sub(r'value="[^"]{64}"', "", page.content.decode()) for page in pages}
    assert len(bodies) == 1
    assert [page.redirect_chain for page in pages] == [pages[0].redirect_chain] * 3
    assert len(mailoutbox) == 1


def test_password_reset_audits_the_new_password_without_it(
    client, make_user, mailoutbox
):
    person = make_user(Role.VIEWER)
    client.post(RESET, {"email": person.email})
    link = next(line for line in mailoutbox[0].body.splitlines() if "/reset/" in line)
    response = client.get(link, follow=True)
    new = "a brand new passphrase 77"
    client.post(
        response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    entry = entries_for(person).get()
    assert entry.note == "Password reset through an e-mail link"
    assert entry.actor == person
    assert new not in json.dumps(entry.changes)
    assert "password" not in entry.changes


def test_password_change_audits_the_change_without_the_password(client, make_user):
    person = make_user(Role.VIEWER)
    client.force_login(person)
    new = "another fresh passphrase 99"
    client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    entry = entries_for(person).get()
    assert entry.note == "Password changed"
    assert entry.actor == person
    assert new not in json.dumps(entry.changes)


def test_password_change_refused_leaves_no_audit_entry(client, make_user):
    person = make_user(Role.VIEWER)
    client.force_login(person)
    client.post(
        reverse("accounts:password_change"),
        {"old_password": "wrong", "new_password1": "x", "new_password2": "x"},
    )
    assert not entries_for(person).exists()
