import io
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sudsud.accounts.models import Role

from .profile_data import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def viewer(client, make_user):
    client.force_login(make_user(Role.VIEWER))
    return client


URLS = [
    reverse("atlas:destination", kwargs={"iso3": "FRA"}),
    reverse("atlas:corridor", kwargs={"origin": "SEN", "destination": "FRA"}),
    reverse("atlas:compare"),
    reverse("atlas:editions", kwargs={"iso3": "SEN"}),
]


@pytest.mark.parametrize("url", URLS)
def test_compare_pages_require_sign_in(client, world, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("atlas:destination", {"iso3": "XYZ"}),
        ("atlas:corridor", {"origin": "SEN", "destination": "XYZ"}),
        ("atlas:editions", {"iso3": "XYZ"}),
    ],
)
def test_compare_pages_unknown_country_is_404(viewer, world, name, kwargs):
    assert viewer.get(reverse(name, kwargs=kwargs)).status_code == 404


def test_destination_page_shows_origins_other_share_and_csv(viewer, world):
    url = URLS[0]
    response = viewer.get(url, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["found"].total == 10_000
    assert "<caption>" in html
    assert reverse("atlas:corridor", args=["SEN", "FRA"]) in html
    assert "5.0 %" in html
    csv = viewer.get(url, {"format": "csv", "table": "origins"})
    assert csv["Content-Type"] == "text/csv"
    assert "atlas-fra-2024-origins.csv" in csv["Content-Disposition"]
    assert "Sénégal" in csv.content.decode("utf-8-sig")
    assert viewer.get(url, {"format": "csv", "table": "nope"}).status_code == 404


def test_destination_tables_download_as_xlsx_too(viewer, world):
    page = viewer.get(URLS[0]).content.decode()
    assert "format=xlsx&amp;table=origins" in page

    response = viewer.get(URLS[0], {"format": "xlsx", "table": "origins"})

    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "atlas-fra-2024-origins.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    assert "Sénégal" in [row[0] for row in sheet.iter_rows(values_only=True)]


def test_destination_page_bad_year_is_reported_and_falls_back(viewer, world):
    response = viewer.get(URLS[0], {"year": "abc"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors["year"]
    assert response.context["found"].year == 2024


def test_destination_page_empty_state(viewer, world):
    response = viewer.get(reverse("atlas:destination", args=["SEN"]))
    assert response.status_code == 200
    assert response.context["found"] is None
    assert 'class="empty"' in response.content.decode()


def test_corridor_page_draws_one_line_per_edition(viewer, world):
    response = viewer.get(URLS[1])
    chart = ET.fromstring(str(response.context["chart"]))  # noqa: S314 - our SVG
    lines = [e for e in chart.iter() if e.tag.endswith("polyline")]
    assert len(lines) == 2
    html = response.content.decode()
    assert "Rev.2020" in html
    assert "Rev.2024" in html
    csv = viewer.get(URLS[1], {"format": "csv", "table": "years"})
    rows = csv.content.decode("utf-8-sig").splitlines()
    assert rows[1:] == ["2020,50,999", "2024,100,"]


def test_corridor_page_empty_state(viewer, world):
    response = viewer.get(reverse("atlas:corridor", args=["SEN", "SEN"]))
    assert response.status_code == 200
    assert response.context["found"] is None
    assert (
        viewer.get(
            reverse("atlas:corridor", args=["SEN", "SEN"]), {"format": "csv"}
        ).status_code
        == 200
    )  # no table to download: the page itself


def test_compare_page_defaults_to_programme_countries(viewer, world):
    response = viewer.get(URLS[2], HTTP_ACCEPT_LANGUAGE="ar")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'dir="rtl"' in html
    found = response.context["found"]
    assert [s.origin.iso3 for s in found.summaries] == ["SEN", "CIV"]
    assert reverse("atlas:corridor", args=["SEN", "FRA"]) in html


def test_compare_page_unknown_code_is_reported(viewer, world):
    response = viewer.get(URLS[2], {"origins": "SEN,XYZ"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "XYZ" in str(response.context["form"].errors["origins"])
    assert response.context["found"] is not None  # falls back to the programme


def test_compare_page_csv(viewer, world):
    response = viewer.get(
        URLS[2], {"origins": "sen", "format": "csv", "table": "origins"}
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    assert len(lines) == 2
    assert "250" in lines[1]
    assert "France (100)" in lines[1]


def test_editions_page_shows_the_difference(viewer, world):
    response = viewer.get(URLS[3], {"year": 2020}, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["found"].difference == -1_300
    assert "-86.7" in html
    csv = viewer.get(URLS[3], {"format": "csv", "table": "destinations"})
    assert "atlas-sen-editions-2020-destinations.csv" in csv["Content-Disposition"]


def test_editions_page_same_edition_twice_is_reported(viewer, world):
    pk = world.rev2024.pk
    response = viewer.get(URLS[3], {"a": pk, "b": pk}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.context["form"].errors["b"]


def test_editions_page_empty_state(viewer, world):
    response = viewer.get(reverse("atlas:editions", args=["GAB"]))
    assert response.status_code == 200
    assert response.context["found"] is None


def test_profile_page_links_to_the_comparison_views(viewer, world):
    html = viewer.get(reverse("atlas:origin_profile", args=["SEN"])).content.decode()
    for url in URLS:
        assert url in html


def test_atlas_search_finds_the_programme_countries_too(viewer, world):
    page = viewer.get(reverse("atlas:home"), {"q": "Sénégal"})
    assert [place.iso3 for place in page.context["page_obj"]] == ["SEN"]


def test_destination_page_says_who_is_counted_and_flags_in_words(viewer, world):
    html = viewer.get(URLS[0], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "International migrants living here" in html
    assert "not_available" not in html
