"""The country brief as PDF bytes, built from an ``OriginProfile`` in the active
language (the caller wraps the call in ``translation.override``). A profile of one
sex says so under the title and in the headings of what follows the sex (key total,
map, split, top destinations, change); the trend keeps both sexes, men and women."""

import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from sudsud.atlas.boundaries import boundaries_load
from sudsud.atlas.map_files import map_title
from sudsud.atlas.maps import choropleth_svg, disclaimer, fmt, series_svg
from sudsud.atlas.selectors import profile as selectors
from sudsud.atlas.selectors.profile import OriginProfile
from sudsud.atlas.selectors.profile_national import NationalSource
from sudsud.atlas.views.profile_tables import (
    data_type_labels,
    flag_labels,
    quality_badges,
    sex_texts,
    split_rows,
)

from .drawings import svg_drawing
from .rtl import RtlParagraph
from .text import Script

WIDTH = A4[0] - 36 * mm
TOP_DESTINATIONS = 10
GRID = colors.HexColor("#cccccc")


def _pct(value: float | None) -> str:
    # Rounded first: number_format cuts the digits after decimal_pos (2.46 → 2.4).
    return "–" if value is None else number_format(round(value, 1), decimal_pos=1)


class Brief:
    def __init__(self, profile: OriginProfile, script: Script):
        self.profile, self.script = profile, script
        self.texts = sex_texts(profile)
        align = TA_RIGHT if script.rtl else TA_LEFT
        base = {"fontName": script.regular, "alignment": align}
        self.body = ParagraphStyle("body", fontSize=9, leading=12, **base)
        self.small = ParagraphStyle("small", fontSize=7.5, leading=10, **base)
        bold = {**base, "fontName": script.bold}
        self.h1 = ParagraphStyle("h1", fontSize=17, leading=21, **bold)
        self.h2 = ParagraphStyle(
            "h2", fontSize=11.5, leading=15, spaceBefore=8, spaceAfter=3, **bold
        )

    def p(self, text: object, style: ParagraphStyle | None = None) -> Flowable:
        if self.script.rtl:
            return RtlParagraph(str(text), style or self.body)
        return Paragraph(escape(self.script(text)), style or self.body)

    def table(self, rows: list[list[object]], widths: list[float]) -> Table:
        cells = [[self.p(cell) for cell in row] for row in rows]
        if self.script.rtl:
            cells, widths = [row[::-1] for row in cells], widths[::-1]
        table = Table(cells, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef3f8")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ]
            )
        )
        return table

    def title(self) -> list[Flowable]:
        profile = self.profile
        return [
            self.p(
                _("Diaspora of %(origin)s") % {"origin": profile.origin.name}, self.h1
            ),
            self.p(
                _("Country brief — %(edition)s, figures for %(year)s")
                % {"edition": profile.edition, "year": profile.year}
            ),
            *([self.p(self.texts["note"])] if self.texts["note"] else []),
            Spacer(0, 3 * mm),
        ]

    def key_figures(self) -> list[Flowable]:
        profile, point = self.profile, self.profile.at_year
        rows: list[list[object]] = [
            [_("Key figures"), ""],
            [self.texts["total"], fmt(profile.total)],
            [_("Men"), fmt(point.male if point else None)],
            [_("Women"), fmt(point.female if point else None)],
        ]
        growth = profile.growth
        if growth:
            change = fmt(growth.absolute)
            if growth.annual_rate is not None:
                change += (
                    " ("
                    + _("%(rate)s %% a year") % {"rate": _pct(growth.annual_rate)}
                    + ")"
                )
            rows.append([self.texts["growth"], change])
        return [self.table(rows, [WIDTH * 0.6, WIDTH * 0.4])]

    def map(self) -> list[Flowable]:
        profile, world = self.profile, boundaries_load()
        heading = self.p(_("Map of destinations"), self.h2)
        if world is None:
            return [heading, self.p(_("The map is not available."))]
        title = map_title(profile)
        svg = choropleth_svg(
            world=world,
            values={row.place.code: row.value for row in profile.destinations},
            names=selectors.place_names(),
            origin_code=profile.origin.code,
            title=title,
        )
        drawing = svg_drawing(svg, width=WIDTH, script=self.script)
        flowables: list[Flowable] = [heading, self.p(title, self.small)]
        return flowables + ([drawing] if drawing else [])

    def split(self) -> list[Flowable]:
        people = self.texts["people"]
        rows: list[list[object]] = [[_("Destinations"), people, _("Share (%)")]]
        rows += [[label, fmt(v), _pct(s)] for label, v, s in split_rows(self.profile)]
        heading = _("OECD, Africa and the rest of the world")
        return [self.p(heading, self.h2), self.table(rows, _widths(3))]

    def destinations(self) -> list[Flowable]:
        rows: list[list[object]] = [
            [_("Destination"), self.texts["people"], _("Share (%)"), _("Quality")]
        ]
        for row in self.profile.destinations[:TOP_DESTINATIONS]:
            codes = " ".join(code for code, _label in quality_badges(row))
            rows.append([row.place.name, fmt(row.value), _pct(row.share), codes])
        if len(rows) == 1:
            rows.append([_("No destination has a figure for this year."), "", "", ""])
        heading = self.p(self.texts["top"], self.h2)
        return [heading, self.table(rows, _widths(4))]

    def trend(self) -> list[Flowable]:
        profile = self.profile
        title = _("People born in %(origin)s living abroad, by year") % {
            "origin": profile.origin.name
        }
        series = [(point.year, point.both) for point in profile.series]
        chart = svg_drawing(
            series_svg(series, title=title), width=WIDTH * 0.75, script=self.script
        )
        rows: list[list[object]] = [[_("Year"), _("Both sexes"), _("Men"), _("Women")]]
        rows += [
            [p.year, fmt(p.both), fmt(p.male), fmt(p.female)] for p in profile.series
        ]
        flowables: list[Flowable] = [self.p(_("Trend"), self.h2)]
        flowables += [chart] if chart else []
        return [*flowables, self.table(rows, _widths(4))]


