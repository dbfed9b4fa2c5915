import pytest
from django.utils import translation

from sudsud.atlas.brief.document import brief_pdf
from sudsud.atlas.brief.drawings import _clean_path
from sudsud.atlas.brief.text import HELVETICA, languages, script_for
from sudsud.atlas.selectors.profile import origin_profile_resolve

from .profile_data import make_world


def test_clean_path_drops_an_unpaired_trailing_number():
    assert _clean_path("M1 2l.5.5 3z") == "M 1 2 l .5 .5 z"
    assert _clean_path("M1 2l-.5.5-3 4z") == "M 1 2 l -.5 .5 -3 4 z"


def test_helvetica_script_replaces_narrow_spaces():
    assert HELVETICA("1\u202f500") == "1\xa0500"


def test_script_for_arabic_is_right_to_left_when_available():
    assert script_for("fr") is HELVETICA
    assert script_for("ar").rtl is ("ar" in languages())


@pytest.mark.django_db
def test_brief_pdf_lists_quality_flags():
    # Speed is a benchmark's business (bench/), never a test's: timings flake.
    world = make_world()
    profile = origin_profile_resolve(origin=world.places.sen)
    with translation.override("en"):
        pdf = brief_pdf(profile, script=HELVETICA, compress=False)
    assert b"Qatar \\(C B R\\)" in pdf
    assert b"Chile \\(suppressed \\(fewer than 5\\)\\)" in pdf


@pytest.mark.django_db
def test_brief_pdf_in_arabic_embeds_a_font_when_available():
    if "ar" not in languages():
        pytest.skip("no Arabic font or shaping library installed")
    world = make_world()
    profile = origin_profile_resolve(origin=world.places.sen)
    with translation.override("ar"):
        pdf = brief_pdf(profile, script=script_for("ar"), compress=False)
    assert pdf.startswith(b"%PDF")
    assert b"DejaVuSans" in pdf
