"""Horizontal bar charts: counts by category, and amounts of several series
(planned, committed, spent) side by side for each category."""

from dataclasses import dataclass
from decimal import Decimal

from .svg import GRID, INK, MUTED, Canvas, fmt, legend, shorten

LABEL_WIDTH = 200
VALUE_ROOM = 90
LABEL_CHARS = 30


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | int


def _scale(values: list[Decimal | int], room: float) -> float:
    top = max((Decimal(v) for v in values), default=Decimal(0))
    return room / float(top) if top > 0 else 0.0


def bar_chart(
    *, uid: str, title: str, desc: str, bars: list[Bar], rtl: bool = False
) -> str:
    """One bar per category, its length proportional to its value, the value
    written after it and the category before it."""
    row = 24
    canvas = Canvas(uid=uid, height=len(bars) * row + 12, rtl=rtl)
    room = canvas.width - LABEL_WIDTH - VALUE_ROOM
    scale = _scale([bar.value for bar in bars], room)
    canvas.line(LABEL_WIDTH, 4, LABEL_WIDTH, canvas.height - 4, stroke=GRID)
    for index, bar in enumerate(bars):
        y = 6 + index * row
        width = max(float(bar.value) * scale, 1 if bar.value else 0)
        canvas.text(
            LABEL_WIDTH - 6, y + 13, shorten(bar.label, LABEL_CHARS), text_anchor="end"
        )
        canvas.rect(LABEL_WIDTH, y, width, row - 8, fill=canvas.fill(0))
        canvas.text(LABEL_WIDTH + width + 4, y + 13, fmt(bar.value), fill=MUTED)
    return canvas.render(title, desc)


@dataclass(frozen=True)
class Group:
    label: str
    values: tuple[Decimal | int, ...]


def grouped_bar_chart(
    *,
    uid: str,
    title: str,
    desc: str,
    series: list[str],
    groups: list[Group],
    rtl: bool = False,
) -> str:
    """For each category, one thin bar per series (each with its own colour and
    pattern, named in the legend), all on the same scale."""
    bar, gap = 12, 10
    block = bar * len(series) + gap
    canvas = Canvas(uid=uid, height=32 + len(groups) * block, rtl=rtl)
    legend(canvas, series, 14)
    room = canvas.width - LABEL_WIDTH - VALUE_ROOM
    scale = _scale([v for group in groups for v in group.values], room)
    for index, group in enumerate(groups):
        top = 28 + index * block
        label = shorten(group.label, LABEL_CHARS)
        canvas.text(LABEL_WIDTH - 6, top + bar, label, text_anchor="end")
        for number, value in enumerate(group.values):
            y = top + number * bar
            width = max(float(value) * scale, 1 if value else 0)
            fill = canvas.fill(number)
            canvas.rect(
                LABEL_WIDTH,
                y + 1,
                width,
                bar - 2,
                fill=fill,
                stroke=INK,
                stroke_width=0.5,
            )
            canvas.text(
                LABEL_WIDTH + width + 4,
                y + bar - 2,
                fmt(value),
                fill=MUTED,
                font_size=10,
            )
    return canvas.render(title, desc)
