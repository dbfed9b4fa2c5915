import pytest

from sudsud.accounts.models import Role
from sudsud.organisations import permissions

from .factories import OrganisationFactory

EDITORS = {
    Role.PROGRAMME_ADMIN,
    Role.COUNTRY_COORDINATOR,
    Role.IMPLEMENTING_STAFF,
    Role.MINISTRY_OFFICER,
}
EXPORTERS = EDITORS | {Role.DATA_ANALYST}
ALL_ROLES = [choice for choice, _ in Role.choices]


@pytest.fixture
def records(countries):
    return {
        "senegal_restricted": OrganisationFactory(
            country=countries["SEN"], scope_country=countries["SEN"], is_restricted=True
        ),
        "senegal_open": OrganisationFactory(
            country=countries["SEN"], scope_country=countries["SEN"]
        ),
        "mali": OrganisationFactory(
            country=countries["MLI"], scope_country=countries["MLI"], is_restricted=True
        ),
        "programme_wide": OrganisationFactory(country=countries["FRA"]),
    }


@pytest.mark.parametrize("role", ALL_ROLES)
def test_can_view_organisation_mali_user_never_sees_senegal_restricted(
    role, make_user, countries, records
):
    user = make_user(role, countries=[countries["MLI"]])
    admin = role == Role.PROGRAMME_ADMIN
    assert (
        permissions.can_view_organisation(user, records["senegal_restricted"]) is admin
    )
    assert permissions.can_view_organisation(user, records["senegal_open"])
    assert permissions.can_view_organisation(user, records["mali"])
    assert permissions.can_view_organisation(user, records["programme_wide"])


@pytest.mark.parametrize("role", ALL_ROLES)
def test_can_edit_organisation_follows_role_and_scope(
    role, make_user, countries, records
):
    user = make_user(role, countries=[countries["MLI"]])
    admin = role == Role.PROGRAMME_ADMIN
    assert permissions.can_edit_organisation(user, records["mali"]) is (role in EDITORS)
    assert permissions.can_edit_organisation(user, records["senegal_open"]) is admin
    assert (
        permissions.can_edit_organisation(user, records["senegal_restricted"]) is admin
    )
    assert permissions.can_edit_organisation(user, records["programme_wide"]) is admin
    assert permissions.can_create_organisation(user) is (role in EDITORS)
    assert permissions.can_import_organisations(user) is (role in EDITORS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_can_export_organisations_follows_role(role, make_user, countries):
    user = make_user(role, countries=[countries["MLI"]])
    assert permissions.can_export_organisations(user) is (role in EXPORTERS)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_can_view_contacts_needs_scope_or_programme_wide_record(
    role, make_user, countries, records
):
    user = make_user(role, countries=[countries["MLI"]])
    admin = role == Role.PROGRAMME_ADMIN
    assert permissions.can_view_contacts(user, records["mali"])
    assert permissions.can_view_contacts(user, records["programme_wide"])
    # Visible (not restricted) but another country's: the personal data stays hidden.
    assert permissions.can_view_contacts(user, records["senegal_open"]) is admin
    assert permissions.can_view_contacts(user, records["senegal_restricted"]) is admin
    assert permissions.can_edit_contacts(user, records["mali"]) is (role in EDITORS)


def test_permissions_anonymous_user_may_do_nothing(records):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert not permissions.can_view_organisation(anonymous, records["programme_wide"])
    assert not permissions.can_view_contacts(anonymous, records["programme_wide"])
    assert not permissions.can_create_organisation(anonymous)
    assert not permissions.can_export_organisations(anonymous)


def test_can_view_parent_hides_a_parent_restricted_to_another_country(
    make_user, countries, hidden_ministry, mali_child
):
    mali = make_user(Role.VIEWER, countries=[countries["MLI"]])
    senegal = make_user(Role.VIEWER, countries=[countries["SEN"]])
    assert permissions.can_view_organisation(mali, mali_child)
    assert not permissions.can_view_parent(mali, mali_child)
    assert permissions.can_view_parent(senegal, mali_child)
    assert not permissions.can_view_parent(senegal, hidden_ministry)  # no parent


@pytest.mark.parametrize("role", ALL_ROLES)
def test_can_view_history_only_editors_and_programme_admins(role, make_user, records):
    user = make_user(role, countries=[records["mali"].scope_country])
    expected = role in EDITORS
    assert permissions.can_view_history(user, records["mali"]) is expected
    # Visible, but of another country: only programme administrators see its history.
    expected_other = role == Role.PROGRAMME_ADMIN
    assert permissions.can_view_history(user, records["senegal_open"]) is expected_other
