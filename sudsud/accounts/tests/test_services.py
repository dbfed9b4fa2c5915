import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from rest_framework.authtoken.models import Token

from sudsud.accounts.models import Role, User
from sudsud.accounts.services import (
    UserFields,
    api_token_create,
    api_token_revoke,
    totp_device_confirm,
    totp_device_remove,
    totp_device_start,
    totp_device_verify,
    user_create,
    user_deactivate,
    user_password_changed,
    user_set_language,
    user_update,
)
from sudsud.core.models import AuditAction, AuditEntry

STRONG = "a long and unusual passphrase 42"


def code(device, drift=0):
    return f"{totp(device.bin_key, drift=drift):06d}"


def entries_for(user):
    return AuditEntry.objects.filter(object_id=str(user.pk), content_type__model="user")


def test_user_create_with_password_audits_without_secrets(admin_user, countries):
    person = user_create(
        actor=admin_user,
        fields=UserFields(
            username="fatou",
            email="f@example.org",
            first_name="Fatou",
            last_name="Sène",
            role=Role.COUNTRY_COORDINATOR,
        ),
        countries=[countries["SEN"]],
        password=STRONG,
    )
    assert person.check_password(STRONG)
    assert person.search_text == "fatou sene fatou f@example.org"
    entry = entries_for(person).get()
    assert entry.action == AuditAction.CREATE
    assert entry.changes["countries"] == [None, [countries["SEN"].pk]]
    assert "password" not in entry.changes
    assert STRONG not in json.dumps(entry.changes)
    assert person.password not in json.dumps(entry.changes)


def test_user_create_without_password_mails_a_set_password_link(
    admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        person = user_create(
            actor=admin_user,
            fields=UserFields(username="awa", email="awa@example.org"),
            site_url="https://sudsud.example/",
        )
    assert not person.has_usable_password()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["awa@example.org"]
    assert "https://sudsud.example/accounts/password/reset/" in mailoutbox[0].body


def test_user_create_refused_to_non_admin(make_user):
    officer = make_user(Role.COUNTRY_COORDINATOR)
    with pytest.raises(PermissionDenied):
        user_create(
            actor=officer, fields=UserFields(username="x", email="x@example.org")
        )
    assert not User.objects.filter(username="x").exists()


def test_user_create_rejects_weak_password_and_saves_nothing(admin_user):
    with pytest.raises(ValidationError) as error:
        user_create(
            actor=admin_user,
            fields=UserFields(username="x", email=""),
            password="12345",
        )
    assert "password" in error.value.message_dict
    assert not User.objects.filter(username="x").exists()


def test_user_create_rejects_places_that_are_not_countries(admin_user):
    from sudsud.places.tests.factories import PlaceFactory

    region = PlaceFactory(code=2, kind="aggregate")
    with pytest.raises(ValidationError):
        user_create(
            actor=admin_user,
            fields=UserFields(username="x", email="x@e.org"),
            countries=[region],
        )
    assert not User.objects.filter(username="x").exists()


def test_user_update_records_country_changes(admin_user, make_user, countries):
    person = make_user(Role.MINISTRY_OFFICER, countries=[countries["MAR"]])
    user_update(
        actor=admin_user,
        user=person,
        changes={"role": Role.COUNTRY_COORDINATOR},
        countries=[countries["MLI"]],
    )
    entry = entries_for(person).get()
    assert entry.changes["countries"] == [[countries["MAR"].pk], [countries["MLI"].pk]]
    assert entry.changes["role"] == [Role.MINISTRY_OFFICER, Role.COUNTRY_COORDINATOR]
    assert "password" not in entry.changes
    assert "last_login" not in entry.changes


def test_user_update_lets_people_change_their_own_names(make_user):
    person = make_user(Role.VIEWER)
    user_update(actor=person, user=person, changes={"first_name": "Mariam"})
    person.refresh_from_db()
    assert person.first_name == "Mariam"
    assert "mariam" in person.search_text


def test_user_update_refuses_own_role_change_to_non_admin(make_user):
    person = make_user(Role.VIEWER)
    with pytest.raises(PermissionDenied):
        user_update(actor=person, user=person, changes={"role": Role.PROGRAMME_ADMIN})
    person.refresh_from_db()
    assert person.role == Role.VIEWER


def test_user_update_refuses_changing_someone_else_to_non_admin(make_user):
    person, other = make_user(Role.COUNTRY_COORDINATOR), make_user(Role.VIEWER)
    with pytest.raises(PermissionDenied):
        user_update(actor=person, user=other, changes={"first_name": "X"})


def test_user_update_refuses_admin_demoting_themself(admin_user):
    with pytest.raises(PermissionDenied):
        user_update(actor=admin_user, user=admin_user, changes={"role": Role.VIEWER})


def test_user_update_without_changes_writes_no_audit_entry(admin_user, make_user):
    person = make_user(Role.VIEWER)
    user_update(actor=admin_user, user=person, changes={"role": Role.VIEWER})
    assert not entries_for(person).exists()


def test_user_deactivate_keeps_the_account_and_revokes_its_token(admin_user, make_user):
    person = make_user(Role.VIEWER)
    Token.objects.create(user=person)
    user_deactivate(actor=admin_user, user=person)
    person.refresh_from_db()
    assert person.is_active is False
    assert not Token.objects.filter(user=person).exists()
    entry = entries_for(person).get()
    assert entry.changes["is_active"] == [True, False]
    assert entry.note == "Account deactivated"


def test_user_deactivate_refuses_deactivating_oneself(admin_user):
    with pytest.raises(PermissionDenied):
        user_deactivate(actor=admin_user, user=admin_user)


def test_user_set_language_saves_and_audits(make_user):
    person = make_user(Role.VIEWER)
    user_set_language(actor=person, user=person, language="ar")
    person.refresh_from_db()
    assert person.language == "ar"
    assert entries_for(person).get().changes["language"] == ["fr", "ar"]


def test_user_set_language_rejects_unknown_language(make_user):
    person = make_user(Role.VIEWER)
    with pytest.raises(ValidationError):
        user_set_language(actor=person, user=person, language="de")


def test_api_token_create_replaces_the_previous_token(make_user):
    person = make_user(Role.VIEWER)
    first = api_token_create(actor=person, user=person)
    second = api_token_create(actor=person, user=person)
    assert list(Token.objects.filter(user=person)) == [second]
    assert first.key != second.key
    notes = list(entries_for(person).values_list("note", flat=True))
    assert sorted(notes) == ["API token created", "API token renewed"]
    assert all(
        second.key not in json.dumps(entry.changes) for entry in entries_for(person)
    )
    assert not AuditEntry.objects.filter(object_id=second.key).exists()


def test_api_token_revoke_refuses_other_people(make_user, admin_user):
    person = make_user(Role.VIEWER)
    api_token_create(actor=person, user=person)
    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=admin_user, user=person)
    assert api_token_revoke(actor=person, user=person) is True
    assert api_token_revoke(actor=person, user=person) is False


