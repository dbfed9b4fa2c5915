"""``/api/v1/atlas/origins/<ISO3>/map.svg`` and ``map.png`` (``api_maps``)."""

import io

import pytest
from lxml import etree
from PIL import Image

from sudsud.accounts.models import Role

from .profile_data import make_world

pytestmark = [pytest.mark.django_db]

URL = "/api/v1/atlas/origins/{}/map.{}"


@pytest.fixture
def world(small_map):
    return make_world()


@pytest.fixture
def api(client, make_user):
    client.force_login(make_user(Role.VIEWER))
    return client


def test_map_api_requires_authentication(client, world):
    assert client.get(URL.format("SEN", "svg")).status_code in (401, 403)


def test_map_api_returns_an_svg_file(api, world):
    response = api.get(URL.format("sen", "svg"), {"edition": world.rev2024.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert 'filename="diaspora-sen-2024.svg"' in response["Content-Disposition"]
    root = etree.fromstring(response.content)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"


def test_map_api_returns_a_png_file_even_when_the_client_asks_for_it(api, world):
    response = api.get(URL.format("SEN", "png"), HTTP_ACCEPT="image/png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert 'filename="diaspora-sen-2024.png"' in response["Content-Disposition"]
    assert Image.open(io.BytesIO(response.content)).size[0] == 1600


def test_map_api_refuses_bad_parameters_with_json_in_french(api, world):
    response = api.get(
        URL.format("SEN", "png"), {"edition": 9999}, HTTP_ACCEPT="image/png"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "non valide" in response.json()["edition"][0]
    response = api.get(URL.format("SEN", "svg"), {"to": 2023})
    assert response.status_code == 400
    assert "2020, 2024" in response.json()["to"][0]
    assert api.get(URL.format("SEN", "svg"), {"to": "abc"}).status_code == 400


def test_map_api_refuses_reversed_years_as_the_page_does(api, world):
    # The page's download refuses them (its form); the API drew 2020 instead.
    response = api.get(URL.format("SEN", "svg"), {"from": 2024, "to": 2020})
    assert response.status_code == 400
    assert response.json()["to"] == [
        "La seconde année doit être postérieure à la première."
    ]


def test_map_api_unknown_origin_or_no_data_is_404_in_json(api, world):
    response = api.get(URL.format("XYZ", "svg"))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert api.get(URL.format("GAB", "png")).status_code == 404


def test_map_api_refuses_a_type_it_does_not_serve(api, world):
    response = api.get(URL.format("SEN", "svg"), HTTP_ACCEPT="application/json")
    assert response.status_code == 406
    assert response["Content-Type"] == "application/json"


def test_map_api_is_in_the_schema_with_its_image_types(admin_client):
    response = admin_client.get("/api/v1/schema/", {"format": "json"})
    paths = response.json()["paths"]
    svg = paths["/api/v1/atlas/origins/{iso3}/map.svg"]["get"]["responses"]
    png = paths["/api/v1/atlas/origins/{iso3}/map.png"]["get"]["responses"]
    assert "image/svg+xml" in svg["200"]["content"]
    assert "image/png" in png["200"]["content"]


def test_map_api_answers_304_for_a_file_the_client_has(api, world):
    url = URL.format("SEN", "png")
    first = api.get(url)
    assert first.status_code == 200
    again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
