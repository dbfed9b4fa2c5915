import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from sudsud.core.tabular import read_table

pytestmark = pytest.mark.usefixtures("english")


def _xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_read_table_csv_keeps_spreadsheet_line_numbers_across_blank_rows():
    data = b"Nom;Pays\nDakar Asso;SEN\n;\nRabat Asso;MAR\n"
    table = read_table(data, extension="csv")
    assert table.header == ["nom", "pays"]
    assert [(row.line, row.values["nom"]) for row in table.rows] == [
        (2, "Dakar Asso"),
        (4, "Rabat Asso"),
    ]


def test_read_table_csv_reads_windows_encoded_files():
    table = read_table("name\nSénégal\n".encode("cp1252"), extension="csv")
    assert table.rows[0].values["name"] == "Sénégal"


def test_read_table_xlsx_reads_first_sheet_and_turns_whole_floats_into_integers():
    table = read_table(_xlsx([["Name", "Code"], ["Mali", 466.0]]), extension="xlsx")
    assert table.rows[0].values == {"name": "Mali", "code": "466"}


def test_read_table_refuses_a_file_that_is_not_a_spreadsheet():
    with pytest.raises(ValidationError, match="XLSX"):
        read_table(b"this is not a zip", extension="xlsx")


def test_read_table_refuses_a_zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * 50_000_000)
    with pytest.raises(ValidationError, match="unreasonable"):
        read_table(buffer.getvalue(), extension="xlsx")


def test_read_table_refuses_too_many_rows():
    data = ("name\n" + "x\n" * 11).encode()
    with pytest.raises(ValidationError, match="more than 10 rows"):
        read_table(data, extension="csv", max_rows=10)


def test_read_table_refuses_a_file_without_header():
    with pytest.raises(ValidationError, match="header"):
        read_table(b"", extension="csv")


def test_read_table_gives_back_values_that_an_export_neutralised():
    table = read_table(b"phone,note\n'+221 33 000,'plain\n", extension="csv")
    assert table.rows[0].values == {"phone": "+221 33 000", "note": "'plain"}


def test_read_table_reads_a_named_sheet_and_lists_sheet_names():
    from openpyxl import Workbook

    from sudsud.core.tabular import xlsx_sheet_names

    workbook = Workbook()
    workbook.active.title = "activities"
    workbook.active.append(["code"])
    budget = workbook.create_sheet("budget")
    budget.append(["Year", "Planned"])
    budget.append([2025, 1000.0])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()

    assert xlsx_sheet_names(data) == ["activities", "budget"]
    table = read_table(data, extension="xlsx", sheet="budget")
    assert table.header == ["year", "planned"]
    assert table.rows[0].values == {"year": "2025", "planned": "1000"}


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x01PK\x03\x04 binary",
        b"pays,n\n" + b"France,1\n" * 10_000 + b"\x00\x00",  # far down the file
        "pays,n\nFrance,1\n".encode("utf-16-le"),  # UTF-16 without its mark
    ],
    ids=["binary", "nul-at-the-end", "utf-16-without-mark"],
)
def test_read_table_refuses_a_csv_that_is_not_plain_text(data, english):
    with pytest.raises(ValidationError, match="not plain text"):
        read_table(data, extension="csv")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be"])
def test_read_table_reads_utf16_with_its_byte_order_mark(encoding):
    text = "pays,n\nCôte d’Ivoire,12\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    table = read_table(data, extension="csv")
    assert table.header == ["pays", "n"]
    assert table.rows[0].values["pays"] == "Côte d’Ivoire"


def test_read_table_reads_excel_unicode_text_tab_separated():
    data = "pays\tn\nCôte d’Ivoire\t12\n".encode("utf-16")  # Excel, "Unicode text"
    table = read_table(data, extension="csv")
    assert table.header == ["pays", "n"]
    assert table.rows[0].values["pays"] == "Côte d’Ivoire"
