import pytest

from sudsud.atlas.undesa.cells import (
    clean_name,
    header_year,
    parse_code,
    parse_data_type,
    parse_value,
)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (741357.0, (741357, "")),
        ("1 234", (1234, "")),
        ("..", (None, "not_available")),
        ("—", (0, "rounds_to_zero")),
        ("~", (None, "suppressed")),
        ("-", (None, "negative")),
        (-12.0, (None, "negative")),
        ("", (None, "not_available")),
        ("n/a", (None, "not_available")),
    ],
)
def test_parse_value_reads_numbers_and_markers(cell, expected):
    assert parse_value(cell) == expected


def test_parse_data_type_keeps_several_codes_in_order():
    assert parse_data_type("C B R") == "C B R"
    assert parse_data_type(" b  r ") == "B R"
    assert parse_data_type("X") == ""
    assert parse_data_type(None) == ""


def test_clean_name_removes_indentation_and_note_asterisk():
    assert clean_name("     Polynesia*") == "Polynesia"
    assert clean_name("  Côte  d'Ivoire ") == "Côte d'Ivoire"


def test_parse_code_accepts_numbers_and_digit_strings_only():
    assert parse_code(900.0) == 900
    assert parse_code(" 686 ") == 686
    assert parse_code("") is None
    assert parse_code(1.5) is None


def test_header_year_recognises_year_columns_only():
    assert header_year(1990.0) == 1990
    assert header_year("2024") == 2024
    assert header_year("1990-1995") is None
    assert header_year(5.0) is None
