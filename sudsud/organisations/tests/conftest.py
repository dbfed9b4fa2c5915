import pytest

from sudsud.accounts.models import Role

from .factories import OrganisationFactory

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