def _widths(columns: int) -> list[float]:
    first = WIDTH * 0.4
    return [first] + [(WIDTH - first) / (columns - 1)] * (columns - 1)


def _notes(brief: Brief, national: Sequence[NationalSource]) -> list[Flowable]:
    from .notes import notes

    return notes(brief, data_type_labels(), flag_labels(), national=national)


def brief_pdf(
    profile: OriginProfile,
    *,
    script: Script,
    compress: bool = True,
    national: Sequence[NationalSource] = (),
) -> bytes:
    """The brief as PDF bytes; ``compress=False`` leaves the page content readable
    (and the output identical from one run to the next) for tests. ``national``:
    the national sources the reader may see, listed beside UN DESA in the notes."""
    brief, buffer = Brief(profile, script), io.BytesIO()
    name = _("Diaspora of %(origin)s") % {"origin": profile.origin.name}
    generated = _("Diaspora atlas — generated on %(date)s") % {
        "date": date_format(timezone.localdate(), "DATE_FORMAT")
    }

    def footer(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(script.regular, 7)
        if script.rtl:
            text = f"{doc.page}   {script(generated)}"
            canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, text)
        else:
            canvas.drawString(18 * mm, 10 * mm, f"{script(generated)}   {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=16 * mm,
        # Metadata stays in reading order: PDF viewers lay it out themselves.
        title=name,
        author=_("Diaspora atlas"),
        invariant=0 if compress else 1,
        pageCompression=1 if compress else 0,
    )
    story = brief.title() + brief.key_figures() + brief.map() + brief.split()
    story += brief.destinations() + brief.trend() + _notes(brief, national)
    story.append(brief.p(disclaimer(), brief.small))
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
