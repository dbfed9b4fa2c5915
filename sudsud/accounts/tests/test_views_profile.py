import re

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from sudsud.accounts.models import Role

PROFILE = reverse("accounts:profile")


@pytest.fixture
def person(client, make_user, countries):
    user = make_user(Role.MINISTRY_OFFICER, countries=[countries["MLI"]])
    client.force_login(user)
    return user


def test_profile_requires_sign_in(client, db):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_profile_shows_role_scope_and_two_factor_status(client, person):
    response = client.get(PROFILE)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Partner-ministry officer" in content or "ministère" in content
    assert "Mali" in content
    assert 'action="/accounts/profile/two-factor/"' in content


def test_profile_update_saves_names(client, person):
    response = client.post(
        PROFILE, {"first_name": "Mariam", "last_name": "Koné", "email": "m@example.org"}
    )
    assert response.url == PROFILE
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Mariam", "Koné")


def test_profile_update_bad_email_saves_nothing(client, person):
    response = client.post(
        PROFILE, {"first_name": "X", "last_name": "Y", "email": "not an address"}
    )
    assert response.status_code == 200
    assert response.context["profile_form"].errors["email"]
    person.refresh_from_db()
    assert person.first_name == "Awa"


def test_language_update_saves_and_sets_the_cookie(client, person):
    response = client.post(reverse("accounts:language"), {"language": "en"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    person.refresh_from_db()
    assert person.language == "en"


def test_token_create_shows_the_key_once(client, person):
    response = client.post(reverse("accounts:token_create"))
    key = Token.objects.get(user=person).key
    assert key in response.content.decode()
    assert key not in client.get(PROFILE).content.decode()


def test_token_revoke_asks_then_revokes(client, person):
    Token.objects.create(user=person)
    assert client.get(reverse("accounts:token_revoke")).status_code == 200
    client.post(reverse("accounts:token_revoke"))
    assert not Token.objects.filter(user=person).exists()


def test_two_factor_setup_shows_qr_code_and_confirms(client, person):
    response = client.post(reverse("accounts:two_factor_setup"))
    assert response.url == reverse("accounts:two_factor_setup")
    page = client.get(response.url).content.decode()
    assert 'src="data:image/svg+xml;base64,' in page
    secret = re.search(r'id="totp-secret">([A-Z2-7=]+)<', page).group(1)
    device = TOTPDevice.objects.get(user=person)
    assert secret.rstrip("=") in device.config_url
    response = client.post(
        reverse("accounts:two_factor_setup"), {"token": f"{totp(device.bin_key):06d}"}
    )
    assert response.url == PROFILE
    device.refresh_from_db()
    assert device.confirmed


def test_two_factor_setup_wrong_code_does_not_confirm(client, person):
    client.post(reverse("accounts:two_factor_setup"))
    response = client.post(reverse("accounts:two_factor_setup"), {"token": "000000"})
    assert response.status_code == 200
    assert response.context["form"].errors["token"]
    assert not TOTPDevice.objects.get(user=person).confirmed


def test_two_factor_disable_needs_a_current_code(client, person):
    device = TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    url = reverse("accounts:two_factor_disable")
    response = client.post(url, {"token": "000000"})
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=person).exists()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post(url, {"token": f"{totp(device.bin_key):06d}"})
    assert response.url == PROFILE
    assert not TOTPDevice.objects.filter(user=person).exists()


SET_LANGUAGE = reverse("accounts:set_language")


def test_set_language_saves_the_preference_of_a_signed_in_user(client, person):
    response = client.post(SET_LANGUAGE, {"language": "ar", "next": "/organisations/"})
    assert response.status_code == 302
    assert response.url == "/organisations/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    person.refresh_from_db()
    assert person.language == "ar"


def test_set_language_for_a_visitor_sets_only_the_cookie(client, db):
    response = client.post(SET_LANGUAGE, {"language": "en", "next": "/"})
    assert response.url == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_set_language_refuses_an_unsafe_next_url(client, person):
    response = client.post(
        SET_LANGUAGE, {"language": "en", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil" not in response.url


def test_set_language_ignores_an_unknown_language(client, person):
    response = client.post(SET_LANGUAGE, {"language": "de", "next": "/"})
    assert response.status_code == 302
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    person.refresh_from_db()
    assert person.language == "fr"


def test_set_language_requires_post(client, person):
    assert client.get(SET_LANGUAGE, {"language": "en"}).status_code == 405


def test_header_language_switch_points_at_the_saving_view(client, person):
    assert f'action="{SET_LANGUAGE}"' in client.get(PROFILE).content.decode()
