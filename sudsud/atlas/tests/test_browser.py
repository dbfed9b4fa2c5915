"""The journey issue 4 asks for, in a real browser: import a workbook, open
Senegal's profile in French and in Arabic, change the grouping, download the brief;
and, apart, the map's download as SVG."""

import datetime as dt
import re

import pytest
from lxml import etree

from sudsud.accounts.models import Role
from sudsud.atlas.boundaries import boundaries_path
from sudsud.places.models import GroupingMembership
from sudsud.places.tests.factories import GroupingFactory

from .profile_data import make_world
from .undesa_workbooks import origin_2024, series

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def ecowas(countries):
    grouping = GroupingFactory(slug="ecowas", name_fr="CEDEAO", name_en="ECOWAS")
    GroupingMembership.objects.create(
        grouping=grouping, place=countries["SEN"], start_date=dt.date(1975, 5, 28)
    )
    return grouping


def test_atlas_journey_import_profile_in_french_and_arabic_grouping_and_brief(
    page, login, make_user, countries, ecowas, tmp_path
):
    make_user(Role.PROGRAMME_ADMIN, username="atlas-admin")
    workbook = tmp_path / "undesa_pd_2024_ims_stock_by_sex_and_origin.xlsx"
    workbook.write_bytes(origin_2024([["Senegal", 686, *series(741357, count=8)]]))
    login("atlas-admin")

    # Import through the upload page; the job page reports the result.
    page.goto("/atlas/imports/undesa/")
    page.set_input_files("input[type=file]", str(workbook))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/jobs/\d+/"))
    assert "100 %" in page.inner_text("main")

    # Senegal's profile in French.
    page.goto("/atlas/origins/SEN/")
    main = page.inner_text("main")
    assert "Sénégal" in main
    assert re.search(r"741\D?357", main)  # 741 357, grouped the French way
    assert page.get_attribute("html", "dir") == "ltr"

    # Change the grouping through the plain form.
    page.select_option("select[name=grouping]", value="ecowas")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"grouping=ecowas"))
    assert "CEDEAO" in page.inner_text("main")

    # Arabic: right to left, the same figures.
    page.click("button[value=ar]")
    page.wait_for_load_state()
    assert page.get_attribute("html", "dir") == "rtl"
    assert "السنغال" in page.inner_text("main")

    # The brief downloads as a PDF.
    with page.expect_download() as download_info:
        page.locator("a[href*='brief.pdf']").click()
    download = download_info.value
    assert download.suggested_filename.startswith("diaspora-sen-")
    pdf = download.path().read_bytes()
    assert pdf.startswith(b"%PDF")


def test_atlas_profile_map_downloads_as_svg(page, login, make_user):
    if not boundaries_path().is_file():
        pytest.skip("assets/vendor/world-50m.json is absent: run `make assets`")
    make_world()
    make_user(Role.VIEWER, username="atlas-viewer")
    login("atlas-viewer")
    page.goto("/atlas/origins/SEN/")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="(SVG)").click()
    download = download_info.value
    assert download.suggested_filename == "diaspora-sen-2024.svg"
    root = etree.fromstring(download.path().read_bytes())
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "Sénégal" in root.findtext("{http://www.w3.org/2000/svg}title")


def test_national_file_can_be_abandoned_after_a_confirmation(
    page, login, make_user, tmp_path
):
    from sudsud.atlas.models import NationalUpload
    from sudsud.atlas.tests.factories import EditionFactory

    make_user(Role.DATA_ANALYST, username="atlas-analyst")
    edition = EditionFactory(
        source__code="registre", source__is_national=True, code="Registre 2021"
    )
    csv = tmp_path / "registre.csv"
    csv.write_text("pays,annee,sexe,n\nFrance,2021,F,12\n")
    login("atlas-analyst")

    page.goto(f"/atlas/national/editions/{edition.pk}/upload/")
    assert "7 jours" in page.inner_text("main")  # how long a file waits
    page.set_input_files("input[type=file]", str(csv))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/mapping/"))

    page.get_by_role("link", name="Abandonner ce fichier").click()
    page.wait_for_url(re.compile(r"/discard/"))
    assert NationalUpload.objects.count() == 1  # the confirmation deletes nothing
    page.get_by_role("button", name="Supprimer le fichier").click()
    page.wait_for_url(re.compile(rf"/atlas/national/{edition.source_id}/$"))
    assert "Le fichier registre.csv a été supprimé." in page.inner_text("main")
    assert NationalUpload.objects.count() == 0
