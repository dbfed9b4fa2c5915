import pytest

from sudsud.accounts.models import Role

from .profile_data import make_world

pytestmark = [
    pytest.mark.django_db,
]

URL = "/api/v1/atlas/origins/{}/profile/"


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def api(client, make_user):
    client.force_login(make_user(Role.VIEWER))
    return client


def test_profile_api_requires_authentication(client, world):
    assert client.get(URL.format("SEN")).status_code in (401, 403)


def test_profile_api_returns_the_profile(api, world):
    response = api.get(URL.format("sen"), {"grouping": "ecowas", "from": 2020})
    data = response.json()
    assert response.status_code == 200
    assert data["edition"]["id"] == world.rev2024.pk
    assert data["total"] == 250
    assert data["split"] == {"oecd": 150, "africa": 50, "rest": 10, "unknown": 40}
    assert data["grouping_total"] == 30
    assert data["destinations"][0]["destination"]["iso3"] == "FRA"
    assert data["destinations"][0]["other_share"] == pytest.approx(5.0)
    assert data["growth"]["absolute"] == 50
    assert [p["year"] for p in data["series"]] == [2020, 2024]


def test_profile_api_takes_an_edition(api, world):
    data = api.get(URL.format("SEN"), {"edition": world.rev2020.pk}).json()
    assert data["total"] == 1_500


def test_profile_api_refuses_bad_parameters(api, world):
    assert api.get(URL.format("SEN"), {"edition": 9999}).status_code == 400
    assert api.get(URL.format("SEN"), {"to": "abc"}).status_code == 400


def test_profile_api_unknown_origin_or_no_data_is_404(api, world):
    assert api.get(URL.format("XYZ")).status_code == 404
    assert api.get(URL.format("GAB")).status_code == 404
