"""Taking a country off a shared activity needs that country's scope: the Senegal
officer cannot turn the Morocco–Senegal activity into a Senegal one, then delete
it as its only country's editor (pages, API and services alike)."""

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.programmes.services.activities import activity_update

from .factories_activities import make_world, scoped_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(countries):
    return make_world(countries)


def _countries(activity):
    return sorted(s.country.iso3 for s in activity.country_shares.all())


def test_one_country_officer_cannot_drop_the_other_country(world, english):
    officer = scoped_user(world, Role.MINISTRY_OFFICER, "SEN")
    activity = world.bilateral
    with pytest.raises(PermissionDenied, match="take it off"):
        activity_update(
            actor=officer,
            activity=activity,
            activity_type="national",
            countries=[(world.countries["SEN"], 100)],
        )
    activity.refresh_from_db()
    assert _countries(activity) == ["MAR", "SEN"]


def test_the_officer_may_still_change_the_shares_and_add_a_country(world):
    officer = scoped_user(world, Role.MINISTRY_OFFICER, "SEN")
    activity_update(
        actor=officer,
        activity=world.bilateral,
        countries=[(world.countries["MAR"], 40), (world.countries["SEN"], 60)],
    )
    shares = {s.country.iso3: s.share for s in world.bilateral.country_shares.all()}
    assert shares == {"MAR": 40, "SEN": 60}


def test_an_editor_of_both_countries_may_drop_one(world):
    both = scoped_user(world, Role.COUNTRY_COORDINATOR, "MAR", "SEN")
    activity_update(
        actor=both,
        activity=world.bilateral,
        activity_type="national",
        countries=[(world.countries["SEN"], 100)],
    )
    assert _countries(world.bilateral) == ["SEN"]


def test_the_api_refuses_it_too(world):
    api = APIClient()
    api.force_authenticate(scoped_user(world, Role.MINISTRY_OFFICER, "SEN"))
    response = api.patch(
        f"/api/v1/activities/{world.bilateral.pk}/",
        {
            "activity_type": "national",
            "countries": [{"country": "SEN", "share": "100"}],
        },
        format="json",
    )
    assert response.status_code == 403
    assert _countries(world.bilateral) == ["MAR", "SEN"]
