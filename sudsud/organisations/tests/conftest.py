import pytest

from sudsud.accounts.models import Role

from .factories import ContactFactory, OrganisationFactory

PASSWORD = "correct horse battery staple"


@pytest.fixture
def senegal_restricted(countries):
    """A record restricted to Senegal's team."""
    return OrganisationFactory(
        name="Maison des Sénégalais de Dakar",
        country=countries["SEN"],
        scope_country=countries["SEN"],
        is_restricted=True,
    )


@pytest.fixture
def mali_staff(make_user, countries):
    return make_user(Role.IMPLEMENTING_STAFF, countries=[countries["MLI"]])


@pytest.fixture
def senegal_staff(make_user, countries):
    return make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])


@pytest.fixture
def mali_officer(make_user, countries):
    return make_user(Role.MINISTRY_OFFICER, countries=[countries["MLI"]])


@pytest.fixture
def hidden_ministry(countries):
    """A ministry restricted to Senegal, with a contact, and an unrestricted Mali
    office that belongs to it: a Mali officer sees the office, never the ministry."""
    ministry = OrganisationFactory(
        name="Ministere Confidentiel du Senegal",
        kind="ministry",
        country=countries["SEN"],
        scope_country=countries["SEN"],
        is_restricted=True,
        iati_identifier="SN-SECRET-1",
    )
    ContactFactory(
        organisation=ministry,
        full_name="Aminata Confidentielle",
        email="aminata.confidentielle@gouv.sn",
    )
    return ministry


@pytest.fixture
def mali_child(countries, hidden_ministry):
    return OrganisationFactory(
        name="Antenne de Bamako",
        country=countries["MLI"],
        scope_country=countries["MLI"],
        parent=hidden_ministry,
    )
