"""The origin profile of one sex (``sex=both|male|female``): selector, page, table
downloads, API, map files and brief. Figures are those of ``profile_data``."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from sudsud.accounts.models import Role
from sudsud.atlas.selectors import profile as selectors

from .profile_data import make_world

pytestmark = [pytest.mark.django_db]

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def viewer(client, make_user, settings):
    settings.SUDSUD_BRIEF_COMPRESS = False
    client.force_login(make_user(Role.VIEWER))
    return client


def _profile(world, **choices):
    return selectors.origin_profile_resolve(origin=world.places.sen, **choices)


def _url(name, iso3="SEN", **query):
    url = reverse(f"atlas:{name}", kwargs={"iso3": iso3})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


# Selector


def test_profile_of_women_has_their_total_destinations_and_shares(world):
    profile = _profile(world, sex="female")
    assert profile.sex == "female"
    assert profile.total == 120
    assert profile.total_is_world
    rows = [(row.place.iso3, row.value) for row in profile.destinations]
    assert rows == [
        ("FRA", 40),
        ("CIV", 25),
        ("ITA", 20),
        ("GAB", 12),
        ("QAT", 2),
    ]
    assert profile.destinations[0].share == pytest.approx(100 * 40 / 120)
    # France's women immigrants: 400 of unknown origin out of 5 000.
    assert profile.destinations[0].other_share == pytest.approx(8.0)


def test_profile_of_women_splits_and_grows_on_their_figures(world):
    profile = _profile(world, sex="female", year_from=2020, grouping=None)
    assert profile.split == {"oecd": 60, "africa": 37, "rest": 2, "unknown": 21}
    assert profile.share(profile.split["unknown"]) == pytest.approx(17.5)
    growth = profile.growth
    assert (growth.value_from, growth.value_to, growth.absolute) == (100, 120, 20)
    assert growth.annual_rate == pytest.approx(100 * (1.2**0.25 - 1))


def test_profile_of_men_and_grouping_total(world):
    profile = _profile(world, sex="male", grouping=world.groupings.ecowas)
    assert profile.total == 130
    assert profile.split == {"oecd": 90, "africa": 13, "rest": 8, "unknown": 19}
    assert profile.grouping_total == 5  # Côte d'Ivoire's men
    assert profile.growth.absolute == 30


def test_profile_of_one_sex_keeps_the_series_of_all_three(world):
    profile = _profile(world, sex="female")
    assert [(p.year, p.both, p.male, p.female) for p in profile.series] == [
        (2020, 200, 100, 100),
        (2024, 250, 130, 120),
    ]


def test_profile_unknown_sex_falls_back_to_both(world):
    assert _profile(world, sex="other").total == 250
    assert _profile(world).sex == "both"


def test_profile_of_one_sex_costs_the_queries_of_both(world):
    with CaptureQueriesContext(connection) as both:
        _profile(world, grouping=world.groupings.ecowas)
    with CaptureQueriesContext(connection) as women:
        _profile(world, grouping=world.groupings.ecowas, sex="female")
    assert len(women) == len(both)


# Page and table downloads


def test_page_offers_the_sex_choice_in_french(viewer, world):
    html = viewer.get(_url("origin_profile")).content.decode()
    assert 'name="sex"' in html
    for label in ("Les deux sexes", "Hommes", "Femmes"):
        assert f">{label}</option>" in html
    assert '<option value="both" selected>' in html


def test_page_of_women_titles_and_links_carry_the_sex(viewer, world, small_map):
    response = viewer.get(
        _url("origin_profile", sex="female"), HTTP_ACCEPT_LANGUAGE="en"
    )
    html = response.content.decode()
    assert response.context["profile"].total == 120
    assert '<option value="female" selected>' in html
    assert "Where women born in Senegal live, 2024 (" in html
    assert "Women living abroad" in html
    assert "Top destinations of women" in html
    assert "Destinations of women by group of countries, 2024" in html
    assert "Change 2020–2024, women" in html
    assert "The trend shows both sexes, men and women." in html
    for kind in ("svg", "png"):
        link = _url(f"origin_map_{kind}") + f"?edition={world.rev2024.pk}&amp;to=2024"
        assert f"{link}&amp;sex=female" in html
    assert "sex=female&amp;lang=en" in html  # the brief
    assert "sex=female&amp;format=csv&amp;table=destinations" in html


def test_page_of_both_sexes_says_nothing_of_sex(viewer, world, small_map):
    html = viewer.get(_url("origin_profile"), HTTP_ACCEPT_LANGUAGE="en").content
    assert b"Where people born in Senegal live" in html
    assert b"sex=" not in html
    assert b"The trend shows both sexes" not in html


def test_page_falls_back_to_both_sexes_with_the_error(viewer, world):
    response = viewer.get(_url("origin_profile", sex="nope"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.context["form"].errors["sex"]
    assert response.context["profile"].sex == "both"
    assert response.context["profile"].total == 250
    assert "nope is not one of the available choices" in response.content.decode()


def test_destinations_csv_is_of_the_sex_chosen(viewer, world):
    response = viewer.get(
        _url("origin_profile", sex="female", format="csv", table="destinations"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "atlas-sen-2024-female-destinations.csv" in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].split(",")[3:5] == ["Women", "Share of the total (%)"]
    assert lines[1].startswith("France,250,FRA,40,33.3,B,,8.0")
    assert lines[2].startswith("Côte d’Ivoire,384,CIV,25,20.8,")


def test_split_csv_of_men_and_series_csv_of_all_sexes(viewer, world):
    split = viewer.get(
        _url("origin_profile", sex="male", format="csv", table="split"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "atlas-sen-2024-male-split.csv" in split["Content-Disposition"]
    text = split.content.decode("utf-8-sig")
    assert "OECD countries,90,69.2" in text
    assert "Other or unknown destination,19,14.6" in text
    series = viewer.get(
        _url("origin_profile", sex="male", format="csv", table="series"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "atlas-sen-2024-series.csv" in series["Content-Disposition"]
    assert "2024,250,130,120" in series.content.decode("utf-8-sig")


# API


def test_profile_api_takes_the_sex(viewer, world):
    url = "/api/v1/atlas/origins/SEN/profile/"
    data = viewer.get(url, {"sex": "female"}).json()
    assert data["sex"] == "female"
    assert data["total"] == 120
    assert data["split"] == {"oecd": 60, "africa": 37, "rest": 2, "unknown": 21}
    assert data["destinations"][1]["destination"]["iso3"] == "CIV"
    assert data["growth"]["absolute"] == 20
    assert data["series"][-1] == {"year": 2024, "both": 250, "male": 130, "female": 120}
    assert viewer.get(url).json()["sex"] == "both"
    response = viewer.get(url, {"sex": "women"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "not a valid choice" in response.json()["sex"][0]


def test_map_api_takes_the_sex_and_refuses_a_bad_one(viewer, world, small_map):
    url = "/api/v1/atlas/origins/SEN/map.svg"
    response = viewer.get(url, {"sex": "male"})
    assert 'filename="diaspora-sen-2024-male.svg"' in response["Content-Disposition"]
    texts = " ".join(t.text or "" for t in etree.fromstring(response.content).iter())
    assert "Hommes" in texts
    response = viewer.get(url, {"sex": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "not a valid choice" in response.json()["sex"][0]


# Map files and brief


def test_map_svg_says_the_sex(viewer, world, small_map):
    response = viewer.get(_url("origin_map_svg", sex="female"))
    assert 'filename="diaspora-sen-2024-female.svg"' in response["Content-Disposition"]
    root = etree.fromstring(response.content)
    both = etree.fromstring(viewer.get(_url("origin_map_svg")).content)
    assert root.find(f"{SVG}title").text != both.find(f"{SVG}title").text
    texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
    assert "Femmes" in texts
    assert "Les deux sexes" not in texts
    france = next(t for t in root.iter(f"{SVG}title") if t.text.startswith("France"))
    assert "40" in france.text


def test_map_download_refuses_a_bad_sex(viewer, world, small_map):
    response = viewer.get(_url("origin_map_png", sex="nope"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Sexe" in html
    assert "nope" in html


def test_brief_mentions_the_sex(viewer, world):
    response = viewer.get(_url("origin_brief", sex="female", lang="en"))
    pdf = response.content
    assert (
        'filename="diaspora-sen-2024-female-en.pdf"' in response["Content-Disposition"]
    )
    assert b"Women living abroad" in pdf
    assert b"Top destinations of women" in pdf
    assert b"(40) Tj" in pdf
    assert b"Top destinations of women" not in viewer.get(_url("origin_brief")).content
