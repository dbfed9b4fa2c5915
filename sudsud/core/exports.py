"""Writing tables to CSV and XLSX safely.

A cell beginning with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is
read as a formula by spreadsheet programs: a name such as ``=HYPERLINK(...)`` typed
into the platform could run when an official opens the export. Every exported text
cell goes through :func:`neutralise_cell`, which prefixes such values with a quote.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _safe_row(row: Iterable[Any]) -> list[Any]:
    return [neutralise_cell("" if value is None else value) for value in row]


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A UTF-8 CSV with a byte-order mark, so spreadsheet programs read accents."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(_safe_row(header))
    for row in rows:
        writer.writerow(_safe_row(row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], *, sheet_title: str = "data"
) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    sheet.append(_safe_row(header))
    for row in rows:
        cells = []
        for value in _safe_row(row):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never let openpyxl guess a formula
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
