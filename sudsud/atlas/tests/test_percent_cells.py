"""Percentages: rounded, not cut, in the brief; numbers, not text, in downloads."""

from django.utils import translation

from sudsud.atlas.brief.document import _pct as brief_pct
from sudsud.atlas.views.compare_tables import pct
from sudsud.atlas.views.profile_tables import _pct as profile_pct
from sudsud.core.exports import csv_bytes


def test_brief_rounds_percentages():
    with translation.override("fr"):
        assert brief_pct(2.46) == "2,5"
        assert brief_pct(16.35) in {"16,3", "16,4"}  # float 16.35 is 16.3499…
        assert brief_pct(40.88) == "40,9"
        assert brief_pct(None) == "–"


def test_download_percentages_are_numbers_even_when_negative():
    assert pct(-4.04) == -4.0
    assert profile_pct(2.06) == 2.1
    assert pct(None) == ""
    data = csv_bytes(["Différence (%)"], [[pct(-4.04)]]).decode("utf-8-sig")
    assert data.splitlines()[1] == "-4.0"  # not neutralised into text ('-4.0)
