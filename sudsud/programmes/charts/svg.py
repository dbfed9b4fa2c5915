"""A tiny SVG drawing surface shared by the chart builders.

Charts are drawn on the server as inline SVG (no JavaScript, no library): a few
kilobytes each, readable by screen readers (``role="img"`` with a ``<title>`` and a
``<desc>``), with text labels on every bar or point and a pattern as well as a colour
for each series, so colour is never the only cue. The CSP forbids ``style``
attributes: only presentation attributes (``fill``, ``stroke``…) are used.

Right-to-left pages (Arabic) get a mirrored chart: every x coordinate is flipped and
``direction="rtl"`` is set on the root, which also flips what ``text-anchor`` means,
so labels keep their place relative to their bars.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
FONT = "system-ui, sans-serif"
INK = "#222222"
MUTED = "#666666"
GRID = "#d9d9d9"
LATE = "#b3261e"
# Colour-blind-safe (Okabe–Ito), dark enough for white text-free bars on white.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#56642a", "#e69f00")


def fmt(value: Any) -> str:
    """A number as people read it in the active language (grouped thousands)."""
    if value is None:
        return "–"
    number = Decimal(value)
    places = 0 if number == number.to_integral_value() else 1
    return number_format(round(number, places), decimal_pos=places, force_grouping=True)


def shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _attrs(values: dict[str, Any]) -> str:
    return "".join(
        f" {name.replace('_', '-')}={quoteattr(str(value))}"
        for name, value in values.items()
        if value is not None
    )


@dataclass
class Canvas:
    """Elements in chart coordinates (origin top-left in left-to-right pages)."""

    uid: str
    height: float
    rtl: bool = False
    width: float = WIDTH
    parts: list[str] = field(default_factory=list)
    patterns: dict[int, str] = field(default_factory=dict)

    def x(self, x: float, w: float = 0) -> float:
        return round(self.width - x - w if self.rtl else x, 1)

    def fill(self, series: int) -> str:
        """The fill of series ``series``: plain colour, then hatching, dots, cross."""
        colour = PALETTE[series % len(PALETTE)]
        kind = series % 4
        if kind == 0:
            return colour
        pattern_id = f"{self.uid}-p{series}"
        self.patterns[series] = _pattern(pattern_id, colour, kind)
        return f"url(#{pattern_id})"

    def rect(self, x: float, y: float, w: float, h: float, **attrs: Any) -> None:
        box = {"x": self.x(x, w), "y": round(y, 1), "width": round(w, 1)}
        self.parts.append(f"<rect{_attrs({**box, 'height': round(h, 1), **attrs})}/>")

    def line(self, x1: float, y1: float, x2: float, y2: float, **attrs: Any) -> None:
        ends = {"x1": self.x(x1), "y1": y1, "x2": self.x(x2), "y2": y2}
        self.parts.append(f"<line{_attrs({**ends, **attrs})}/>")

    def polyline(self, points: list[tuple[float, float]], **attrs: Any) -> None:
        coords = " ".join(f"{self.x(x)},{round(y, 1)}" for x, y in points)
        self.parts.append(f"<polyline{_attrs({'points': coords, **attrs})}/>")

    def circle(self, x: float, y: float, r: float, **attrs: Any) -> None:
        self.parts.append(
            f"<circle{_attrs({'cx': self.x(x), 'cy': y, 'r': r, **attrs})}/>"
        )

    def text(self, x: float, y: float, content: str, **attrs: Any) -> None:
        attrs = {"x": self.x(x), "y": round(y, 1), "fill": INK, **attrs}
        self.parts.append(f"<text{_attrs(attrs)}>{escape(content)}</text>")

    def raw(self, markup: str) -> None:
        self.parts.append(markup)

    def render(self, title: str, desc: str) -> SafeString:
        root = {
            "xmlns": "http://www.w3.org/2000/svg",
            "viewBox": f"0 0 {self.width} {round(self.height)}",
            "role": "img",
            "aria-labelledby": f"{self.uid}-t {self.uid}-d",
            "font-family": FONT,
            "font-size": 12,
            "direction": "rtl" if self.rtl else "ltr",
            "class": "chart-svg",
        }
        head = (
            f'<title id="{self.uid}-t">{escape(title)}</title>'
            f'<desc id="{self.uid}-d">{escape(desc)}</desc>'
        )
        defs = "".join(self.patterns[key] for key in sorted(self.patterns))
        body = head + (f"<defs>{defs}</defs>" if defs else "") + "".join(self.parts)
        return mark_safe(f"<svg{_attrs(root)}>{body}</svg>")  # noqa: S308 - escaped


def _pattern(pattern_id: str, colour: str, kind: int) -> str:
    """A light tile of the series colour with marks in it (hatch, dots, cross)."""
    marks = {
        1: f'<path d="M0 6 L6 0" stroke="{colour}" stroke-width="2.5"/>',
        2: f'<circle cx="3" cy="3" r="1.8" fill="{colour}"/>',
        3: f'<path d="M0 3 H6 M3 0 V6" stroke="{colour}" stroke-width="1.5"/>',
    }[kind]
    return (
        f'<pattern id="{pattern_id}" width="6" height="6" '
        f'patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#ffffff"/>'
        f"{marks}</pattern>"
    )


def legend(canvas: Canvas, labels: list[str], y: float, *, x: float = 0) -> None:
    """Swatches (with their pattern) and names in a row."""
    for index, label in enumerate(labels):
        canvas.rect(x, y - 10, 12, 12, fill=canvas.fill(index), stroke=INK)
        canvas.text(x + 16, y, label)
        x += 28 + 7 * len(label)
