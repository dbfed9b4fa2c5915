"""The web page's SVG map and chart as ReportLab drawings, scaled to a width.

svglib's path parser needs each command's numbers in whole pairs; the path data is
re-tokenised as the SVG grammar reads it and an unpaired trailing number is dropped,
as a browser stops at it, so the PDF draws what the page shows.
"""

import io
import re

from reportlab.graphics.shapes import Drawing
from svglib.svglib import svg2rlg

from .text import Script

TOKEN = re.compile(r"[A-Za-z]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
PATH_DATA = re.compile(r' d="([^"]*)"')
PAIRED = set("MmLlTt")
TEXT = re.compile(r"(<text[^>]*>)([^<]*)(</text>)")


def _clean_path(data: str) -> str:
    out: list[str] = []
    numbers: list[str] = []
    command = ""

    def flush() -> None:
        keep = len(numbers) - len(numbers) % 2 if command in PAIRED else len(numbers)
        out.extend(numbers[:keep])
        numbers.clear()

    for token in TOKEN.findall(data):
        if token.isalpha():
            flush()
            command = token
            out.append(token)
        else:
            numbers.append(token)
    flush()
    return " ".join(out)


def svg_drawing(svg: str, *, width: float, script: Script) -> Drawing | None:
    """The SVG as a drawing ``width`` points wide; ``None`` when empty."""
    if not svg:
        return None
    text = PATH_DATA.sub(lambda m: f' d="{_clean_path(m.group(1))}"', svg)
    text = TEXT.sub(lambda m: m.group(1) + script(m.group(2)) + m.group(3), text)
    text = text.replace("system-ui, sans-serif", script.regular)
    drawing = svg2rlg(io.BytesIO(text.encode("utf-8")))
    if drawing is None or not drawing.width:
        return None
    scale = width / drawing.width
    drawing.scale(scale, scale)
    drawing.width, drawing.height = width, drawing.height * scale
    return drawing
