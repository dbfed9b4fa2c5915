"""The map as a PNG picture, drawn with Pillow alone (no browser, no system library).

The countries are the same ``maps.Choropleth`` as the page's and the SVG file's:
each path is read back into rings (``boundaries.path_rings``) and filled even-odd,
as the SVG is, at twice the size, then reduced, so edges are smooth and a country's
inside keeps its class colour exactly. Text is drawn with the fonts ReportLab ships
(Bitstream Vera: Latin with French accents), or DejaVu Sans for Arabic, shaped by
arabic-reshaper and python-bidi through the brief's ``Script`` — Pillow's basic
layout, so no system shaping library is used. The caller picks the language (French
when Arabic cannot be drawn, see ``map_files``).
"""

import functools
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import reportlab
from PIL import Image, ImageChops, ImageDraw, ImageFont

from .boundaries import Point, path_rings
from .brief.text import DEJAVU, Script
from .maps import BORDER, INK, UNASSIGNED, Choropleth, MapNotes, MapShape

WIDTH = 1600  # px
SUPERSAMPLE = 2
MARGIN = 28
TITLE_SIZE, SUBTITLE_SIZE, TEXT_SIZE = 32, 22, 18
SWATCH_WIDTH, SWATCH_HEIGHT = 30, 20
LEGEND_ROW = 34
BACKGROUND = "#ffffff"
SWATCH_EDGE = "#999999"
FONTS = Path(reportlab.__file__).parent / "fonts"
# ReportLab's font names (as the brief's ``Script`` holds them) → font files.
FONT_FILES = {
    "Helvetica": FONTS / "Vera.ttf",
    "Helvetica-Bold": FONTS / "VeraBd.ttf",
    "DejaVuSans": DEJAVU / "DejaVuSans.ttf",
    "DejaVuSans-Bold": DEJAVU / "DejaVuSans-Bold.ttf",
}

Font = ImageFont.FreeTypeFont


@functools.lru_cache(maxsize=16)
def _font(name: str, size: int) -> Font:
    return ImageFont.truetype(
        str(FONT_FILES[name]), size, layout_engine=ImageFont.Layout.BASIC
    )


@functools.lru_cache(maxsize=1024)
def _rings(path: str) -> tuple[tuple[Point, ...], ...]:
    return tuple(tuple(ring) for ring in path_rings(path))


@dataclass(frozen=True)
class _Plane:
    """From the boundaries' pixels to the supersampled picture's."""

    x: float
    y: float
    scale: float

    def points(self, ring: Sequence[Point]) -> list[Point]:
        return [((x - self.x) * self.scale, (y - self.y) * self.scale) for x, y in ring]


def _box(ring: Sequence[Point]) -> tuple[int, int, int, int]:
    xs, ys = [x for x, _y in ring], [y for _x, y in ring]
    return int(min(xs)), int(min(ys)), int(max(xs)) + 2, int(max(ys)) + 2


def _fill_even_odd(image: Image.Image, rings: list[list[Point]], colour: str) -> None:
    """Fill ``rings`` as SVG's ``fill-rule="evenodd"`` does: a ring inside another
    is a hole (South Africa around Lesotho). Each ring flips its own box of a mask."""
    if len(rings) == 1:
        ImageDraw.Draw(image).polygon(rings[0], fill=colour)
        return
    boxes = [_box(ring) for ring in rings]
    left, top = min(b[0] for b in boxes), min(b[1] for b in boxes)
    width, height = max(b[2] for b in boxes) - left, max(b[3] for b in boxes) - top
    mask = Image.new("1", (width, height), 0)
    for ring, (x0, y0, x1, y1) in zip(rings, boxes, strict=True):
        one = Image.new("1", (x1 - x0, y1 - y0), 0)
        ImageDraw.Draw(one).polygon([(x - x0, y - y0) for x, y in ring], fill=1)
        box = (x0 - left, y0 - top, x1 - left, y1 - top)
        mask.paste(ImageChops.logical_xor(mask.crop(box), one), box[:2])
    image.paste(colour, (left, top), mask)


def _draw_shape(image: Image.Image, plane: _Plane, item: MapShape) -> None:
    rings = [plane.points(ring) for ring in _rings(item.shape.path)]
    if not rings:
        return
    _fill_even_odd(image, rings, item.fill)
    draw = ImageDraw.Draw(image)
    for ring in rings:
        draw.line([*ring, ring[0]], fill=BORDER, width=max(1, round(0.4 * plane.scale)))
    if item.is_point:
        x, y = plane.points([(item.shape.x, item.shape.y)])[0]
        r = 3 * plane.scale
        draw.ellipse(
            (x - r, y - r, x + r, y + r),
            fill=item.fill,
            outline=INK,
            width=max(1, round(0.6 * plane.scale)),
        )


def map_image(choropleth: Choropleth, width: int = WIDTH) -> Image.Image:
    """The countries alone, ``width`` pixels wide."""
    x, y, map_width, map_height = choropleth.viewbox
    plane = _Plane(x, y, width / map_width * SUPERSAMPLE)
    size = (width * SUPERSAMPLE, round(map_height * plane.scale))
    image = Image.new("RGB", size, BACKGROUND)
    for ring in _rings(choropleth.unassigned) if choropleth.unassigned else ():
        ImageDraw.Draw(image).polygon(plane.points(ring), fill=UNASSIGNED)
    for item in choropleth.shapes:
        _draw_shape(image, plane, item)
    return image.reduce(SUPERSAMPLE)


