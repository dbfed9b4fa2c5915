import pytest

from sudsud.accounts.models import Role

from .test_ranking_selectors import make_ranking_world

pytestmark = pytest.mark.django_db

URL = "/api/v1/atlas/origins/SEN/ranking/"


@pytest.fixture
def world():
    return make_ranking_world()


@pytest.fixture
def api(client, make_user):
    client.force_login(make_user(Role.VIEWER))
    return client


def test_ranking_api_requires_authentication(client, world):
    assert client.get(URL).status_code in (401, 403)


def test_ranking_api_returns_ranking_with_contributions(api, world):
    data = api.get(URL).json()
    assert [d["destination"]["iso3"] for d in data["destinations"]] == [
        "ITA",
        "FRA",
        "ESP",
    ]
    italy = data["destinations"][0]
    assert italy["score"] == pytest.approx(75)
    assert italy["criteria"]["size"]["normalised"] == pytest.approx(37.5)
    assert data["edition"]["id"] == world.rev2024.pk
    assert data["national"]["id"] == world.register.pk
    assert data["excluded"] == 1


def test_ranking_api_params_change_order(api, world):
    params = {"size": 0, "growth": 0, "women": 0, "national_weight": 10}
    data = api.get(URL, params).json()
    assert data["destinations"][0]["destination"]["iso3"] == "ESP"
    data = api.get(URL, {"year_from": 2000}).json()
    assert data["left_out"] == ["growth"]


@pytest.mark.parametrize(
    "params",
    [
        {"size": "x"},
        {"size": 101},
        {"min_size": -1},
        {"edition": 999999},
        {"year_from": 2024, "year": 2015},
        {"size": 0, "growth": 0, "women": 0},
    ],
)
def test_ranking_api_bad_params_are_400(api, world, params):
    assert api.get(URL, params).status_code == 400


def test_ranking_api_unknown_or_empty_origin_is_404(api, world):
    assert api.get("/api/v1/atlas/origins/XYZ/ranking/").status_code == 404
    assert api.get("/api/v1/atlas/origins/GAB/ranking/").status_code == 404
