"""A line chart of target and actual per period (an indicator's series).

The target is a dashed line with square markers, the actual a solid line with round
markers, each named in the legend; a missing value breaks its line rather than
being drawn as zero.
"""

from dataclasses import dataclass
from decimal import Decimal

from .svg import GRID, MUTED, PALETTE, Canvas, fmt, shorten

LEFT, RIGHT, TOP, PLOT_HEIGHT = 64, 24, 40, 200


@dataclass(frozen=True)
class Point:
    label: str
    target: Decimal | None
    actual: Decimal | None


def _nice_top(values: list[Decimal]) -> Decimal:
    top = max(values, default=Decimal(0))
    if top <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(top))) - 1)
    for step in (1, 2, 5, 10):
        if top <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _segments(
    xs: list[float], values: list[float | None]
) -> list[list[tuple[float, float]]]:
    segments: list[list[tuple[float, float]]] = [[]]
    for x, y in zip(xs, values, strict=True):
        if y is None:
            segments.append([])
        else:
            segments[-1].append((x, y))
    return [segment for segment in segments if segment]


def _axes(canvas: Canvas, top: Decimal) -> None:
    for step in range(5):
        value = top * step / 4
        y = TOP + PLOT_HEIGHT - PLOT_HEIGHT * step / 4
        canvas.line(LEFT, y, canvas.width - RIGHT, y, stroke=GRID)
        canvas.text(LEFT - 6, y + 4, fmt(value), text_anchor="end", fill=MUTED)


def series_chart(
    *,
    uid: str,
    title: str,
    desc: str,
    names: tuple[str, str],
    points: list[Point],
    rtl: bool = False,
) -> str:
    """``names`` are the legend's words for the target and the actual series."""
    canvas = Canvas(uid=uid, height=TOP + PLOT_HEIGHT + 44, rtl=rtl)
    known = [v for p in points for v in (p.target, p.actual) if v is not None]
    top = _nice_top(known)
    _axes(canvas, top)
    step = (canvas.width - LEFT - RIGHT) / max(len(points), 1)
    xs = [LEFT + step * (i + 0.5) for i in range(len(points))]

    def y_of(value: Decimal | None) -> float | None:
        if value is None:
            return None
        return TOP + PLOT_HEIGHT - PLOT_HEIGHT * float(value / top)

    targets = [y_of(p.target) for p in points]
    actuals = [y_of(p.actual) for p in points]
    _draw(canvas, xs, targets, 1, dashed=True)
    _draw(canvas, xs, actuals, 0, dashed=False)
    for x, point, y in zip(xs, points, actuals, strict=True):
        label_y = TOP + PLOT_HEIGHT + 18
        canvas.text(x, label_y, shorten(point.label, 14), text_anchor="middle")
        if y is not None and len(points) <= 12:
            canvas.text(x, y - 8, fmt(point.actual), text_anchor="middle", font_size=10)
    _legend(canvas, names)
    return canvas.render(title, desc)


def _draw(
    canvas: Canvas,
    xs: list[float],
    ys: list[float | None],
    series: int,
    *,
    dashed: bool,
) -> None:
    colour = PALETTE[series]
    dash = "6 4" if dashed else None
    for segment in _segments(xs, ys):
        if len(segment) > 1:
            canvas.polyline(
                segment,
                fill="none",
                stroke=colour,
                stroke_width=2,
                stroke_dasharray=dash,
            )
    for x, y in (point for segment in _segments(xs, ys) for point in segment):
        _marker(canvas, x, y, series)


def _marker(canvas: Canvas, x: float, y: float, series: int) -> None:
    colour = PALETTE[series]
    if series == 0:
        canvas.circle(x, y, 4, fill=colour)
    else:
        canvas.rect(x - 4, y - 4, 8, 8, fill="#ffffff", stroke=colour, stroke_width=2)


def _legend(canvas: Canvas, names: tuple[str, str]) -> None:
    x = LEFT
    for series, name in ((1, names[0]), (0, names[1])):
        dash = "6 4" if series else None
        colour = PALETTE[series]
        canvas.line(
            x, 16, x + 24, 16, stroke=colour, stroke_width=2, stroke_dasharray=dash
        )
        _marker(canvas, x + 12, 16, series)
        canvas.text(x + 30, 20, name)
        x += 50 + 7 * len(name)
