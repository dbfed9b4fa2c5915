import pytest
from django.core.exceptions import ValidationError

from sudsud.atlas.undesa.layout import (
    BILATERAL,
    DESTINATION,
    ORIGIN,
    build_layout,
    check_edition,
    detect_edition,
)

HEADER_2020 = [
    "", "Region, development group, country or area", "Notes", "Location code",
    "Type of data", 1990, 2020, 1990, 2020, 1990, 2020,
]  # fmt: skip
HEADER_2024 = [
    "Index", "Region, development group, country or area", "Coverage", "Data type",
    "Location code", 1990.0, 2024.0, 1990.0, 2024.0, 1990.0, 2024.0,
]  # fmt: skip


def test_build_layout_finds_2020_columns_by_name():
    layout = build_layout(HEADER_2020, "Stock by country or area of destination")

    assert layout.kind == DESTINATION
    assert (layout.destination_code, layout.data_type) == (3, 4)
    assert [(c.index, c.year, c.sex) for c in layout.values[:3]] == [
        (5, 1990, "both"), (6, 2020, "both"), (7, 1990, "male"),
    ]  # fmt: skip
    assert layout.values[-1].sex == "female"


def test_build_layout_finds_2024_columns_in_another_order():
    layout = build_layout(HEADER_2024, "International Migrant Stock 2024: Origin")

    assert layout.kind == ORIGIN
    assert layout.origin_code == 4
    assert layout.data_type is None  # by origin, it would describe a destination


def test_build_layout_recognises_the_bilateral_workbook():
    header = [
        "Region, development group, country or area of destination",
        "Location code of destination", "Data type",
        "Region, development group, country or area of origin",
        "Location code of origin", 2024, 2024, 2024,
    ]  # fmt: skip
    layout = build_layout(header, "")

    assert layout.kind == BILATERAL
    assert (layout.destination_code, layout.origin_code, layout.data_type) == (1, 4, 2)


def test_build_layout_refuses_a_table_without_years():
    with pytest.raises(ValidationError):
        build_layout(["Location code", "Name"], "of destination")


def test_detect_edition_reads_the_reference_or_the_title():
    assert detect_edition(["x", "POP/DB/MIG/Stock/Rev.2024"]) == "Rev.2024"
    assert detect_edition(["International Migrant Stock 2020: Origin"]) == "Rev.2020"
    assert detect_edition(["Something else"]) is None


def test_check_edition_refuses_an_unknown_edition(english):
    with pytest.raises(ValidationError, match="Unknown UN DESA edition"):
        check_edition("Rev.2019")
