import pytest

from sudsud.core.text import normalise_for_search


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Sénégal", "senegal"),
        ("CÔTE D’IVOIRE", "cote d'ivoire"),
        ("  Œuvre   des  Migrants ", "oeuvre des migrants"),
        ("السِّنِغال", "السنغال"),
        ("أحمد", "احمد"),
        ("مدرسة", "مدرسه"),
        ("مـــالي", "مالي"),
    ],
)
def test_normalise_for_search_folds_accents_case_and_arabic_marks(raw, expected):
    assert normalise_for_search(raw) == expected


def test_normalise_for_search_joins_parts_and_skips_empty_ones():
    assert normalise_for_search("Sénégal", None, "", "SEN") == "senegal sen"
