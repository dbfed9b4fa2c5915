from collections.abc import Iterable, Sequence
from typing import Any

from django.http import HttpResponse

from sudsud.core.exports import csv_bytes


def csv_attachment(
    header: Sequence[str], rows: Iterable[Sequence[Any]], filename: str
) -> HttpResponse:
    """A CSV download named ``filename``."""
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
