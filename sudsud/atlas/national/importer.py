"""Reading a national file's rows through a mapping into counted cells.

Nothing is written here: :func:`read_counts` returns the cells, the errors (each
with its line number) and the country values no place matched, and the service
writes only when there are neither errors nor unmatched values.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from sudsud.atlas.models import Sex
from sudsud.core.tabular import Row

from .aggregate import Key, age_group, person_keys
from .mapping import AGGREGATED, Mapping, sex_parse
from .matching import PlaceMatcher

MAX_ERRORS = 50


@dataclass
class Reading:
    counts: dict[Key, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    unmatched: dict[str, int] = field(default_factory=dict)  # value → first line
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


def _person_row(row: Row, ctx: _Context) -> None:
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
        counts[key] = counts.get(key, 0) + 1


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
    return ctx.reading
