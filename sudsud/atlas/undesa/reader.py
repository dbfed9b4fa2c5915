"""Open a UN DESA workbook defensively and stream its data rows.

The upload passes the archive checks of :mod:`sudsud.core.tabular` (a real XLSX, no
zip bomb); each sheet's declared size is checked before python-calamine loads it;
reading stops after a long run of empty rows and refuses a sheet past a row ceiling.
"""

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from python_calamine import CalamineSheet, CalamineWorkbook

from sudsud.core.tabular import xlsx_sheet_names

from .layout import (
    Layout,
    build_layout,
    check_edition,
    detect_edition,
    is_header,
    not_a_workbook,
)

MAX_ROWS = 250_000  # the bilateral workbook has about 60,000
MAX_COLUMNS = 200
MAX_EMPTY_RUN = 1_000  # consecutive empty rows after which reading stops
HEADER_SEARCH_ROWS = 40
_DIMENSION = re.compile(rb'<dimension ref="[A-Z]*\d*:?([A-Z]+)(\d+)"')


@dataclass
class DesaWorkbook:
    edition: str
    layout: Layout
    sheet: str
    rows: Iterator[tuple[int, list[Any]]]  # (line as seen in the spreadsheet, cells)
    height: int  # rows in the sheet, for progress


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def check_dimensions(data: bytes) -> None:
    """Refuse a sheet that declares more rows or columns than a workbook can have."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if not name.startswith("xl/worksheets/") or not name.endswith(".xml"):
                continue
            with archive.open(name) as handle:
                head = handle.read(4096)
            match = _DIMENSION.search(head)
            if match and (
                int(match.group(2)) > MAX_ROWS
                or _column_number(match.group(1)) > MAX_COLUMNS
            ):
                raise too_many_rows()


def too_many_rows() -> ValidationError:
    return ValidationError(
        _("The sheet has more than %(max)d rows; this is not a UN DESA workbook.")
        % {"max": MAX_ROWS},
        code="too_many_rows",
    )


def _sheet_order(names: list[str]) -> list[str]:
    # "Table 1" holds the stock; the other tables are shares and rates.
    return sorted(names, key=lambda name: name.strip().lower() != "table 1")


def _data_rows(
    sheet: CalamineSheet, rows: Iterator[list[Any]], header_index: int
) -> Iterator[tuple[int, list[Any]]]:
    first_line = (sheet.start[0] if sheet.start else 0) + 1
    empty_run = 0
    for index, row in enumerate(rows, start=header_index + 1):
        if index > MAX_ROWS:
            raise too_many_rows()
        if not any(cell not in ("", None) for cell in row):
            empty_run += 1
            if empty_run >= MAX_EMPTY_RUN:
                return
            continue
        empty_run = 0
        yield first_line + index, row


def _find_table(
    workbook: CalamineWorkbook, names: list[str]
) -> tuple[CalamineSheet, Iterator[list[Any]], int, list[Any], list[str]]:
    for name in _sheet_order(names):
        sheet = workbook.get_sheet_by_name(name)
        rows = iter(sheet.iter_rows())
        titles: list[str] = []
        for index, row in enumerate(rows):
            if index >= HEADER_SEARCH_ROWS:
                break
            if is_header(row):
                return sheet, rows, index, list(row), titles
            titles.append(_row_text(row))
    raise not_a_workbook()


def _row_text(row: list[Any]) -> str:
    return " ".join(str(cell) for cell in row if isinstance(cell, str) and cell)


def open_workbook(data: bytes, *, edition: str | None = None) -> DesaWorkbook:
    """Check the file, find its table and edition; rows are read lazily."""
    names = xlsx_sheet_names(data)
    check_dimensions(data)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheet, rows, header_index, header, titles = _find_table(workbook, names)
    except ValidationError:
        raise
    except Exception as exc:  # calamine raises its own error types
        raise ValidationError(_("The spreadsheet could not be read.")) from exc
    found = detect_edition([*titles, *names])
    if edition and found and edition != found:
        raise ValidationError(
            _("The workbook is the edition %(found)s, not %(asked)s.")
            % {"found": found, "asked": edition},
            code="edition_mismatch",
        )
    layout = build_layout(header, " ".join(titles))
    return DesaWorkbook(
        edition=check_edition(edition or found),
        layout=layout,
        sheet=sheet.name,
        rows=_data_rows(sheet, rows, header_index),
        height=sheet.height,
    )
