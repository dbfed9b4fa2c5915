from xml.sax.saxutils import escape

import pytest
from django.utils import translation
from django.utils.formats import number_format
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from sudsud.atlas.brief.rtl import RtlParagraph, break_lines, shape, visual
from sudsud.atlas.brief.text import languages

# "The boundaries and names shown on this map do not imply official endorsement."
SENTENCE = "لا تعني الحدود والأسماء المبينة والتسميات المستخدمة في هذه الخريطة أي إقرار"


@pytest.fixture
def arabic_font():
    if "ar" not in languages():
        pytest.skip("no Arabic font (DejaVu Sans) or shaping library installed")
    return "DejaVuSans"


def test_visual_mirrors_brackets_around_latin_words():
    assert "(OECD)" in visual("منظمة (OECD) وأفريقيا")
    assert ")OECD(" not in visual("منظمة (OECD) وأفريقيا")


def test_break_lines_keeps_reading_order_and_width(arabic_font):
    text = " ".join([SENTENCE] * 4)
    lines = break_lines(text, font=arabic_font, size=9, width=120)

    assert len(lines) > 4
    assert " ".join(lines).split() == text.split()
    assert all(stringWidth(shape(line), arabic_font, 9) <= 120 for line in lines)


def test_break_lines_keeps_explicit_line_breaks(arabic_font):
    lines = break_lines("أ ب\nج", font=arabic_font, size=9, width=500)
    assert lines == ["أ ب", "ج"]


def test_rtl_paragraph_puts_the_first_words_on_the_first_line(arabic_font):
    # Reordering a whole paragraph before wrapping printed its end first.
    style = ParagraphStyle("t", fontName=arabic_font, fontSize=9, leading=12)
    style.alignment = TA_RIGHT
    text = " ".join([SENTENCE] * 3)
    paragraph = RtlParagraph(text, style)

    _width, height = paragraph.wrap(150, 1000)

    lines = break_lines(text, font=arabic_font, size=9, width=150)
    assert height == pytest.approx(12 * len(lines))  # ReportLab did not re-wrap
    first = paragraph.split(150, 1000)[0].text.split("<br/>")[0]
    assert first == escape(visual(lines[0]))
    assert lines[0].startswith("لا تعني")


def test_arabic_numbers_are_grouped_by_three():
    with translation.override("ar"):
        assert number_format(81179835, force_grouping=True) == "81.179.835"
