"""Person-level files: identical rows are counted together, then read once."""

import pytest
from django.core.exceptions import ValidationError

from sudsud.atlas.national.importer import read_person_counts
from sudsud.atlas.national.mapping import PERSON, Mapping
from sudsud.atlas.national.matching import PlaceMatcher
from sudsud.core.tabular import iter_raw_rows

pytestmark = pytest.mark.django_db

MAPPING = Mapping(
    layout=PERSON,
    columns={"origin": "nat", "destination": "pays", "year": "an", "sex": "sexe"},
)


def _read(text, max_rows=1_000):
    header, rows = iter_raw_rows(text.encode(), extension="csv")
    return read_person_counts(
        header, rows, mapping=MAPPING, matcher=PlaceMatcher(), max_rows=max_rows
    )


def test_repeated_rows_count_once_each_person(countries):
    text = "nat,pays,an,sexe\n" + "SEN,FRA,2021,F\n" * 4 + "SEN,FRA,2021,M\n" * 3
    reading = _read(text)

    sen, fra = countries["SEN"].pk, countries["FRA"].pk
    assert reading.rows_read == 7
    assert reading.counts[(2021, sen, fra, "female", "", "")] == 4
    assert reading.counts[(2021, sen, fra, "both", "", "")] == 7
    assert not reading.errors


def test_blank_and_short_lines(countries):
    # A blank line, a line of spaces, and a line that stops before the sex column.
    text = "nat,pays,an,sexe\nSEN,FRA,2021,F\n\n  ,  , ,\nSEN,FRA,2021\n"
    reading = _read(text)

    sen, fra = countries["SEN"].pk, countries["FRA"].pk
    assert reading.rows_read == 2
    assert reading.counts[(2021, sen, fra, "both", "", "")] == 2
    assert reading.counts[(2021, sen, fra, "female", "", "")] == 1


def test_blank_lines_never_count_with_rows_missing_their_mapped_cells(
    countries, english
):
    # Two rows with only an unmapped note, around blank lines: two people in error.
    header, rows = iter_raw_rows(
        b"nat,pays,an,sexe,note\n,,,,x\n\n,,,,\n,,,,x\n,,,,\n", extension="csv"
    )
    reading = read_person_counts(
        header, rows, mapping=MAPPING, matcher=PlaceMatcher(), max_rows=100
    )

    assert reading.rows_read == 2
    assert reading.errors[0].startswith("Line 2: ")
    assert reading.errors[0].endswith("(and 1 other line with the same values)")


def test_an_error_in_a_repeated_row_is_given_once_with_the_count(countries, english):
    text = "nat,pays,an,sexe\nSEN,FRA,2021,F\n" + "SEN,FRA,20x1,F\n" * 3
    text += "SEN,FRA,2021,?\n"
    reading = _read(text)

    assert reading.errors == [
        "Line 3: “20x1” is not a year. (and 2 other lines with the same values)",
        "Line 6: “?” is not a sex we know.",
    ]


def test_unmatched_values_keep_their_first_line(countries):
    text = (
        "nat,pays,an,sexe\nSEN,FRA,2021,F\nSEN,Atlantide,2021,F\nSEN,Atlantide,2021,M\n"
    )
    reading = _read(text)

    assert reading.unmatched == {"Atlantide": 3}


def test_more_rows_than_the_ceiling_are_refused(countries):
    text = "nat,pays,an,sexe\n" + "SEN,FRA,2021,F\n" * 12

    with pytest.raises(ValidationError):
        _read(text, max_rows=11)
    assert _read(text, max_rows=12).rows_read == 12
