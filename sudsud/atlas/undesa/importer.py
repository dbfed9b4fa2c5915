"""Turn the rows of a UN DESA workbook into stock values, inserted in batches.

Rows are matched to places by location code with one dictionary built up front, so
reading 60,000 rows makes no query per row; numbers, the usual cells, take a fast
path without a call per cell. :mod:`.writer` writes the values.

Values come out in the order of the table's unique index (destination, origin,
year, sex): rows sorted by their places once read, each row's columns by year and
sex. Appending to that index then costs a fraction of a second for a bilateral
workbook, where keys in the workbook's own order cost several seconds.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain, repeat
from operator import itemgetter
from typing import Any

from django.utils.translation import gettext as _

from .cells import clean_name, parse_code, parse_data_type, parse_value
from .layout import BILATERAL, DESTINATION, ORIGIN, Layout, ValueColumn
from .reader import DesaWorkbook
from .writer import Series, series_start

WORLD = 900
OTHER = 2003
FIRST_AGGREGATE = 900
MAX_WARNINGS = 200
_NUMBERS = frozenset({float, int})


@dataclass
class PlaceIndex:
    countries: dict[int, int]  # M49 code → place id
    world_id: int | None = None
    other_id: int | None = None


@dataclass
class Outcome:
    rows_read: int = 0
    values_stored: int = 0
    empty_cells: int = 0
    aggregate_rows: int = 0
    warnings: list[str] = field(default_factory=list)
    missing: set[int] = field(default_factory=set)
    seen: set[tuple[int, int]] = field(default_factory=set)

    def warn(self, message: str) -> None:
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(message)


def _place(code: int | None, name: Any, places: PlaceIndex, out: Outcome) -> int | None:
    """The place id of a row's axis; None for regions, groups and unknown codes."""
    if code is None:
        return None
    if code == OTHER and places.other_id is not None:
        return places.other_id
    if code >= FIRST_AGGREGATE:
        out.aggregate_rows += 1
        return None
    place_id = places.countries.get(code)
    if place_id is None and code not in out.missing:
        out.missing.add(code)
        out.warn(
            _("Location code %(code)s (%(name)s) is not a known place; skipped.")
            % {"code": code, "name": clean_name(name)}
        )
    return place_id


def _cell(row: list[Any], index: int | None) -> Any:
    return row[index] if index is not None and index < len(row) else None


def _axes(
    row: list[Any], layout: Layout, places: PlaceIndex, out: Outcome
) -> tuple[int | None, int | None]:
    origin = destination = places.world_id
    if layout.kind in (ORIGIN, BILATERAL):
        code = parse_code(_cell(row, layout.origin_code))
        origin = _place(code, _cell(row, layout.origin_name), places, out)
    if layout.kind in (DESTINATION, BILATERAL):
        code = parse_code(_cell(row, layout.destination_code))
        if code == OTHER:  # "Other" is an origin only
            out.aggregate_rows += 1
            return origin, None
        destination = _place(code, _cell(row, layout.destination_name), places, out)
    return origin, destination


def _is_data_row(row: list[Any], layout: Layout) -> bool:
    code_column = (
        layout.origin_code if layout.kind == ORIGIN else layout.destination_code
    )
    return parse_code(_cell(row, code_column)) is not None


class _Cells:
    """Reads a row's value cells in key order; built once per workbook."""

    def __init__(self, columns: list[ValueColumn]) -> None:
        self.columns = columns
        self.keys = tuple((column.year, column.sex) for column in columns)
        indexes = [column.index for column in columns]
        getter = itemgetter(*indexes)
        # itemgetter of one index returns the cell itself, not a tuple of one.
        self.pick = getter if len(indexes) > 1 else lambda row: (getter(row),)
        self.width = max(column.index for column in columns) + 1

    def params(self, row: list[Any]) -> tuple[tuple[tuple[int, str], ...], list[Any]]:
        """The row's keys and ``(value, flag)`` params, empty cells left out."""
        if len(row) >= self.width:
            cells = self.pick(row)
            # The usual row: every cell a non-negative number, none NaN (the sum
            # would be) and none a boolean. Rounded in one pass, no call per cell.
            if _NUMBERS.issuperset(map(type, cells)) and min(cells) >= 0:
                total = sum(cells)
                if total == total:
                    values = map(round, cells)
                    return self.keys, [*chain.from_iterable(zip(values, repeat("")))]
        return self._one_by_one(row)

    def _one_by_one(
        self, row: list[Any]
    ) -> tuple[tuple[tuple[int, str], ...], list[Any]]:
        keys = []
        params: list[Any] = []
        width = len(row)
        for column in self.columns:
            cell = row[column.index] if column.index < width else None
            if cell is None or cell == "":
                continue
            kind = type(cell)
            if (kind is float or kind is int) and cell >= 0:
                params += (round(cell), "")  # as the fast path: ints stay exact
            else:
                params += parse_value(cell)
            keys.append((column.year, column.sex))
        return tuple(keys), params


def _row_series(
    row: list[Any],
    layout: Layout,
    edition_id: int,
    axes: tuple[int, int],
    cells: _Cells,
) -> Series:
    origin, destination = axes
    data_type = parse_data_type(_cell(row, layout.data_type))
    keys, params = cells.params(row)
    return Series(
        keys, series_start(edition_id, origin, destination, data_type) + params
    )


def _kept_rows(
    book: DesaWorkbook, places: PlaceIndex, out: Outcome
) -> list[tuple[int, int, list[Any]]]:
    """``(destination, origin, cells)`` of the rows to store, in key order."""
    layout = book.layout
    kept = []
    for line, row in book.rows:
        if not _is_data_row(row, layout):
            continue
        out.rows_read += 1
        origin, destination = _axes(row, layout, places, out)
        if origin is None or destination is None:
            continue
        if (origin, destination) in out.seen:
            out.warn(
                _("Line %(line)d repeats a row already read; skipped.") % {"line": line}
            )
            continue
        out.seen.add((origin, destination))
        kept.append((destination, origin, row))
    kept.sort(key=lambda item: (item[0], item[1]))
    return kept


def read_series(
    book: DesaWorkbook,
    *,
    edition_id: int,
    places: PlaceIndex,
    out: Outcome,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Series]:
    """One series per stored row, in the order of the table's unique index."""
    layout = book.layout
    kept = _kept_rows(book, places, out)
    cells = _Cells(sorted(layout.values, key=lambda col: (col.year, col.sex)))
    for done, (destination, origin, row) in enumerate(kept, start=1):
        if progress and done % 5_000 == 0:
            progress(done, len(kept))
        series = _row_series(row, layout, edition_id, (origin, destination), cells)
        out.empty_cells += len(cells.keys) - len(series.keys)
        yield series
