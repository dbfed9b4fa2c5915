"""Server-rendered SVG for the atlas: the world choropleth and a small line chart.

The map is drawn from the boundaries prepared at setup (``boundaries.py``). Each
country has a ``<title>`` (shown on hover); countries with a figure are focusable
(``tabindex``) with an ``aria-label``, so a keyboard user can walk them; states too
small to see are drawn as a circle at their label point. Colours come from a classed
legend (a sequential blue scale, readable by colour-blind people, with the figures
also in the table beside the map). The map is never mirrored in right-to-left pages:
a map keeps its geography. The CSP forbids ``style`` attributes, so only
presentation attributes are used. Every map carries the boundaries disclaimer.
"""

import math
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .boundaries import Shape, WorldShapes

PALETTE = ("#c6dbef", "#9ecae1", "#4292c6", "#2171b5", "#08306b")
NO_DATA = "#e8e8e8"
ORIGIN = "#e69f00"
UNASSIGNED = "#d4d4d4"
BORDER = "#ffffff"
INK = "#222222"
SMALL_AREA = 6.0  # px²: below this a state is also drawn as a point
LEGEND_HEIGHT = 64
FONT = "system-ui, sans-serif"


def fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return number_format(round(value), decimal_pos=0, force_grouping=True)


def disclaimer() -> str:
    return _(
        "The boundaries and names shown and the designations used on this map do "
        "not imply official endorsement or acceptance by the programme or its "
        "partners."
    )


def _nice(value: float) -> int:
    """``value`` rounded up to two significant digits (12 345 → 13 000)."""
    if value <= 10:
        return max(math.ceil(value), 1)
    magnitude = 10 ** (int(math.log10(value)) - 1)
    return int(math.ceil(value / magnitude) * magnitude)


def class_breaks(values: Sequence[int], classes: int = len(PALETTE)) -> list[int]:
    """Upper bounds of up to ``classes`` classes, by quantiles of the positive
    values, rounded to readable numbers; the last bound is the maximum."""
    positive = sorted(v for v in values if v and v > 0)
    if not positive:
        return []
    bounds: list[int] = []
    for index in range(1, classes + 1):
        at = positive[
            min(len(positive) - 1, math.ceil(index * len(positive) / classes) - 1)
        ]
        bound = _nice(at)
        if not bounds or bound > bounds[-1]:
            bounds.append(bound)
    return bounds


def class_of(value: int, breaks: Sequence[int]) -> int:
    return next(
        (i for i, bound in enumerate(breaks) if value <= bound), len(breaks) - 1
    )


def _attrs(**values: object) -> str:
    return "".join(
        f" {name.rstrip('_').replace('_', '-')}={quoteattr(str(value))}"
        for name, value in values.items()
        if value is not None
    )


def _label(
    shape: Shape, names: dict[int, str], values: dict[int, int | None]
) -> tuple[str, int | None]:
    name = " / ".join(names.get(code, str(code)) for code in shape.codes)
    present = [values[code] for code in shape.codes if values.get(code) is not None]
    value = sum(v for v in present if v is not None) if present else None
    figure = fmt(value) if value is not None else _("no data")
    return _("%(place)s: %(figure)s") % {"place": name, "figure": figure}, value


def _shape_svg(shape: Shape, label: str, fill: str, has_data: bool) -> str:
    title = f"<title>{escape(label)}</title>"
    focus = {"tabindex": "0", "aria_label": label} if has_data else {}
    if has_data and shape.area < SMALL_AREA:
        return (
            f"<path{_attrs(d=shape.path, fill=fill)}/>"
            f"<circle{_attrs(cx=shape.x, cy=shape.y, r=3, fill=fill, stroke=INK, stroke_width='.6', **focus)}>"
            f"{title}</circle>"
        )
    return f"<path{_attrs(d=shape.path, fill=fill, **focus)}>{title}</path>"


