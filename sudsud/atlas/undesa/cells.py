"""One cell of a UN DESA workbook: a number, a marker, a name or data-type codes."""

import re
from functools import lru_cache
from typing import Any

NOT_AVAILABLE = "not_available"
ROUNDS_TO_ZERO = "rounds_to_zero"
SUPPRESSED = "suppressed"
NEGATIVE = "negative"

# The workbooks' notes: ".." not available, "—" rounds to zero, "~" suppressed
# (fewer than 5), "-" a negative number. Dashes vary between en and em dash.
MARKERS = {
    "..": NOT_AVAILABLE,
    "...": NOT_AVAILABLE,
    "…": NOT_AVAILABLE,
    "—": ROUNDS_TO_ZERO,
    "–": ROUNDS_TO_ZERO,
    "~": SUPPRESSED,
    "-": NEGATIVE,
}
DATA_TYPE_CODES = ("B", "C", "R", "I")
_SEPARATORS = re.compile(r"[\s\u00a0\u202f,]")


def parse_value(cell: Any) -> tuple[int | None, str]:
    """``(value, flag)``; a flag alone says why there is no value."""
    if cell is None or isinstance(cell, bool):
        return None, NOT_AVAILABLE
    if isinstance(cell, int | float):
        return _number(float(cell))
    text = str(cell).strip()
    if not text:
        return None, NOT_AVAILABLE
    if text in MARKERS:
        flag = MARKERS[text]
        return (0, flag) if flag == ROUNDS_TO_ZERO else (None, flag)
    try:
        return _number(float(_SEPARATORS.sub("", text)))
    except ValueError:
        return None, NOT_AVAILABLE


def _number(number: float) -> tuple[int | None, str]:
    if number != number:  # NaN
        return None, NOT_AVAILABLE
    if number < 0:
        return None, NEGATIVE
    return round(number), ""


def parse_code(cell: Any) -> int | None:
    """A location code (``900.0`` → 900), or None when the cell holds none."""
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, int | float):
        return int(cell) if float(cell).is_integer() and cell >= 0 else None
    text = str(cell).strip()
    return int(text) if text.isdigit() else None


@lru_cache(maxsize=256)  # a workbook repeats a handful of codes on every row
def parse_data_type(cell: Any) -> str:
    """UN DESA data-type codes, in the workbook's order: ``"C B R"``."""
    if cell is None:
        return ""
    codes: list[str] = []
    for part in re.split(r"[\s,;/]+", str(cell).upper()):
        if part in DATA_TYPE_CODES and part not in codes:
            codes.append(part)
    return " ".join(codes)


def clean_name(cell: Any) -> str:
    """A place name without its indentation and note asterisk."""
    text = " ".join(str(cell or "").split())
    return text.rstrip("*").strip()


def normalise_header(cell: Any) -> str:
    return " ".join(str(cell or "").split()).lower()


def header_year(cell: Any) -> int | None:
    """The year of a value column's header (``1990.0`` or ``"1990"``)."""
    if isinstance(cell, bool):
        return None
    if isinstance(cell, int | float) and float(cell).is_integer():
        year = int(cell)
    else:
        text = str(cell or "").strip()
        year = int(text) if text.isdigit() else 0
    return year if 1950 <= year <= 2100 else None
