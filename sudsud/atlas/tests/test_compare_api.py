import pytest

from sudsud.accounts.models import Role

from .profile_data import make_world

pytestmark = pytest.mark.django_db

BASE = "/api/v1/atlas/"


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def api(client, make_user):
    client.force_login(make_user(Role.VIEWER))
    return client


@pytest.mark.parametrize(
    "path",
    ["destinations/FRA/", "corridors/SEN/FRA/", "compare/", "origins/SEN/editions/"],
)
def test_compare_api_requires_authentication(client, world, path):
    assert client.get(BASE + path).status_code in (401, 403)


def test_destination_api(api, world):
    data = api.get(BASE + "destinations/fra/").json()
    assert data["total"] == 10_000
    assert data["other_share"] == pytest.approx(5.0)
    assert data["origins"][0]["place"]["iso3"] == "SEN"
    assert data["edition"]["id"] == world.rev2024.pk


def test_destination_api_bad_input_is_400_and_no_data_404(api, world):
    assert api.get(BASE + "destinations/FRA/", {"year": "x"}).status_code == 400
    assert api.get(BASE + "destinations/SEN/").status_code == 404


def test_corridor_api_keeps_editions_apart(api, world):
    data = api.get(BASE + "corridors/SEN/FRA/").json()
    assert [e["edition"]["id"] for e in data["editions"]] == [
        world.rev2024.pk,
        world.rev2020.pk,
    ]
    assert [p["both"] for p in data["editions"][1]["series"]] == [999]


def test_compare_api(api, world):
    data = api.get(BASE + "compare/", {"origins": "SEN,CIV"}).json()
    sen = data["origins"][0]
    assert sen["total"] == 250
    assert sen["split"]["oecd"] == 150
    assert sen["growth"]["absolute"] == 50
    assert [r["place"]["iso3"] for r in sen["top"]] == ["FRA", "ITA", "CIV"]
    bad = api.get(BASE + "compare/", {"origins": "XYZ"})
    assert bad.status_code == 400
    assert "origins" in bad.json()


def test_editions_api(api, world):
    data = api.get(BASE + "origins/SEN/editions/", {"year": 2020}).json()
    assert data["a"]["id"] == world.rev2020.pk
    assert data["total"]["difference"] == -1_300
    assert data["destinations"][0]["destination"]["iso3"] == "FRA"
    assert api.get(BASE + "origins/GAB/editions/").status_code == 404