def _legend(breaks: list[int], top: int, origin_label: str) -> str:
    parts, x, low = [], 8, 1
    items = [
        (PALETTE[i], f"{fmt(low if i == 0 else breaks[i - 1] + 1)}–{fmt(b)}")
        for i, b in enumerate(breaks)
    ]
    items += [(NO_DATA, _("no data")), (ORIGIN, origin_label)]
    for colour, text in items:
        parts.append(
            f"<rect{_attrs(x=x, y=top + 8, width=14, height=10, fill=colour, stroke='#999999', stroke_width='.5')}/>"
        )
        parts.append(f"<text{_attrs(x=x + 18, y=top + 17)}>{escape(text)}</text>")
        x += 24 + 7 * len(text)
    parts.append(f"<text{_attrs(x=8, y=top + 40)}>{escape(disclaimer())}</text>")
    return f"<g{_attrs(font_size=11, fill=INK)}>{''.join(parts)}</g>"


def choropleth_svg(
    *,
    world: WorldShapes,
    values: dict[int, int | None],
    names: dict[int, str],
    origin_code: int,
    title: str,
) -> SafeString:
    """The world map of ``values`` (by M49 code), ``origin_code`` highlighted."""
    breaks = class_breaks([v for v in values.values() if v is not None])
    body = (
        [f"<path{_attrs(d=world.unassigned, fill=UNASSIGNED)}/>"]
        if world.unassigned
        else []
    )
    for shape in world.shapes:
        label, value = _label(shape, names, values)
        if origin_code in shape.codes:
            body.append(_shape_svg(shape, names.get(origin_code, ""), ORIGIN, False))
            continue
        fill = PALETTE[class_of(value, breaks)] if value and breaks else NO_DATA
        body.append(_shape_svg(shape, label, fill, value is not None))
    x, y, width, height = world.viewbox
    viewbox = f"{x} {y} {width} {height + LEGEND_HEIGHT}"
    legend = _legend(breaks, y + height, _("country of origin"))
    return mark_safe(  # noqa: S308 - every text is escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg"{_attrs(viewBox=viewbox, class_="atlas-map", role="group", aria_labelledby="atlas-map-title", direction="ltr", font_family=FONT)}>'
        f'<title id="atlas-map-title">{escape(title)}</title>'
        f"<g{_attrs(stroke=BORDER, stroke_width='.4', fill_rule='evenodd')}>{''.join(body)}</g>"
        f"{legend}</svg>"
    )


def series_svg(
    points: Sequence[tuple[int, int | None]], *, title: str, width: int = 480
) -> SafeString:
    """A small line chart of a total by year, each point labelled and titled."""
    known = [(year, value) for year, value in points if value is not None]
    if not known:
        return mark_safe("")
    height, pad, top = 170, 36, 14
    low_year, high_year = known[0][0], known[-1][0]
    high = max(value for _year, value in known) or 1

    def x_of(year: int) -> float:
        span = max(high_year - low_year, 1)
        return round(pad + (width - 2 * pad) * (year - low_year) / span, 1)

    def y_of(value: int) -> float:
        return round(top + (height - top - 30) * (1 - value / high), 1)

    line = " ".join(f"{x_of(year)},{y_of(value)}" for year, value in known)
    parts = [
        f"<polyline{_attrs(points=line, fill='none', stroke=PALETTE[3], stroke_width=2)}/>"
    ]
    for year, value in known:
        label = _("%(year)s: %(figure)s") % {"year": year, "figure": fmt(value)}
        parts.append(
            f"<circle{_attrs(cx=x_of(year), cy=y_of(value), r=3, fill=PALETTE[4])}>"
            f"<title>{escape(label)}</title></circle>"
            f"<text{_attrs(x=x_of(year), y=height - 8, text_anchor='middle')}>{year}</text>"
        )
    parts.append(
        f"<text{_attrs(x=pad, y=top - 2, text_anchor='middle')}>{escape(fmt(high))}</text>"
    )
    return mark_safe(  # noqa: S308 - every text is escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg"{_attrs(viewBox=f"0 0 {width} {height}", class_="chart-svg", role="img", aria_label=title, direction="ltr", font_family=FONT, font_size=11, fill=INK)}>'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )
