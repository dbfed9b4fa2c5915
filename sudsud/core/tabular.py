"""Reading CSV and XLSX uploads into rows that know their line number.

Files come from users, so reading is defensive: a size ceiling, a row ceiling, a
check that an XLSX file is a sane zip (no "zip bomb"), and clear messages in the
user's language instead of tracebacks.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from python_calamine import CalamineWorkbook

MAX_ROWS = 20_000
NEUTRALISED_STARTS = {"=", "+", "-", "@"}
# An XLSX expands when unzipped; a real one rarely grows more than ~20×.
MAX_XLSX_EXPANSION = 100
MAX_XLSX_UNZIPPED_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class Row:
    line: int  # 1-based, as the user sees it in their spreadsheet (header = 1)
    values: dict[str, str]


@dataclass(frozen=True)
class Table:
    header: list[str]
    rows: list[Row]


def clean_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    # Our exports put a quote before "+221…" or "=…" so spreadsheets do not run
    # them; reading such a file back gives the original value.
    if text[:1] == "'" and text[1:2] in NEUTRALISED_STARTS:
        return text[1:]
    return text


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:  # Excel's "Unicode text" and PowerShell write UTF-16 with its mark
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    # cp1252 decodes almost any bytes: a NUL byte is what tells binary from text.
    if b"\x00" in data:
        raise ValidationError(
            _(
                "The CSV file is not plain text (it holds binary data): save it as CSV UTF-8."
            )
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(
        _("The CSV file is not in a readable text encoding (use UTF-8).")
    )


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    text = _decode(data)
    sample = text[:4096]
    # The most frequent of the separators spreadsheets write (tab: "Unicode text").
    delimiter = max((",", ";", "\t"), key=sample.count)
    yield from csv.reader(io.StringIO(text), delimiter=delimiter)


def _check_xlsx_archive(data: bytes) -> None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ValidationError(_("The file is not a valid XLSX spreadsheet.")) from exc
    unzipped = sum(info.file_size for info in archive.infolist())
    if unzipped > MAX_XLSX_UNZIPPED_BYTES or unzipped > MAX_XLSX_EXPANSION * max(
        len(data), 1
    ):
        raise ValidationError(
            _("The spreadsheet expands to an unreasonable size and was refused.")
        )


def xlsx_sheet_names(data: bytes) -> list[str]:
    """The sheet names of an XLSX upload, after the same archive checks."""
    _check_xlsx_archive(data)
    try:
        return list(CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names)
    except Exception as exc:  # calamine raises its own error types
        raise ValidationError(_("The spreadsheet could not be read.")) from exc


def _xlsx_rows(data: bytes, sheet: int | str = 0) -> Iterator[list[Any]]:
    _check_xlsx_archive(data)
    try:
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if isinstance(sheet, int):
            chosen = workbook.get_sheet_by_index(sheet)
        else:
            chosen = workbook.get_sheet_by_name(sheet)
        yield from chosen.iter_rows()
    except ValidationError:
        raise
    except Exception as exc:  # calamine raises its own error types
        raise ValidationError(_("The spreadsheet could not be read.")) from exc


def _header_and_raw_rows(
    data: bytes, extension: str, sheet: int | str
) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    raw_rows = enumerate(
        _xlsx_rows(data, sheet) if extension == "xlsx" else _csv_rows(data), start=1
    )
    for _line, raw in raw_rows:
        header = [clean_cell(value).lower() for value in raw]
        if any(header):
            break
        raise ValidationError(_("The file has no header row."))
    else:
        raise ValidationError(_("The file has no header row."))
    return header, raw_rows


def _header_and_rows(
    data: bytes, extension: str, sheet: int | str
) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    header, raw_rows = _header_and_raw_rows(data, extension, sheet)
    cleaned = ((line, [clean_cell(value) for value in raw]) for line, raw in raw_rows)
    return header, cleaned


def too_many_rows(max_rows: int) -> ValidationError:
    return ValidationError(
        _("The file has more than %(max)d rows; split it into smaller files.")
        % {"max": max_rows}
    )


def read_header(data: bytes, *, extension: str, sheet: int | str = 0) -> list[str]:
    """Only the header row (lower-case), without reading the rest of the file."""
    return _header_and_rows(data, extension, sheet)[0]


def iter_table(
    data: bytes, *, extension: str, max_rows: int = MAX_ROWS, sheet: int | str = 0
) -> tuple[list[str], Iterator[Row]]:
    """The header, and the rows one at a time: for large files that are counted or
    aggregated rather than kept (a million rows never sit in memory together)."""
    header, cleaned = _header_and_rows(data, extension, sheet)

    def rows() -> Iterator[Row]:
        count = 0
        for line, cells in cleaned:
            if not any(cells):
                continue
            count += 1
            if count > max_rows:
                raise too_many_rows(max_rows)
            yield Row(line=line, values=dict(zip(header, cells, strict=False)))

    return header, rows()


def iter_raw_rows(
    data: bytes, *, extension: str, sheet: int | str = 0
) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """The header, and every row after it with its line, as read: cells not yet
    cleaned (:func:`clean_cell`), blank rows and row ceiling left to the caller.
    For files of a million rows that are counted, where cleaning each cell would
    cost more than the counting: the caller cleans only the distinct values."""
    return _header_and_raw_rows(data, extension, sheet)


def read_table(
    data: bytes, *, extension: str, max_rows: int = MAX_ROWS, sheet: int | str = 0
) -> Table:
    """Read one sheet (XLSX; the first unless ``sheet`` names another) or the file
    (CSV); the first row is the header.

    Blank rows are skipped; line numbers still count them, so an error message
    points at the line the user sees.
    """
    header, rows = iter_table(data, extension=extension, max_rows=max_rows, sheet=sheet)
    return Table(header=header, rows=list(rows))
