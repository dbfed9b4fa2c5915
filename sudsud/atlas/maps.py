"""Server-rendered SVG for the atlas: the world choropleth and a small line chart.

The map is drawn from the boundaries prepared at setup (``boundaries.py``). Each
country has a ``<title>`` (shown on hover); countries with a figure are focusable
(``tabindex``) with an ``aria-label``, so a keyboard user can walk them; states too
small to see are drawn as a circle at their label point. Colours come from a classed
legend (a sequential blue scale, readable by colour-blind people, with the figures
also in the table beside the map). The map is never mirrored in right-to-left pages:
a map keeps its geography. The CSP forbids ``style`` attributes, so only
presentation attributes are used. Every map carries the boundaries disclaimer.

``choropleth_build`` classes and colours the countries once; the page's inline SVG
(``choropleth_svg``), the standalone SVG file (``choropleth_document``) and the PNG
(``map_raster.choropleth_png``) all draw that same ``Choropleth``.
"""

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sudsud.core.numbers import grouped

from .boundaries import Shape, WorldShapes

PALETTE = ("#c6dbef", "#9ecae1", "#4292c6", "#2171b5", "#08306b")
NO_DATA = "#e8e8e8"
ORIGIN = "#e69f00"
UNASSIGNED = "#d4d4d4"
BORDER = "#ffffff"
INK = "#222222"
AXIS = "#8a8a8a"
GRID = "#d0d0d0"
SMALL_AREA = 6.0  # px²: below this a state is also drawn as a point
LEGEND_HEIGHT = 64
FONT = "system-ui, sans-serif"


def fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return grouped(round(value))


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


@dataclass(frozen=True)
class MapShape:
    """One country as drawn: its hover title, its colour, and whether it has a
    figure (then it is focusable, and drawn as a point too when tiny)."""

    shape: Shape
    label: str
    fill: str
    has_data: bool

    @property
    def is_point(self) -> bool:
        return self.has_data and self.shape.area < SMALL_AREA


@dataclass(frozen=True)
class Choropleth:
    """The classed map, ready to draw as inline SVG, an SVG file or a PNG."""

    title: str
    viewbox: tuple[int, int, int, int]
    unassigned: str
    shapes: tuple[MapShape, ...]
    legend: tuple[tuple[str, str], ...]  # (colour, text)


def _label(
    shape: Shape, names: dict[int, str], values: dict[int, int | None]
) -> tuple[str, int | None]:
    name = " / ".join(names.get(code, str(code)) for code in shape.codes)
    present = [values[code] for code in shape.codes if values.get(code) is not None]
    value = sum(v for v in present if v is not None) if present else None
    figure = fmt(value) if value is not None else _("no data")
    return _("%(place)s: %(figure)s") % {"place": name, "figure": figure}, value


def _legend_items(breaks: list[int]) -> tuple[tuple[str, str], ...]:
    items = [
        (PALETTE[i], f"{fmt(1 if i == 0 else breaks[i - 1] + 1)}–{fmt(bound)}")
        for i, bound in enumerate(breaks)
    ]
    items += [(NO_DATA, _("no data")), (ORIGIN, _("country of origin"))]
    return tuple(items)


def choropleth_build(
    *,
    world: WorldShapes,
    values: dict[int, int | None],
    names: dict[int, str],
    origin_code: int,
    title: str,
) -> Choropleth:
    """The world map of ``values`` (by M49 code), ``origin_code`` highlighted."""
    breaks = class_breaks([v for v in values.values() if v is not None])
    shapes = []
    for shape in world.shapes:
        if origin_code in shape.codes:
            origin = names.get(origin_code, "")
            shapes.append(MapShape(shape, origin, ORIGIN, has_data=False))
            continue
        label, value = _label(shape, names, values)
        fill = PALETTE[class_of(value, breaks)] if value and breaks else NO_DATA
        shapes.append(MapShape(shape, label, fill, has_data=value is not None))
    return Choropleth(
        title=title,
        viewbox=world.viewbox,
        unassigned=world.unassigned,
        shapes=tuple(shapes),
        legend=_legend_items(breaks),
    )