def test_totp_device_lifecycle_is_audited_without_the_key(make_user):
    person = make_user(Role.VIEWER)
    device = totp_device_start(actor=person, user=person)
    assert device.confirmed is False
    totp_device_confirm(actor=person, device=device, token=code(device))
    device.refresh_from_db()
    assert device.confirmed is True
    totp_device_remove(actor=person, user=person, token=code(device, drift=1))
    assert not TOTPDevice.objects.filter(user=person).exists()
    entries = AuditEntry.objects.filter(content_type__model="totpdevice")
    assert sorted(entries.values_list("action", "note")) == [
        ("create", "Two-factor authentication turned on"),
        ("delete", "Two-factor authentication turned off"),
    ]
    for entry in entries:
        assert "key" not in entry.changes
        assert device.key not in json.dumps(entry.changes)


def test_totp_device_confirm_wrong_code_is_throttled(make_user):
    person = make_user(Role.VIEWER)
    device = totp_device_start(actor=person, user=person)
    with pytest.raises(ValidationError):
        totp_device_confirm(actor=person, device=device, token="000000")
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_totp_device_remove_requires_a_valid_code(make_user):
    person = make_user(Role.VIEWER)
    device = totp_device_start(actor=person, user=person)
    totp_device_confirm(actor=person, device=device, token=code(device))
    with pytest.raises(ValidationError):
        totp_device_remove(actor=person, user=person, token="123456")
    assert TOTPDevice.objects.filter(user=person, confirmed=True).exists()


def test_totp_device_start_refuses_someone_else(make_user, admin_user):
    person = make_user(Role.VIEWER)
    with pytest.raises(PermissionDenied):
        totp_device_start(actor=admin_user, user=person)


def test_totp_device_verify_accepts_current_code_once(make_user):
    person = make_user(Role.VIEWER)
    device = totp_device_start(actor=person, user=person)
    totp_device_confirm(actor=person, device=device, token=code(device))
    assert totp_device_verify(user=person, token=code(device, drift=1)) == device
    assert totp_device_verify(user=person, token=code(device, drift=1)) is None


def test_user_create_refuses_neither_email_nor_password(admin_user, english):
    with pytest.raises(ValidationError) as caught:
        user_create(actor=admin_user, fields=UserFields(username="ghost"))
    assert caught.value.message_dict == {
        "email": ["Give an e-mail address or an initial password."]
    }
    assert not User.objects.filter(username="ghost").exists()


@pytest.mark.parametrize(
    ("via", "note"),
    [
        ("change", "Password changed"),
        ("reset", "Password reset through an e-mail link"),
    ],
)
def test_user_password_changed_records_a_note_without_secrets(make_user, via, note):
    person = make_user(Role.VIEWER)
    entry = user_password_changed(actor=person, user=person, via=via)
    assert entry == entries_for(person).get()
    assert (entry.note, entry.action, entry.changes) == (note, AuditAction.UPDATE, {})


def test_user_password_changed_refuses_other_people(make_user, admin_user):
    person = make_user(Role.VIEWER)
    with pytest.raises(PermissionDenied):
        user_password_changed(actor=admin_user, user=person, via="change")
    assert not entries_for(person).exists()


def test_user_password_changed_refuses_an_unknown_channel(make_user):
    person = make_user(Role.VIEWER)
    with pytest.raises(ValueError, match="via"):
        user_password_changed(actor=person, user=person, via="telepathy")


def test_audit_notes_are_stored_as_english_msgids(make_user):
    person = make_user(Role.VIEWER)
    api_token_create(actor=person, user=person)
    api_token_revoke(actor=person, user=person)
    notes = list(entries_for(person).order_by("pk").values_list("note", flat=True))
    assert notes == ["API token created", "API token revoked"]
