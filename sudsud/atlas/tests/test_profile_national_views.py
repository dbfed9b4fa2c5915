import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from sudsud.accounts.models import Role
from sudsud.atlas.brief.document import brief_pdf
from sudsud.atlas.brief.text import HELVETICA
from sudsud.atlas.selectors.profile import origin_profile_resolve
from sudsud.atlas.selectors.profile_national import national_sources_for_origin

from .profile_data import make_world
from .profile_national_data import REGISTER_EN, make_world_with_register

pytestmark = pytest.mark.django_db

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
API = "/api/v1/atlas/origins/{}/profile/"


@pytest.fixture
def viewer(client, make_user):
    client.force_login(make_user(Role.VIEWER))
    return client


def _url(view="atlas:origin_profile", **query):
    url = reverse(view, kwargs={"iso3": "SEN"})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_profile_page_shows_national_sources_with_definitions(viewer):
    make_world_with_register()
    html = viewer.get(_url(), **EN).content.decode()
    section = html[html.index('id="national-heading"') :]
    assert "National sources" in section
    assert REGISTER_EN in section
    assert "Registered nationals" in section
    assert "Consulates of Senegal abroad" in section
    assert "Licence ouverte 2.0" in section
    assert "MAESE, registre consulaire 2021" in section
    assert "2019, 2021" in section
    assert "Île-de-France" in section
    assert "UN DESA Rev.2024 (2020)" in section
    assert "foreign-born" in section  # UN DESA's definition for France
    assert "never combined into one series" in section
    assert "1 cell of fewer than 5 people is suppressed in 2021" in section
    assert "format=xlsx&amp;table=national" in section
    # After the UN DESA content, never inside it.
    assert html.index('id="national-heading"') > html.index("map-heading")


def test_profile_page_in_french_titles_the_section(viewer):
    make_world_with_register()
    html = viewer.get(_url()).content.decode()
    assert 'id="national-heading"' in html
    assert "Registre consulaire du Sénégal" in html


def test_profile_page_empty_state_for_a_viewer_says_who_imports(viewer):
    make_world()
    html = viewer.get(_url(), **EN).content.decode()
    assert "No national source is loaded for this origin." in html
    assert "An administrator or a data analyst can import one" in html
    assert reverse("atlas:national_source_list") not in html


def test_profile_page_empty_state_links_an_analyst_to_the_import(client, make_user):
    make_world()
    client.force_login(make_user(Role.DATA_ANALYST))
    html = client.get(_url(), **EN).content.decode()
    assert "No national source is loaded for this origin." in html
    assert f'href="{reverse("atlas:national_source_list")}"' in html


def test_national_table_downloads_as_csv(viewer):
    make_world_with_register()
    response = viewer.get(_url(format="csv", table="national"), **EN)
    assert response["Content-Type"] == "text/csv"
    assert "atlas-sen-2024-national.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, france = rows[0], rows[1]
    assert header[0] == "Source"
    assert header[-1] == "Difference (national − UN DESA)"
    record = dict(zip(header, france, strict=True))
    assert record["Destination"] == "France"
    assert record["People"] == "120"
    assert record["Definition"] == "Registered nationals"
    assert record["UN DESA year"] == "2020"
    assert record["UN DESA people"] == "50"
    assert record["UN DESA definition"] == "foreign-born"
    assert record["Difference (national − UN DESA)"] == "70"
    spain = dict(zip(header, rows[3], strict=True))
    assert (spain["Destination"], spain["UN DESA people"]) == ("Spain", "")
    assert len(rows) == 5  # header + France, Italy, Spain, Gabon


def test_national_table_downloads_as_xlsx(viewer):
    make_world_with_register()
    response = viewer.get(_url(format="xlsx", table="national"), **EN)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "atlas-sen-2024-national.xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Source"
    assert rows[1][0] == REGISTER_EN
    assert rows[1][7] == 120


def test_other_profile_tables_download_as_xlsx_too(viewer):
    make_world()
    response = viewer.get(_url(format="xlsx", table="series"), **EN)
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert rows[0] == ("Year", "Both sexes", "Men", "Women")
    assert rows[-1] == (2024, 250, 130, 120)


