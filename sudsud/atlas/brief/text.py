"""Fonts and text preparation for the brief: Helvetica for Latin scripts, DejaVu
Sans for Arabic (shaped and reordered, since ReportLab lays text out left to right;
paragraphs wrap through ``rtl.RtlParagraph``)."""

import functools
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
RTL_LANGUAGES = ("ar",)
# Characters outside Latin-1 that Django or our texts produce, for Helvetica.
LATIN = str.maketrans({"\u202f": "\xa0", "\u2009": " ", "\u2011": "-"})


@dataclass(frozen=True)
class Script:
    regular: str
    bold: str
    rtl: bool = False

    def __call__(self, text: object) -> str:
        """``text`` ready to draw in this script's font."""
        value = str(text)
        if not self.rtl:
            return value.translate(LATIN)
        from .rtl import visual

        return visual(value)


HELVETICA = Script("Helvetica", "Helvetica-Bold")


@functools.cache
def _dejavu() -> bool:
    regular, bold = DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
    if not (regular.is_file() and bold.is_file()):
        return False
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
    return True


def _shaping_available() -> bool:
    try:
        import arabic_reshaper  # noqa: F401
        import bidi  # noqa: F401
    except ImportError:
        return False
    return True


def languages() -> tuple[str, ...]:
    """The brief's languages: French and English always, Arabic when a font that
    covers it and the shaping libraries are installed."""
    if _shaping_available() and _dejavu():
        return ("fr", "en", "ar")
    return ("fr", "en")


def script_for(language: str) -> Script:
    if language in RTL_LANGUAGES and language in languages():
        return Script("DejaVuSans", "DejaVuSans-Bold", rtl=True)
    return HELVETICA
