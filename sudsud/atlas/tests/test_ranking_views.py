import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from sudsud.accounts.models import Role

from .test_ranking_selectors import make_ranking_world

pytestmark = pytest.mark.django_db

URL = reverse("atlas:ranking", kwargs={"iso3": "SEN"})


@pytest.fixture
def world():
    return make_ranking_world()


@pytest.fixture
def viewer(client, make_user):
    client.force_login(make_user(Role.VIEWER))
    return client


def test_ranking_page_requires_sign_in(client, world):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_ranking_page_unknown_country_is_404(viewer, world):
    assert viewer.get(reverse("atlas:ranking", args=["XYZ"])).status_code == 404


def test_ranking_page_shows_ranking_method_and_explanation(viewer, world):
    response = viewer.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    found = response.context["found"]
    assert [row.place.iso3 for row in found.rows] == ["ITA", "FRA", "ESP"]
    assert "<caption>" in html
    assert "<details>" in html
    assert "min-max" in html
    assert "diaspora associations" in html
    assert reverse("atlas:corridor", args=["SEN", "ITA"]) in html


def test_ranking_page_weights_from_the_query_string(viewer, world):
    params = {"size": "100", "growth": "0", "women": "0", "min_size": "0"}
    found = viewer.get(URL, params).context["found"]
    assert [row.place.iso3 for row in found.rows] == ["FRA", "ITA", "ESP", "GAB"]


def test_ranking_page_bad_input_shows_errors_and_defaults(viewer, world):
    params = {"size": "0", "growth": "0", "women": "0", "national_weight": "0"}
    response = viewer.get(URL, params, HTTP_ACCEPT_LANGUAGE="en")
    assert "weight above 0" in response.content.decode()
    assert response.context["found"].weights["size"] == 40
    response = viewer.get(URL, {"size": "-5", "year_from": "2024", "year": "2015"})
    assert set(response.context["form"].errors) == {"size", "year_from"}


def test_ranking_csv_is_formula_safe(viewer, world):
    world.ita.name_fr = "=HYPERLINK(1)"
    world.ita.save()
    response = viewer.get(URL, {"format": "csv", "table": "ranking"})
    assert response["Content-Type"] == "text/csv"
    assert "atlas-sen-ranking-2024.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 4
    assert rows[1][:3] == ["1", "'=HYPERLINK(1)", "ITA"]
    assert float(rows[1][3]) == pytest.approx(75)


def test_ranking_downloads_as_xlsx(viewer, world):
    response = viewer.get(URL, {"format": "xlsx", "table": "ranking"})

    assert "atlas-sen-ranking-2024.xlsx" in response["Content-Disposition"]
    rows = list(
        load_workbook(io.BytesIO(response.content), read_only=True).active.iter_rows(
            values_only=True
        )
    )
    assert len(rows) == 4
    assert rows[1][2] == "ITA"


def test_origin_profile_links_to_ranking(viewer, world):
    html = viewer.get(reverse("atlas:origin_profile", args=["SEN"])).content.decode()
    assert URL in html
