"""Reading a national file's rows through a mapping into counted cells.

Nothing is written here: :func:`read_counts` and :func:`read_person_counts` return
the cells, the errors (each with its line number) and the country values no place
matched, and the service writes only when there are neither errors nor unmatched
values.

A person-level file of a million rows repeats a few thousand distinct rows:
:func:`read_person_counts` first counts identical rows as they stream past (one
dictionary update per row, cells left as read), then cleans, checks, matches and
counts each distinct row once, weighted by its repeats.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sudsud.atlas.models import Sex
from sudsud.core.tabular import Row, clean_cell, too_many_rows

from .aggregate import Key, add_both_sexes, age_group, person_keys
from .mapping import AGGREGATED, Mapping, sex_parse
from .matching import PlaceMatcher

MAX_ERRORS = 50


@dataclass
class Reading:
    counts: dict[Key, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    unmatched: dict[str, int] = field(default_factory=dict)  # value → first line
    totals_added: int = 0  # both-sexes cells computed as men + women
    lines: dict[Key, int] = field(default_factory=dict)
    rows_read: int = 0

    def error(self, line: int, message: str) -> None:
        self.errors.append(
            _("Line %(line)d: %(message)s") % {"line": line, "message": message}
        )


def _cell(row: Row, mapping: Mapping, name: str) -> str:
    if name in mapping.fixed:
        return mapping.fixed[name]
    column = mapping.columns.get(name)
    return row.values.get(column, "").strip() if column else ""


def _place(row: Row, mapping: Mapping, name: str, ctx: "_Context") -> int | None:
    text = _cell(row, mapping, name)
    if not text:
        ctx.reading.error(row.line, _("the country is missing."))
        return None
    found = ctx.matcher.match(text)
    if found is None:
        ctx.reading.unmatched.setdefault(text, row.line)
    return found


@lru_cache(maxsize=4096)  # years and small counts recur
def _number(text: str) -> int | None:
    try:
        number = float(text.replace(" ", "").replace("\u202f", ""))
    except ValueError:
        return None
    return int(number) if number.is_integer() and number >= 0 else None


@dataclass
class _Context:
    mapping: Mapping
    matcher: PlaceMatcher
    reading: Reading


def _common(row: Row, ctx: _Context) -> tuple[int, int, int] | None:
    year_text = _cell(row, ctx.mapping, "year")
    year = _number(year_text)
    if year is None or not 1900 <= year <= 2100:
        ctx.reading.error(
            row.line, _("“%(value)s” is not a year.") % {"value": year_text}
        )
    origin = _place(row, ctx.mapping, "origin", ctx)
    destination = _place(row, ctx.mapping, "destination", ctx)
    if year is None or origin is None or destination is None:
        return None
    return year, origin, destination


def _sex(row: Row, ctx: _Context, default: str) -> str | None:
    text = _cell(row, ctx.mapping, "sex")
    if not text:
        return default
    sex = sex_parse(text)
    if sex is None:
        ctx.reading.error(
            row.line, _("“%(value)s” is not a sex we know.") % {"value": text}
        )
    return sex


def _add(ctx: _Context, key: Key, count: int, line: int) -> None:
    reading = ctx.reading
    if key in reading.counts:
        reading.error(
            line,
            _("the same figure is already on line %(first)d.")
            % {"first": reading.lines[key]},
        )
        return
    reading.counts[key] = count
    reading.lines[key] = line


def _aggregated_row(row: Row, ctx: _Context) -> None:
    common = _common(row, ctx)
    pairs = ctx.mapping.sex_columns.items()
    if not pairs:
        sex = _sex(row, ctx, default="")
        pairs = {sex or "": ctx.mapping.columns.get("count", "")}.items()
    for sex, column in pairs:
        text = row.values.get(column, "").strip()
        if not text:
            continue  # an empty cell in a wide file: no figure
        count = _number(text)
        if count is None:
            message = _("“%(value)s” is not a number of people.") % {"value": text}
            ctx.reading.error(row.line, message)
        elif common is not None and sex:
            _add(ctx, (*common, sex, "", ""), count, row.line)


def _person_row(row: Row, ctx: _Context, repeats: int = 1) -> None:
    common = _common(row, ctx)
    sex = _sex(row, ctx, default=Sex.BOTH.value)
    if common is None or sex is None:
        return
    year, origin, destination = common
    age = age_group(_cell(row, ctx.mapping, "age"))
    sub = _cell(row, ctx.mapping, "subnational")[:120]
    counts = ctx.reading.counts
    for key in person_keys(
        year=year, origin=origin, destination=destination, sex=sex, age=age, sub=sub
    ):
        counts[key] = counts.get(key, 0) + repeats


def read_counts(
    rows: Iterable[Row],
    *,
    mapping: Mapping,
    matcher: PlaceMatcher,
    progress: Callable[[int], None] | None = None,
) -> Reading:
    """Read every row; stop collecting errors after :data:`MAX_ERRORS`."""
    ctx = _Context(mapping=mapping, matcher=matcher, reading=Reading())
    read_row = _aggregated_row if mapping.layout == AGGREGATED else _person_row
    for row in rows:
        ctx.reading.rows_read += 1
        read_row(row, ctx)
        if len(ctx.reading.errors) >= MAX_ERRORS:
            break
        if progress is not None and ctx.reading.rows_read % 10_000 == 0:
            progress(ctx.reading.rows_read)
    if mapping.layout == AGGREGATED:
        ctx.reading.totals_added = add_both_sexes(ctx.reading.counts)
    return ctx.reading


def _picker(indexes: list[int]) -> Callable[[list[Any]], tuple[Any, ...]]:
    if len(indexes) == 1:
        only = indexes[0]
        return lambda cells: (cells[only],)
    return itemgetter(*indexes)


def _is_blank(cells: Iterable[Any]) -> bool:
    return not any(clean_cell(cell) for cell in cells)


@dataclass
class _Groups:
    """Identical rows (on the mapped cells) counted together, blank rows left out.

    ``repeats`` holds only keys with a non-blank cell, so that the usual row costs
    one dictionary update; rows whose mapped cells are all blank (maybe a blank
    row) always take the slower path, which checks the whole row."""

    indexes: list[int]
    max_rows: int
    repeats: dict[tuple[Any, ...], int] = field(default_factory=dict)
    blank_repeats: dict[tuple[Any, ...], int] = field(default_factory=dict)
    first_lines: dict[tuple[Any, ...], int] = field(default_factory=dict)
    rows: int = 0

    def __post_init__(self) -> None:
        self.pick = _picker(self.indexes)
        self.width = max(self.indexes) + 1

    def add_new(self, line: int, cells: list[Any]) -> None:
        if len(cells) < self.width:  # a short CSV line: the missing cells are empty
            cells = [*cells, *[""] * (self.width - len(cells))]
        key = self.pick(cells)
        if key in self.repeats:
            self.repeats[key] += 1
        elif _is_blank(key):
            if _is_blank(cells):
                return
            self.blank_repeats[key] = self.blank_repeats.get(key, 0) + 1
            self.first_lines.setdefault(key, line)
        else:
            self.repeats[key] = 1
            self.first_lines[key] = line
        self.rows += 1

    def count(self, key: tuple[Any, ...]) -> int:
        return self.repeats.get(key) or self.blank_repeats[key]


def _group_rows(
    rows: Iterable[tuple[int, list[Any]]],
    groups: _Groups,
    progress: Callable[[int], None] | None,
) -> None:
    pick, repeats = groups.pick, groups.repeats
    since_check, every = 0, 10_000  # row ceiling and progress
    for line, cells in rows:
        try:
            repeats[pick(cells)] += 1  # the usual row: seen before, not blank
            since_check += 1
        except (KeyError, IndexError):
            groups.add_new(line, cells)
        if since_check >= every:
            groups.rows += since_check
            since_check = 0
            if groups.rows > groups.max_rows:
                raise too_many_rows(groups.max_rows)
            if progress is not None:
                progress(groups.rows)
    groups.rows += since_check
    if groups.rows > groups.max_rows:
        raise too_many_rows(groups.max_rows)


def _mapped_columns(header: list[str], mapping: Mapping) -> dict[str, int]:
    """Each mapped column's position (the last of a repeated name, as rows read)."""
    positions = {name: index for index, name in enumerate(header)}
    return {
        column: positions[column]
        for column in mapping.columns.values()
        if column in positions
    }


