"""A row's value cells read in one pass give what reading them one by one gives."""

import math

import pytest

from sudsud.atlas.undesa.cells import parse_value
from sudsud.atlas.undesa.importer import _Cells
from sudsud.atlas.undesa.layout import ValueColumn

COLUMNS = [
    ValueColumn(index=2, year=1990, sex="both"),
    ValueColumn(index=3, year=1990, sex="female"),
    ValueColumn(index=4, year=1990, sex="male"),
]


def _one_by_one(row):
    keys, params = [], []
    for column in COLUMNS:
        cell = row[column.index] if column.index < len(row) else None
        if cell is None or cell == "":
            continue
        keys.append((column.year, column.sex))
        params += parse_value(cell)
    return tuple(keys), params


@pytest.mark.parametrize(
    "values",
    [
        [741357.0, 400000.4, 341356.6],  # the usual row: rounded, no flag
        [3, 0, 2],  # integers, a zero
        [10.0, math.nan, 4.0],  # NaN is not available, not a number
        [10.0, -1.0, 4.0],  # negative
        [10.0, True, 4.0],  # a boolean cell is not a number
        [10.0, "..", "~"],  # markers
        [10.0, None, ""],  # empty cells are left out
        [math.inf * 0, 1.0, 2.0],  # NaN made another way, first
        [-0.0, 2**60, ".."],  # a row read cell by cell keeps big integers exact
    ],
)
def test_row_cells_match_cell_by_cell_parsing(values):
    row = ["Senegal", 686, *values]
    keys, params = _Cells(COLUMNS).params(row)
    expected_keys, expected_params = _one_by_one(row)
    assert keys == expected_keys
    assert params == expected_params
    assert all(type(value) is int for value in params[::2] if value is not None)


def test_short_row_reads_missing_cells_as_empty():
    keys, params = _Cells(COLUMNS).params(["Senegal", 686, 5.0])
    assert keys == ((1990, "both"),)
    assert params == [5, ""]


def test_one_value_column():
    cells = _Cells([ValueColumn(index=1, year=2024, sex="both")])
    assert cells.params(["Mali", 12.0]) == (((2024, "both"),), [12, ""])
    assert cells.params(["Mali", ".."]) == (((2024, "both"),), [None, "not_available"])


def test_an_all_numbers_row_is_read_in_one_pass(monkeypatch):
    cells = _Cells(COLUMNS)

    def one_by_one(row):
        raise AssertionError("the usual row took the slow path")

    monkeypatch.setattr(cells, "_one_by_one", one_by_one)
    keys, params = cells.params(["Senegal", 686, 741357.0, 400000.0, 341357.0])
    assert keys == cells.keys
    assert params == [741357, "", 400000, "", 341357, ""]


def test_big_integers_stay_exact():
    keys, params = _Cells(COLUMNS).params(["Senegal", 686, 2**60 + 1, "..", 3])
    assert len(keys) == 3
    assert params[0] == 2**60 + 1