def test_national_table_without_national_source_has_only_its_header(viewer):
    make_world()
    response = viewer.get(_url(format="csv", table="national"))
    assert response.status_code == 200
    assert len(response.content.decode("utf-8-sig").strip().splitlines()) == 1


def test_profile_api_lists_national_sources(viewer):
    world = make_world_with_register()
    data = viewer.get(API.format("SEN"), **EN).json()
    (found,) = data["national_sources"]
    assert found["source"]["name"] == REGISTER_EN
    assert found["source"]["definition"] == "registered_nationals"
    assert found["source"]["definition_label"] == "Registered nationals"
    assert found["edition"]["id"] == world.register.pk
    assert (found["year"], found["total"], found["suppressed_cells"]) == (2021, 185, 1)
    assert found["subnational"][0]["name"] == "Île-de-France"
    comparison = found["comparison"]
    assert comparison["undesa_edition"]["id"] == world.rev2024.pk
    assert comparison["undesa_year"] == 2020
    assert comparison["rows"][0] == {
        "destination": {"code": 250, "iso3": "FRA", "name": "France"},
        "undesa": 50,
        "undesa_data_type": "B",
        "national": 120,
        "difference": 70,
    }
    # UN DESA's own figures stay UN DESA's: nothing spliced into them.
    assert data["total"] == 250


def test_profile_api_national_sources_empty_without_any(viewer):
    make_world()
    assert viewer.get(API.format("SEN")).json()["national_sources"] == []


def test_brief_pdf_lists_national_sources_beside_undesa(make_user):
    world = make_world_with_register()
    profile = origin_profile_resolve(origin=world.places.sen)
    with translation.override("en"):
        national = national_sources_for_origin(
            user=make_user(Role.VIEWER), origin=world.places.sen
        )
        pdf = brief_pdf(profile, script=HELVETICA, compress=False, national=national)
    assert REGISTER_EN.encode() in pdf
    assert b"Registered nationals" in pdf
    assert b"Rev.2024" in pdf
    # France: UN DESA 50 (foreign-born), the register 120, difference 70.
    assert b"(foreign-born) Tj" in pdf
    assert b"(70) Tj" in pdf
    assert b"cell of fewer than 5 people is suppressed" in pdf


def test_brief_pdf_without_national_source_says_so(make_user):
    world = make_world()
    profile = origin_profile_resolve(origin=world.places.sen)
    with translation.override("en"):
        pdf = brief_pdf(profile, script=HELVETICA, compress=False)
    assert b"No national source is loaded for this origin." in pdf


def test_brief_view_includes_the_national_source(viewer, settings):
    settings.SUDSUD_BRIEF_COMPRESS = False
    make_world_with_register()
    response = viewer.get(_url("atlas:origin_brief", lang="en"))
    assert response.status_code == 200
    assert REGISTER_EN.encode() in response.content


def test_profile_page_queries_do_not_grow_with_national_editions(viewer):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sudsud.places.tests.factories import PlaceFactory

    from .factories import EditionFactory, SourceFactory, StockValueFactory

    world = make_world_with_register()
    viewer.get(_url())
    with CaptureQueriesContext(connection) as one:
        viewer.get(_url())
    p = world.places
    for code in ("sen-survey", "sen-census"):
        edition = EditionFactory(
            source=SourceFactory(code=code, name_fr=code, is_national=True),
            code="2023",
            published_year=2023,
        )
        for number, place in enumerate((p.fra, p.ita, p.civ, PlaceFactory(code=8))):
            StockValueFactory(
                edition=edition,
                origin=p.sen,
                destination=place,
                year=2023,
                value=10 + number,
                subnational="Paris" if number == 0 else "",
            )
    with CaptureQueriesContext(connection) as three:
        html = viewer.get(_url()).content.decode()
    assert html.count('class="card" aria-labelledby="national-') == 3
    assert len(three) == len(one)
