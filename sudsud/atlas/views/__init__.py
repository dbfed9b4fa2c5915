from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from sudsud.core.exports import csv_bytes, xlsx_bytes

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_attachment(
    header: Sequence[str], rows: Iterable[Sequence[Any]], filename: str
) -> HttpResponse:
    """A CSV download named ``filename``."""
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def xlsx_attachment(
    header: Sequence[str], rows: Iterable[Sequence[Any]], filename: str
) -> HttpResponse:
    """An XLSX download named ``filename`` (one sheet)."""
    response = HttpResponse(xlsx_bytes(header, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


DOWNLOADS = ("csv", "xlsx")


def table_attachment(
    extension: str, header: Sequence[str], rows: Iterable[Sequence[Any]], stem: str
) -> HttpResponse:
    """A table as ``<stem>.csv`` or ``<stem>.xlsx`` (``extension`` in DOWNLOADS)."""
    attachment = xlsx_attachment if extension == "xlsx" else csv_attachment
    return attachment(header, rows, f"{stem}.{extension}")
