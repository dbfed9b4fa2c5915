import re

import pytest
from django.urls import reverse

from sudsud.accounts.models import Role

from .profile_data import make_world

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def world():
    return make_world()


@pytest.fixture
def viewer(client, make_user, settings):
    settings.SUDSUD_BRIEF_COMPRESS = False
    client.force_login(make_user(Role.VIEWER))
    return client


def _url(iso3="SEN", **query):
    url = reverse("atlas:origin_brief", kwargs={"iso3": iso3})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type /Page\b", pdf))


def test_brief_requires_sign_in(client, world):
    response = client.get(_url())
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_brief_unknown_origin_is_404(viewer, world):
    assert viewer.get(_url("XXX")).status_code == 404


def test_brief_origin_without_figures_is_404(viewer, world):
    assert viewer.get(_url("CHL")).status_code == 404


def test_brief_default_is_a_french_pdf_of_two_pages(viewer, world):
    response = viewer.get(_url())
    pdf = response.content
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="diaspora-sen-2024-fr.pdf"' in response["Content-Disposition"]
    assert pdf.startswith(b"%PDF")
    assert 1 <= _pages(pdf) <= 3
    assert b"S\\351n\\351gal" in pdf
    for figure in (b"(250) Tj", b"(130) Tj", b"(120) Tj"):
        assert figure in pdf


def test_brief_english_names_the_country_in_english(viewer, world):
    response = viewer.get(_url(lang="en"))
    pdf = response.content
    assert 'filename="diaspora-sen-2024-en.pdf"' in response["Content-Disposition"]
    assert b"Senegal" in pdf
    assert b"S\\351n\\351gal" not in pdf


def test_brief_follows_the_edition_and_year_chosen(viewer, world):
    response = viewer.get(_url(edition=world.rev2020.pk, lang="en"))
    assert 'filename="diaspora-sen-2020-en.pdf"' in response["Content-Disposition"]
    assert b"1,500" in response.content


def test_brief_unknown_language_falls_back_to_french(viewer, world):
    response = viewer.get(_url(lang="xx"))
    assert 'filename="diaspora-sen-2024-fr.pdf"' in response["Content-Disposition"]


def test_profile_page_links_to_the_brief(viewer, world):
    html = viewer.get(reverse("atlas:origin_profile", kwargs={"iso3": "SEN"})).content
    assert _url().encode() in html
