import csv
import io

import pytest
from openpyxl import load_workbook

from sudsud.core.exports import csv_bytes, neutralise_cell, xlsx_bytes

DANGEROUS = ['=HYPERLINK("http://x")', "+33 1 23", "-2+3", "@SUM(A1)", "\tx", "\rx"]


@pytest.mark.parametrize("value", DANGEROUS)
def test_neutralise_cell_prefixes_formula_starts(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Dakar", "", 42, 3.5, None, "a=b"])
def test_neutralise_cell_keeps_harmless_values(value):
    assert neutralise_cell(value) == value


def test_csv_bytes_neutralises_every_text_cell_and_keeps_accents():
    data = csv_bytes(["nom", "=entête"], [["Sénégal", "=1+1"], [None, 7]])
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["nom", "'=entête"], ["Sénégal", "'=1+1"], ["", "7"]]


def test_xlsx_bytes_writes_formula_text_as_plain_strings():
    data = xlsx_bytes(["name"], [["=cmd|' /C calc'!A0"], ["@SUM(1)"], ["Rabat"]])
    sheet = load_workbook(io.BytesIO(data)).active
    values = [row[0].value for row in sheet.iter_rows()]
    assert values == ["name", "'=cmd|' /C calc'!A0", "'@SUM(1)", "Rabat"]
    assert all(row[0].data_type == "s" for row in sheet.iter_rows())