def _distinct_rows(groups: _Groups, columns: list[str]) -> Iterator[tuple[Row, int]]:
    """Each distinct row, cleaned, with its repeats; in the order of first lines."""
    cleaned: dict[Any, str] = {}  # the same few values recur in every column
    for key, line in groups.first_lines.items():
        values = {}
        for column, cell in zip(columns, key, strict=True):
            text = cleaned.get(cell)
            if text is None:
                text = cleaned[cell] = clean_cell(cell)
            values[column] = text
        yield Row(line=line, values=values), groups.count(key)


def read_person_counts(
    header: list[str],
    rows: Iterable[tuple[int, list[Any]]],
    *,
    mapping: Mapping,
    matcher: PlaceMatcher,
    max_rows: int,
    progress: Callable[[int], None] | None = None,
) -> Reading:
    """Count a person-level file's raw rows (see the module's notes); an error in a
    repeated row is given once, at its first line, with the number of the others."""
    ctx = _Context(mapping=mapping, matcher=matcher, reading=Reading())
    positions = _mapped_columns(header, mapping)
    if not positions:  # every field fixed: each non-blank row is one person
        positions = {"": 0}
    groups = _Groups(indexes=list(positions.values()), max_rows=max_rows)
    _group_rows(rows, groups, progress)
    ctx.reading.rows_read = groups.rows
    errors = ctx.reading.errors
    for row, repeats in _distinct_rows(groups, list(positions)):
        before = len(errors)
        _person_row(row, ctx, repeats)
        if repeats > 1:
            errors[before:] = [
                _repeated(error, repeats - 1) for error in errors[before:]
            ]
        if len(errors) >= MAX_ERRORS:
            break
    return ctx.reading


def _repeated(error: str, others: int) -> str:
    return ngettext(
        "%(error)s (and %(count)d other line with the same values)",
        "%(error)s (and %(count)d other lines with the same values)",
        others,
    ) % {"error": error, "count": others}
