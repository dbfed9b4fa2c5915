"""Right-to-left paragraphs for ReportLab, which lays text out left to right only.

Arabic must be shaped (contextual letter forms) and reordered (bidi) before drawing.
Reordering a whole paragraph and letting ReportLab wrap it puts the end of the
sentence on the first line; so lines are broken here, in reading order, on the
shaped text's real width, and each line is reordered on its own."""

from typing import Any
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import ParagraphStyle

# A little slack so that ReportLab never re-wraps a line this module measured.
FIT = 0.98


def shape(text: str) -> str:
    import arabic_reshaper

    return str(arabic_reshaper.reshape(text))


def visual(line: str) -> str:
    """One line in drawing order. The legacy pure-Python algorithm of python-bidi
    mirrors brackets — "(OECD)" stays "(OECD)" — which its Rust-backed
    ``get_display`` (0.5+) does not."""
    from bidi.algorithm import get_display

    return str(get_display(shape(line)))


def break_lines(text: str, *, font: str, size: float, width: float) -> list[str]:
    """``text`` cut into lines no wider than ``width``, in reading order; explicit
    line breaks are kept, a word longer than a line stands alone."""
    lines: list[str] = []
    for chunk in text.splitlines() or [""]:
        current = ""
        # Only plain spaces break: a no-break space holds "C\xa0B\xa0R" together.
        for word in filter(None, chunk.split(" ")):
            candidate = f"{current} {word}" if current else word
            if current and stringWidth(shape(candidate), font, size) > width * FIT:
                lines.append(current)
                current = word
            else:
                current = candidate
        lines.append(current)
    return lines


class RtlParagraph(Flowable):
    """A paragraph of right-to-left text that wraps in reading order."""

    def __init__(self, text: str, style: ParagraphStyle):
        super().__init__()
        self.text, self.style = text, style
        self._paragraph: Paragraph | None = None

    def _build(self, width: float) -> Paragraph:
        style = self.style
        lines = break_lines(
            self.text, font=style.fontName, size=style.fontSize, width=width
        )
        markup = "<br/>".join(escape(visual(line)) for line in lines)
        return Paragraph(markup, style)

    # ReportLab calls these positionally, under its own camel-case names.
    def wrap(self, width: float, height: float) -> tuple[float, float]:
        self._paragraph = self._build(width)
        return self._paragraph.wrap(width, height)

    def split(self, width: float, height: float) -> list[Any]:
        # The lines are already in order, so ReportLab's split keeps them so.
        paragraph = self._paragraph or self._build(width)
        return paragraph.split(width, height)

    def draw(self) -> None:
        if self._paragraph is None:
            raise RuntimeError("ReportLab draws a flowable only after wrap().")
        self._paragraph.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:  # noqa: N802
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:  # noqa: N802
        return float(self.style.spaceAfter)
