"""Where things are in a UN DESA workbook: found by header names, never positions.

The 2024 editions head their columns ``Index | Region, development group, country or
area | Coverage | Data type | Location code | years…``; the 2020 editions use
``(blank) | Region… | Notes | Location code | Type of data | years…``. The bilateral
workbook adds "of destination" / "of origin" to the names. Years repeat three times:
both sexes, then males, then females.
"""

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .cells import header_year, normalise_header

ORIGIN = "undesa_origin"
DESTINATION = "undesa_destination"
BILATERAL = "undesa_bilateral"
KIND_LABELS = {
    ORIGIN: gettext_lazy("UN DESA workbook by origin"),
    DESTINATION: gettext_lazy("UN DESA workbook by destination"),
    BILATERAL: gettext_lazy("UN DESA workbook by destination and origin"),
}
KNOWN_EDITIONS = {"Rev.2020": 2020, "Rev.2024": 2024}
SEXES = ("both", "male", "female")

NAME = "region, development group, country or area"
CODE = "location code"
DATA_TYPES = {"data type", "type of data"}
_EDITION = re.compile(r"rev\.?\s*(\d{4})", re.IGNORECASE)
_TITLE_YEAR = re.compile(r"international migrant stock\s+(\d{4})", re.IGNORECASE)


@dataclass(frozen=True)
class ValueColumn:
    index: int
    year: int
    sex: str


@dataclass(frozen=True)
class Layout:
    kind: str
    destination_code: int | None  # column of the destination's code
    origin_code: int | None  # column of the origin's code
    destination_name: int | None
    origin_name: int | None
    data_type: int | None  # data-type codes of the destination row
    values: tuple[ValueColumn, ...]


def not_a_workbook() -> ValidationError:
    return ValidationError(
        _(
            "This file is not a UN DESA International Migrant Stock workbook: no "
            "table with the columns “Location code” and years was found."
        ),
        code="not_undesa",
    )


def detect_edition(texts: list[str]) -> str | None:
    """``"Rev.2024"`` from ``POP/DB/MIG/Stock/Rev.2024`` or the title's year."""
    for pattern in (_EDITION, _TITLE_YEAR):
        for text in texts:
            match = pattern.search(text)
            if match:
                return f"Rev.{match.group(1)}"
    return None


def check_edition(edition: str | None) -> str:
    if edition not in KNOWN_EDITIONS:
        raise ValidationError(
            _(
                "Unknown UN DESA edition “%(edition)s”: this importer reads the "
                "editions %(known)s."
            )
            % {"edition": edition or "?", "known": ", ".join(KNOWN_EDITIONS)},
            code="unknown_edition",
        )
    return str(edition)


def is_header(row: list[Any]) -> bool:
    names = {normalise_header(cell) for cell in row}
    has_code = any(name.startswith(CODE) for name in names)
    return has_code and any(header_year(cell) for cell in row)


def _columns(header: list[str]) -> dict[str, int]:
    """Each non-blank header name → its first column."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        if name and name not in found:
            found[name] = index
    return found


def _values(row: list[Any]) -> tuple[ValueColumn, ...]:
    seen: Counter[int] = Counter()
    columns = []
    for index, cell in enumerate(row):
        year = header_year(cell)
        if year is None:
            continue
        if seen[year] >= len(SEXES):
            raise not_a_workbook()
        columns.append(ValueColumn(index, year, SEXES[seen[year]]))
        seen[year] += 1
    return tuple(columns)


def _data_type_column(columns: dict[str, int]) -> int | None:
    for name, index in columns.items():
        base = name.removesuffix(" of destination")
        if base in DATA_TYPES:
            return index
    return None


def detect_kind(titles: str, columns: dict[str, int]) -> str:
    if f"{CODE} of destination" in columns and f"{CODE} of origin" in columns:
        return BILATERAL
    text = titles.lower()
    if CODE not in columns or "destination and origin" in text:
        raise not_a_workbook()
    if "of origin" in text or ": origin" in text:
        return ORIGIN
    if "of destination" in text or ": destination" in text:
        return DESTINATION
    raise ValidationError(
        _(
            "The workbook does not say whether it is by origin, by destination or "
            "by destination and origin; its title rows were changed."
        ),
        code="unknown_kind",
    )


def build_layout(header_row: list[Any], titles: str) -> Layout:
    columns = _columns([normalise_header(cell) for cell in header_row])
    kind = detect_kind(titles, columns)
    values = _values(header_row)
    if not values:
        raise not_a_workbook()
    if kind == BILATERAL:
        return Layout(
            kind=kind,
            destination_code=columns[f"{CODE} of destination"],
            origin_code=columns[f"{CODE} of origin"],
            destination_name=columns.get(f"{NAME} of destination"),
            origin_name=columns.get(f"{NAME} of origin"),
            data_type=_data_type_column(columns),
            values=values,
        )
    code, name = columns[CODE], columns.get(NAME)
    is_origin = kind == ORIGIN
    return Layout(
        kind=kind,
        destination_code=None if is_origin else code,
        origin_code=code if is_origin else None,
        destination_name=None if is_origin else name,
        origin_name=name if is_origin else None,
        # By origin, the "data type" describes the country as a destination.
        data_type=None if is_origin else _data_type_column(columns),
        values=values,
    )