def _shape_svg(item: MapShape) -> str:
    shape, fill = item.shape, item.fill
    title = f"<title>{escape(item.label)}</title>"
    focus = {"tabindex": "0", "aria_label": item.label} if item.has_data else {}
    if item.is_point:
        return (
            f"<path{_attrs(d=shape.path, fill=fill)}/>"
            f"<circle{_attrs(cx=shape.x, cy=shape.y, r=3, fill=fill, stroke=INK, stroke_width='.6', **focus)}>"
            f"{title}</circle>"
        )
    return f"<path{_attrs(d=shape.path, fill=fill, **focus)}>{title}</path>"


def map_group_svg(choropleth: Choropleth) -> str:
    """The countries (and unassigned areas) in the boundaries' own coordinates."""
    body = (
        [f"<path{_attrs(d=choropleth.unassigned, fill=UNASSIGNED)}/>"]
        if choropleth.unassigned
        else []
    )
    body += [_shape_svg(item) for item in choropleth.shapes]
    return f"<g{_attrs(stroke=BORDER, stroke_width='.4', fill_rule='evenodd')}>{''.join(body)}</g>"


def rtl_line(text: str) -> str:
    """``text`` in a right-to-left embedding (RLE … PDF). Anchored by its end in a
    left-to-right document, the line then sits against the right margin and reads
    right to left, with Latin names and figures in place, in every SVG renderer:
    the ``direction`` attribute, which would do the same, is not read by all."""
    return f"\u202b{text}\u202c"


def legend_items_svg(
    items: Sequence[tuple[str, str]], top: float, *, right: float | None = None
) -> str:
    """The legend's swatches and labels in one row, ``top`` above them: from the
    left edge, or, with ``right`` (right-to-left languages), from that x leftwards,
    each swatch to the right of its label."""
    parts, x = [], 8.0
    for colour, text in items:
        step = 24 + 7 * len(text)
        if right is None:
            swatch, label = x, _attrs(x=x + 18, y=top + 17)
        else:
            swatch = right - x - 14 + 8
            label = _attrs(x=swatch - 4, y=top + 17, text_anchor="end")
        parts.append(
            f"<rect{_attrs(x=swatch, y=top + 8, width=14, height=10, fill=colour, stroke='#999999', stroke_width='.5')}/>"
        )
        parts.append(f"<text{label}>{escape(text)}</text>")
        x += step
    return "".join(parts)


NOTE_LINE = 14  # the disclaimer's leading under the inline map


def disclaimer_lines(width: float) -> list[str]:
    """The disclaimer wrapped to ``width`` (an SVG cannot wrap its own text)."""
    return textwrap.wrap(disclaimer(), int((width - 16) / (0.6 * 11)))


def _legend(
    items: Sequence[tuple[str, str]],
    top: int,
    lines: list[str],
    *,
    right: float | None = None,
) -> str:
    legend = legend_items_svg(items, top, right=right)
    notes = []
    for index, line in enumerate(lines):
        y = top + 40 + NOTE_LINE * index
        if right is None:
            notes.append(f"<text{_attrs(x=8, y=y)}>{escape(line)}</text>")
        else:
            place = _attrs(x=right, y=y, text_anchor="end")
            notes.append(f"<text{place}>{escape(rtl_line(line))}</text>")
    return f"<g{_attrs(font_size=11, fill=INK)}>{legend}{''.join(notes)}</g>"


def choropleth_svg(
    *,
    world: WorldShapes,
    values: dict[int, int | None],
    names: dict[int, str],
    origin_code: int,
    title: str,
) -> SafeString:
    """The map inline in a page: ``choropleth_build``'s map with its legend."""
    choropleth = choropleth_build(
        world=world, values=values, names=names, origin_code=origin_code, title=title
    )
    x, y, width, height = choropleth.viewbox
    lines = disclaimer_lines(width)
    extra = NOTE_LINE * max(len(lines) - 1, 0)
    viewbox = f"{x} {y} {width} {height + LEGEND_HEIGHT + extra}"
    right = x + width - 8 if translation.get_language_bidi() else None
    legend = _legend(choropleth.legend, y + height, lines, right=right)
    return mark_safe(  # noqa: S308 - every text is escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg"{_attrs(viewBox=viewbox, class_="atlas-map", role="group", aria_labelledby="atlas-map-title", direction="ltr", font_family=FONT)}>'
        f'<title id="atlas-map-title">{escape(title)}</title>'
        f"{map_group_svg(choropleth)}{legend}</svg>"
    )