@dataclass(frozen=True)
class _Writer:
    """Text in one script, measured and wrapped before it is shaped and reordered
    (a right-to-left line is wrapped in reading order, then drawn)."""

    script: Script
    width: int

    def shaped(self, text: str) -> str:
        # Bitstream Vera's no-break space is as wide as a digit: in "1 234" the
        # plain space looks right, and lines are wrapped before this.
        return self.script(text).replace("\xa0", " ")

    def font(self, size: int, *, bold: bool = False) -> Font:
        return _font(self.script.bold if bold else self.script.regular, size)

    def lines(self, text: str, font: Font) -> list[str]:
        lines: list[str] = []
        for word in text.split(" "):
            candidate = f"{lines[-1]} {word}" if lines else word
            if lines and font.getlength(self.shaped(candidate)) <= self.width:
                lines[-1] = candidate
            else:
                lines.append(word)
        return lines

    def draw(self, draw: ImageDraw.ImageDraw, top: int, line: str, font: Font) -> None:
        shaped = self.shaped(line)
        x = WIDTH - MARGIN - font.getlength(shaped) if self.script.rtl else MARGIN
        draw.text((x, top), shaped, font=font, fill=INK)


Line = tuple[str, Font, int]  # text, font, height of the line


def _legend_rows(
    items: Sequence[tuple[str, str]], writer: _Writer, font: Font
) -> list[list[tuple[int, str, str]]]:
    """The legend's items as rows of (x, colour, text) that fit the width."""
    rows: list[list[tuple[int, str, str]]] = [[]]
    x = MARGIN
    for colour, text in items:
        step = SWATCH_WIDTH + 8 + int(font.getlength(writer.shaped(text))) + 24
        if rows[-1] and x + step > WIDTH - MARGIN:
            rows.append([])
            x = MARGIN
        rows[-1].append((x, colour, text))
        x += step
    return rows


@dataclass(frozen=True)
class PngLayout:
    """Where each part of the picture goes, top to bottom, in pixels."""

    writer: _Writer
    header: list[Line]
    map_top: int
    map_height: int
    legend: list[list[tuple[int, str, str]]]
    legend_top: int
    footer: list[Line]
    footer_top: int
    height: int


def png_layout(choropleth: Choropleth, notes: MapNotes, *, script: Script) -> PngLayout:
    writer = _Writer(script, WIDTH - 2 * MARGIN)
    title_font, text_font = writer.font(TITLE_SIZE, bold=True), writer.font(TEXT_SIZE)
    header: list[Line] = [
        (line, title_font, 42) for line in writer.lines(choropleth.title, title_font)
    ]
    header.append((notes.subtitle, writer.font(SUBTITLE_SIZE), 36))
    footer: list[Line] = [
        (line, text_font, 25)
        for note in notes.footnotes
        for line in writer.lines(note, text_font)
    ]
    legend = _legend_rows(choropleth.legend, writer, text_font)
    map_top = MARGIN + sum(step for *_, step in header) + 8
    map_height = round(choropleth.viewbox[3] * WIDTH / choropleth.viewbox[2])
    legend_top = map_top + map_height + 12
    footer_top = legend_top + LEGEND_ROW * len(legend) + 14
    height = footer_top + sum(step for *_, step in footer) + MARGIN
    return PngLayout(
        writer,
        header,
        map_top,
        map_height,
        legend,
        legend_top,
        footer,
        footer_top,
        height,
    )


def choropleth_png(choropleth: Choropleth, notes: MapNotes, *, script: Script) -> bytes:
    """The map as a PNG ``WIDTH`` pixels wide: title, subtitle, map, legend, source,
    credit and disclaimer, in ``script``'s fonts."""
    layout = png_layout(choropleth, notes, script=script)
    picture = Image.new("RGB", (WIDTH, layout.height), BACKGROUND)
    picture.paste(map_image(choropleth), (0, layout.map_top))
    draw = ImageDraw.Draw(picture)
    _write(draw, layout.writer, layout.header, MARGIN)
    _draw_legend(draw, layout)
    _write(draw, layout.writer, layout.footer, layout.footer_top)
    out = io.BytesIO()
    picture.save(out, format="PNG")
    return out.getvalue()


def _draw_legend(draw: ImageDraw.ImageDraw, layout: PngLayout) -> None:
    """Left to right, or, in a right-to-left script, mirrored: from the right
    margin leftwards, each swatch to the right of its label (as the SVG file)."""
    font = layout.writer.font(TEXT_SIZE)
    rtl = layout.writer.script.rtl
    for index, row in enumerate(layout.legend):
        top = layout.legend_top + LEGEND_ROW * index
        for x, colour, text in row:
            label = layout.writer.shaped(text)
            if rtl:
                left = WIDTH - x - SWATCH_WIDTH
                text_x = left - 8 - font.getlength(label)
            else:
                left, text_x = x, x + SWATCH_WIDTH + 8
            box = (left, top, left + SWATCH_WIDTH, top + SWATCH_HEIGHT)
            draw.rectangle(box, fill=colour, outline=SWATCH_EDGE)
            draw.text((text_x, top - 1), label, font=font, fill=INK)


def _write(
    draw: ImageDraw.ImageDraw, writer: _Writer, lines: list[Line], top: int
) -> None:
    for line, font, step in lines:
        writer.draw(draw, top, line, font)
        top += step
