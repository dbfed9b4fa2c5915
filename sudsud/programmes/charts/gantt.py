"""A timeline (Gantt) of activities: the planned period as a hatched bar, the
actual period as a solid bar inside it, a line for today, and late activities
named "late" in words as well as in red."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .svg import GRID, INK, LATE, MUTED, PALETTE, Canvas, legend, shorten

LABEL_WIDTH = 190
RIGHT = 16
ROW = 26
TOP = 44

Span = tuple[datetime.date | None, datetime.date | None]


@dataclass(frozen=True)
class GanttRow:
    label: str
    planned: Span
    actual: Span
    late: bool = False


def _bounds(
    rows: list[GanttRow], today: datetime.date
) -> tuple[datetime.date, datetime.date]:
    dates = [today] + [
        d for row in rows for d in (*row.planned, *row.actual) if d is not None
    ]
    first, last = min(dates), max(dates)
    first = first.replace(month=1, day=1)
    last = last.replace(month=12, day=31)
    return first, last


def _ticks(first: datetime.date, last: datetime.date) -> list[datetime.date]:
    years = list(range(first.year, last.year + 1))
    if len(years) > 2:
        return [datetime.date(year, 1, 1) for year in years]
    return [datetime.date(year, month, 1) for year in years for month in (1, 4, 7, 10)]


def gantt_chart(
    *,
    uid: str,
    title: str,
    desc: str,
    rows: list[GanttRow],
    today: datetime.date,
    rtl: bool = False,
) -> str:
    canvas = Canvas(uid=uid, height=TOP + len(rows) * ROW + 8, rtl=rtl)
    first, last = _bounds(rows, today)
    room = canvas.width - LABEL_WIDTH - RIGHT
    span = max((last - first).days, 1)

    def x_of(day: datetime.date) -> float:
        return LABEL_WIDTH + room * (day - first).days / span

    # Series 0 (solid) is the actual period, series 1 (hatched) the planned one.
    legend(canvas, [_("Actual"), _("Planned")], 14, x=LABEL_WIDTH)
    for tick in _ticks(first, last):
        label = str(tick.year) if tick.month == 1 else f"{tick.month:02d}"
        canvas.line(x_of(tick), TOP - 8, x_of(tick), canvas.height, stroke=GRID)
        canvas.text(x_of(tick) + 2, TOP - 10, label, fill=MUTED, font_size=10)
    for index, row in enumerate(rows):
        _row(canvas, row, TOP + index * ROW, x_of)
    now = x_of(today)
    canvas.line(
        now,
        TOP - 20,
        now,
        canvas.height,
        stroke=LATE,
        stroke_width=1.5,
        stroke_dasharray="3 2",
    )
    canvas.text(
        now - 2, TOP - 22, _("Today"), fill=LATE, text_anchor="end", font_size=10
    )
    return canvas.render(title, desc)


def _row(
    canvas: Canvas, row: GanttRow, y: float, x_of: Callable[[datetime.date], float]
) -> None:
    label = shorten(row.label, 26)
    if row.late:
        label = _("%(label)s (late)") % {"label": label}
    colour = LATE if row.late else INK
    canvas.text(LABEL_WIDTH - 6, y + 15, label, text_anchor="end", fill=colour)
    start, end = row.planned
    if start and end:
        width = max(x_of(end) - x_of(start), 2)
        stroke = LATE if row.late else PALETTE[1]
        canvas.rect(x_of(start), y + 3, width, 16, fill=canvas.fill(1), stroke=stroke)
    start, end = row.actual
    if start and end:
        width = max(x_of(end) - x_of(start), 2)
        canvas.rect(x_of(start), y + 8, width, 6, fill=canvas.fill(0))