@dataclass(frozen=True)
class MapNotes:
    """What a map file says besides the map, since it travels without its page."""

    subtitle: str
    source: str
    credit: str
    disclaimer: str
    language: str

    @property
    def footnotes(self) -> tuple[str, ...]:
        return tuple(
            note for note in (self.source, self.credit, self.disclaimer) if note
        )


# The file's layout, in the boundaries' pixels (the map is 960 wide). Lines are
# wrapped by count of characters: an SVG file cannot measure its text, and about
# 0.6 em a character keeps a line inside the width in common sans-serif fonts.
DOC_MARGIN = 16
TITLE_SIZE, TITLE_LEADING = 18, 23
NOTE_LEADING = 15


def _wrapped(text: str, size: int, width: float) -> list[str]:
    return textwrap.wrap(text, int(width / (0.6 * size)), break_on_hyphens=False)


def _lines_svg(
    lines: list[str],
    top: float,
    leading: int,
    *,
    right: float | None = None,
    **attrs: object,
) -> str:
    """Lines from the left margin, or right-aligned at ``right`` (right to left)."""
    place: dict[str, object]
    if right is None:
        place = {"x": DOC_MARGIN}
    else:
        place = {"x": right, "text_anchor": "end"}
        lines = [rtl_line(line) for line in lines]
    texts = "".join(
        f"<text{_attrs(y=top + leading * i, **place)}>{escape(line)}</text>"
        for i, line in enumerate(lines)
    )
    return f"<g{_attrs(**attrs)}>{texts}</g>"


def choropleth_document(choropleth: Choropleth, notes: MapNotes) -> str:
    """The map as a standalone SVG file: title, subtitle, map, legend, source and
    disclaimer, with nothing fetched from elsewhere (no font, no stylesheet)."""
    x, y, width, height = choropleth.viewbox
    text_width = width - 2 * DOC_MARGIN
    title = _wrapped(choropleth.title, TITLE_SIZE, text_width)
    subtitle_top = DOC_MARGIN + TITLE_SIZE + TITLE_LEADING * len(title)
    map_top = subtitle_top + 14
    footnotes = [
        line for note in notes.footnotes for line in _wrapped(note, 11, text_width)
    ]
    notes_top = map_top + height + 44
    total = notes_top + NOTE_LEADING * len(footnotes) + DOC_MARGIN
    description = " ".join([f"{notes.subtitle}.", *notes.footnotes])
    right = (
        width - DOC_MARGIN
        if translation.get_language_info(notes.language)["bidi"]
        else None
    )
    root = _attrs(
        width=width,
        height=total,
        viewBox=f"0 0 {width} {total}",
        direction="ltr",
        font_family=FONT,
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" xml:lang={quoteattr(notes.language)}{root}>'
        f"<title>{escape(choropleth.title)}</title><desc>{escape(description)}</desc>"
        f"<rect{_attrs(width=width, height=total, fill='#ffffff')}/>"
        + _lines_svg(
            title,
            DOC_MARGIN + TITLE_SIZE,
            TITLE_LEADING,
            right=right,
            font_size=TITLE_SIZE,
            font_weight="bold",
            fill=INK,
        )
        + _lines_svg(
            [notes.subtitle], subtitle_top, 0, right=right, font_size=13, fill=INK
        )
        + f"<g{_attrs(transform=f'translate({-x} {map_top - y})')}>"
        f"{map_group_svg(choropleth)}</g>"
        f"<g{_attrs(font_size=11, fill=INK)}>"
        f"{legend_items_svg(choropleth.legend, map_top + height, right=right)}</g>"
        + _lines_svg(
            footnotes, notes_top, NOTE_LEADING, right=right, font_size=11, fill=INK
        )
        + "</svg>\n"
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
    # The scale starts at zero: draw that axis and the top of the scale, or the
    # line floats with nothing to read it against.
    axis = {"x1": pad, "x2": width - pad, "stroke_width": 1}
    parts = [
        f"<line{_attrs(**axis, y1=y_of(0), y2=y_of(0), stroke=AXIS)}/>",
        f"<line{_attrs(**axis, y1=y_of(high), y2=y_of(high), stroke=GRID, stroke_dasharray='3 3')}/>",
        f"<text{_attrs(x=pad - 6, y=y_of(0) + 4, text_anchor='end')}>0</text>",
        f"<polyline{_attrs(points=line, fill='none', stroke=PALETTE[3], stroke_width=2)}/>",
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
