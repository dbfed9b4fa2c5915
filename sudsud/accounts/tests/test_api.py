import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from sudsud.accounts.models import Role, User
from sudsud.accounts.tests.factories import PASSWORD, UserFactory
from sudsud.core.models import AuditEntry

ME = "/api/v1/me/"
TOKEN = "/api/v1/auth/token/"
USERS = "/api/v1/users/"


@pytest.fixture
def api():
    return APIClient()


def test_me_requires_authentication(api, db):
    assert api.get(ME).status_code in (401, 403)


def test_me_get_and_patch_through_a_token(api, make_user, countries):
    person = make_user(Role.MINISTRY_OFFICER, countries=[countries["SEN"]])
    token = Token.objects.create(user=person)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    data = api.get(ME).json()
    assert data["username"] == person.username
    assert data["countries"] == [countries["SEN"].pk]
    assert data["two_factor"] is False
    response = api.patch(
        ME, {"first_name": "Ndeye", "language": "ar", "role": "programme_admin"}
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert (person.first_name, person.language) == ("Ndeye", "ar")
    assert person.role == Role.MINISTRY_OFFICER  # read-only, ignored


def test_me_patch_rejects_an_unknown_language(api, make_user):
    person = make_user(Role.VIEWER)
    api.force_authenticate(person)
    assert api.patch(ME, {"language": "de"}).status_code == 400


def test_token_obtain_with_username_and_password(api, make_user):
    person = make_user(Role.VIEWER)
    response = api.post(TOKEN, {"username": person.username, "password": PASSWORD})
    assert response.status_code == 201
    assert response.json()["token"] == Token.objects.get(user=person).key


def test_token_obtain_wrong_password_is_refused(api, make_user):
    person = make_user(Role.VIEWER)
    response = api.post(TOKEN, {"username": person.username, "password": "nope"})
    assert response.status_code == 400
    assert not Token.objects.filter(user=person).exists()


def test_token_obtain_is_locked_out_after_five_failures(api, make_user):
    person = make_user(Role.VIEWER)
    for _attempt in range(5):
        api.post(TOKEN, {"username": person.username, "password": "nope"})
    response = api.post(TOKEN, {"username": person.username, "password": PASSWORD})
    assert response.status_code == 429
    assert not Token.objects.filter(user=person).exists()


def test_token_obtain_needs_the_code_when_two_factor_is_on(api, make_user):
    person = make_user(Role.VIEWER)
    device = TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    credentials = {"username": person.username, "password": PASSWORD}
    assert api.post(TOKEN, credentials).status_code == 400
    code = f"{totp(device.bin_key):06d}"
    assert api.post(TOKEN, {**credentials, "otp_token": code}).status_code == 201


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.PROGRAMME_ADMIN])
def test_users_api_is_forbidden_to_other_roles(api, make_user, role):
    api.force_authenticate(make_user(role, programme_wide=True))
    assert api.get(USERS).status_code == 403
    assert (
        api.post(USERS, {"username": "x", "email": "x@example.org"}).status_code == 403
    )


def test_users_api_lists_and_filters(api, admin_user, make_user, countries):
    make_user(
        Role.MINISTRY_OFFICER,
        countries=[countries["MAR"]],
        username="mar",
        last_name="Benjelloun",
    )
    make_user(Role.VIEWER, username="gone", is_active=False)
    api.force_authenticate(admin_user)
    data = api.get(USERS, {"country": countries["MAR"].pk}).json()
    assert [row["username"] for row in data["results"]] == ["mar"]
    data = api.get(USERS, {"is_active": "false"}).json()
    assert [row["username"] for row in data["results"]] == ["gone"]
    data = api.get(USERS, {"q": "benjel"}).json()
    assert [row["username"] for row in data["results"]] == ["mar"]
    assert "password" not in data["results"][0]


def test_users_api_creates_and_updates_through_services(api, admin_user, countries):
    api.force_authenticate(admin_user)
    response = api.post(
        USERS,
        {
            "username": "coord",
            "email": "c@example.org",
            "role": Role.COUNTRY_COORDINATOR,
            "countries": [countries["CIV"].pk],
            "password": "a long and unusual passphrase 42",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    person = User.objects.get(username="coord")
    assert person.check_password("a long and unusual passphrase 42")
    response = api.patch(
        f"{USERS}{person.pk}/",
        {"countries": [countries["MLI"].pk], "is_active": False},
        format="json",
    )
    assert response.status_code == 200
    person.refresh_from_db()
    assert list(person.countries.all()) == [countries["MLI"]]
    assert not person.is_active
    assert AuditEntry.objects.filter(object_id=str(person.pk)).count() == 2


def test_users_api_rejects_weak_password(api, admin_user):
    api.force_authenticate(admin_user)
    response = api.post(
        USERS,
        {"username": "weak", "email": "w@example.org", "password": "123"},
        format="json",
    )
    assert response.status_code == 400
    assert "password" in response.json()
    assert not User.objects.filter(username="weak").exists()


def test_users_api_has_no_delete(api, admin_user):
    person = UserFactory()
    api.force_authenticate(admin_user)
    assert api.delete(f"{USERS}{person.pk}/").status_code == 405


def test_users_api_creates_an_account_without_email_when_a_password_is_given(
    api, admin_user
):
    api.force_authenticate(admin_user)
    response = api.post(
        USERS,
        {"username": "noemail", "password": "a long and unusual passphrase 42"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert User.objects.get(username="noemail").email == ""


def test_users_api_refuses_an_account_with_neither_email_nor_password(api, admin_user):
    api.force_authenticate(admin_user)
    response = api.post(
        USERS, {"username": "nothing"}, format="json", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 400
    assert response.json()["email"] == [
        "Give an e-mail address or an initial password."
    ]
    assert not User.objects.filter(username="nothing").exists()


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("country", "99999999999999999999"),
        ("country", "9223372036854775808"),
        ("country", "-1"),
        ("country", "0"),
        ("country", "abc"),
        ("country", "1.5"),
        ("is_active", "maybe"),
        ("is_active", "9" * 40),
        ("role", "emperor"),
        ("role", "x" * 5000),
        ("q", "x" * 201),
        ("q", "a\x00b"),
        ("role", "viewer\x00"),
    ],
)
def test_users_api_answers_400_to_bad_filters(api, admin_user, name, value):
    api.force_authenticate(admin_user)
    response = api.get(USERS, {name: value}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert list(response.json()) == [name]
    assert response.json()[name][0]


def test_users_api_accepts_the_largest_country_id(api, admin_user):
    api.force_authenticate(admin_user)
    response = api.get(USERS, {"country": str(2**63 - 1)})
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_users_api_filters_by_role_and_active_status(api, admin_user, make_user):
    make_user(Role.DATA_ANALYST, username="analyst")
    make_user(Role.DATA_ANALYST, username="former", is_active=False)
    api.force_authenticate(admin_user)
    data = api.get(USERS, {"role": Role.DATA_ANALYST, "is_active": "true"}).json()
    assert [row["username"] for row in data["results"]] == ["analyst"]
    data = api.get(USERS, {"role": "", "q": ""}).json()
    assert data["count"] == 3


def test_token_obtain_is_refused_when_two_factor_is_required_but_off(
    api, make_user, settings
):
    settings.SUDSUD_REQUIRE_2FA_ROLES = [Role.PROGRAMME_ADMIN]
    person = make_user(Role.PROGRAMME_ADMIN)
    response = api.post(
        TOKEN,
        {"username": person.username, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 403
    assert "two-factor" in response.json()["detail"]
    assert not Token.objects.filter(user=person).exists()
