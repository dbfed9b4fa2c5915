import gzip
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from sudsud.accounts.models import Role
from sudsud.atlas.boundaries import boundaries_path

from .factories import StockValueFactory
from .profile_data import make_world

pytestmark = [
    pytest.mark.django_db,
]


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def viewer(client, make_user):
    user = make_user(Role.VIEWER)
    client.force_login(user)
    return client


def _url(iso3="SEN", **query):
    url = reverse("atlas:origin_profile", kwargs={"iso3": iso3})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_home_requires_sign_in(client):
    response = client.get(reverse("atlas:home"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_home_empty_state_points_to_the_import(viewer, countries):
    response = viewer.get(reverse("atlas:home"), HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("atlas:import_undesa") in html
    for iso3 in ("SEN", "MLI", "CIV", "MAR"):
        assert reverse("atlas:origin_profile", kwargs={"iso3": iso3}) in html


def test_home_lists_origins_with_data_and_searches(viewer, world):
    StockValueFactory(
        edition=world.rev2024, origin=world.places.gab, destination=world.places.fra
    )
    html = viewer.get(reverse("atlas:home")).content.decode()
    assert _url("GAB") in html
    assert (
        _url("GAB")
        not in viewer.get(reverse("atlas:home") + "?q=qatar").content.decode()
    )


def test_origin_profile_page_in_french_has_map_tables_and_badges(viewer, world):
    response = viewer.get(_url(grouping="ecowas"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'lang="fr"' in html
    assert 'dir="ltr"' in html
    assert "France" in html
    assert "C B R" not in html
    assert '<span class="badge badge-warn" title=' in html
    assert "CEDEAO" in html
    assert response.context["profile"].total == 250


def test_origin_profile_table_rows_show_figures_badges_and_escape_names(viewer, world):
    world.places.qat.name_fr = "<b>Qatar</b>"
    world.places.qat.save()

    html = viewer.get(_url()).content.decode()

    # France: 100 of 250 (40,0 %), data type B (not a warning).
    assert (
        '<tr><th scope="row">France</th><td class="num">100</td>'
        '<td class="num">40,0</td><td><span class="badge" title='
    ) in html
    assert "&lt;b&gt;Qatar&lt;/b&gt;" in html
    assert "<b>Qatar</b>" not in html


def test_origin_profile_page_in_arabic_is_rtl_but_the_map_is_not(viewer, world):
    viewer.cookies["django_language"] = "ar"
    html = viewer.get(_url(), HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'dir="rtl"' in html
    assert "فرنسا" in html
    if boundaries_path().is_file():
        assert 'direction="ltr"' in html


def test_origin_profile_map_is_well_formed_svg(viewer, world):
    if not boundaries_path().is_file():
        pytest.skip("assets/vendor/world-50m.json is absent: run `make assets`")
    response = viewer.get(_url())
    root = ET.fromstring(  # noqa: S314 - our own SVG
        str(response.context["map_svg"])
    )
    labels = [e.get("aria-label") for e in root.iter() if e.get("tabindex") == "0"]
    assert any(label.startswith("France") for label in labels)


def test_origin_profile_page_stays_under_200_kb_gzipped(viewer, world):
    if not boundaries_path().is_file():
        pytest.skip("assets/vendor/world-50m.json is absent: run `make assets`")
    content = viewer.get(_url()).content
    assert b"<svg" in content
    assert len(gzip.compress(content)) < 200_000


def test_origin_profile_reports_reversed_years(viewer, world):
    response = viewer.get(_url(**{"from": 2024, "to": 2020}), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors["to"]
    assert response.context["profile"].year == 2024  # falls back to the default


def test_origin_profile_other_edition(viewer, world):
    response = viewer.get(_url(edition=world.rev2020.pk))
    assert response.context["profile"].total == 1_500


def test_origin_profile_unknown_country_is_404(viewer, world):
    assert viewer.get(_url("XYZ")).status_code == 404


def test_origin_profile_without_data_shows_the_empty_state(viewer, world):
    response = viewer.get(_url("GAB"))
    assert response.status_code == 200
    assert response.context["profile"] is None


def test_origin_profile_csv_is_formula_safe(viewer, world):
    world.places.fra.name_fr = "=HYPERLINK(1)"
    world.places.fra.save()
    response = viewer.get(_url(format="csv", table="destinations"))
    assert response["Content-Type"] == "text/csv"
    assert "atlas-sen-2024-destinations.csv" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text


@pytest.mark.parametrize("table", ["series", "split"])
def test_origin_profile_csv_tables(viewer, world, table):
    response = viewer.get(_url(format="csv", table=table))
    assert response.status_code == 200
    assert len(response.content.decode("utf-8-sig").splitlines()) >= 3


def test_origin_profile_csv_unknown_table_is_404(viewer, world):
    assert viewer.get(_url(format="csv", table="nope")).status_code == 404


def test_links_to_other_views_keep_the_edition_and_year_shown(viewer, world):
    html = viewer.get(_url(edition=world.rev2020.pk)).content.decode()
    keep = f"?edition={world.rev2020.pk}&amp;year=2020"
    for name, args in (
        ("atlas:ranking", ["SEN"]),
        ("atlas:compare", []),
        ("atlas:destination", ["FRA"]),
    ):
        assert reverse(name, args=args) + keep in html, name
    ranking = viewer.get(
        reverse("atlas:ranking", args=["SEN"]) + keep.replace("&amp;", "&")
    )
    assert ranking.context["found"].edition == world.rev2020


def test_an_edition_with_only_the_total_says_why_there_is_no_map(
    viewer, world, make_user
):
    # Rev.2024 by origin only: the World total, no destination.
    for sex in ("both", "male", "female"):
        StockValueFactory(
            edition=world.rev2024, origin=world.places.gab,
            destination=world.places.world, year=2024, sex=sex, value=900,
        )  # fmt: skip
    html = viewer.get(_url("GAB"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'id="no-destinations"' in html
    assert "workbook by destination and origin" in html
    assert "Import a UN DESA workbook" not in html  # a viewer cannot import
    # Not a misleading 0 / 0 / 100 % split.
    assert "No figures by destination in this edition" in html
    viewer.force_login(make_user(Role.DATA_ANALYST))
    html = viewer.get(_url("GAB"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert reverse("atlas:import_undesa") in html
    assert 'id="no-destinations"' not in viewer.get(_url("SEN")).content.decode()
