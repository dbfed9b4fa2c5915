"""Tables of the destination, corridor, comparison and edition-comparison views (shown
on the pages and downloaded as CSV), and the corridor's chart: one line per edition.

The profile's ``series_svg`` draws a single line; editions must stay separate lines,
so ``lines_svg`` draws several, told apart by colour (a colour-blind-safe palette),
dash pattern and a legend, with the figures also in the table below the chart.
"""

from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sudsud.atlas.maps import FONT, INK, fmt
from sudsud.atlas.selectors.compare import Corridor, DestinationProfile
from sudsud.atlas.selectors.compare_editions import EditionComparison
from sudsud.atlas.selectors.compare_origins import Comparison

Table = tuple[list[str], list[list[Any]]]
COLOURS = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9")
DASHES = ("", "6 3", "2 3", "8 3 2 3", "4 4", "1 2")


def pct(value: float | None) -> float | str:
    """A percentage for a download: a number, so that spreadsheets can use it."""
    return "" if value is None else round(value, 1)


def _attrs(**values: object) -> str:
    return "".join(
        f" {key.rstrip('_').replace('_', '-')}={quoteattr(str(value))}"
        for key, value in values.items()
        if value not in ("", None)
    )


def lines_svg(
    lines: Sequence[tuple[str, Sequence[tuple[int, int | None]]]],
    *,
    title: str,
    width: int = 480,
) -> SafeString:
    """A small chart with one polyline per labelled series, each point titled."""
    known = [(label, [(y, v) for y, v in pts if v is not None]) for label, pts in lines]
    years = sorted({y for _label, pts in known for y, _v in pts})
    if not years:
        return mark_safe("")
    height, pad, top = 170 + 16 * len(known), 36, 14
    plot = 140
    high = max(v for _label, pts in known for _y, v in pts) or 1

    def x_of(year: int) -> float:
        return round(
            pad + (width - 2 * pad) * (year - years[0]) / max(years[-1] - years[0], 1),
            1,
        )

    def y_of(value: int) -> float:
        return round(top + (plot - top - 20) * (1 - value / high), 1)

    parts = [
        f"<text{_attrs(x=x_of(y), y=plot, text_anchor='middle')}>{y}</text>"
        for y in years
    ]
    parts.append(
        f"<text{_attrs(x=pad, y=top - 2, text_anchor='middle')}>{escape(fmt(high))}</text>"
    )
    for index, (label, pts) in enumerate(known):
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        line = " ".join(f"{x_of(y)},{y_of(v)}" for y, v in pts)
        parts.append(
            f"<polyline{_attrs(points=line, fill='none', stroke=colour, stroke_width=2, stroke_dasharray=dash)}/>"
        )
        for y, v in pts:
            tip = _("%(series)s, %(year)s: %(figure)s") % {
                "series": label,
                "year": y,
                "figure": fmt(v),
            }
            parts.append(
                f"<circle{_attrs(cx=x_of(y), cy=y_of(v), r=3, fill=colour)}><title>{escape(tip)}</title></circle>"
            )
        key_y = plot + 20 + 16 * index
        parts.append(
            f"<line{_attrs(x1=pad, x2=pad + 24, y1=key_y - 4, y2=key_y - 4, stroke=colour, stroke_width=2, stroke_dasharray=dash)}/>"
            f"<text{_attrs(x=pad + 30, y=key_y)}>{escape(label)}</text>"
        )
    return mark_safe(  # noqa: S308 - every text is escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg"{_attrs(viewBox=f"0 0 {width} {height}", class_="chart-svg", role="img", aria_label=title, direction="ltr", font_family=FONT, font_size=11, fill=INK)}>'
        f"<title>{escape(title)}</title>{''.join(parts)}</svg>"
    )


def destination_tables(view: DestinationProfile) -> dict[str, Table]:
    return {
        "origins": (
            [
                _("Origin"),
                _("M49 code"),
                _("ISO alpha-3"),
                _("People"),
                _("Share of the total (%)"),
                _("Data type"),
                _("Quality flag"),
            ],
            [
                [
                    r.place.name,
                    r.place.code,
                    r.place.iso3,
                    r.value,
                    pct(r.share),
                    r.data_type,
                    r.flag,
                ]
                for r in view.origins
            ],
        ),
        "series": (
            [_("Year"), _("Both sexes"), _("Men"), _("Women")],
            [[p.year, p.both, p.male, p.female] for p in view.series],
        ),
    }


def corridor_tables(found: Corridor) -> dict[str, Table]:
    header = [_("Year")] + [str(line.edition) for line in found.lines]
    return {"years": (header, [[year, *values] for year, values in found.table()])}


def comparison_tables(found: Comparison) -> dict[str, Table]:
    rows = []
    for s in found.summaries:
        growth = s.growth
        rows.append(
            [
                s.origin.name,
                s.origin.iso3,
                s.total,
                s.male,
                s.female,
                s.split.get("oecd"),
                s.split.get("africa"),
                s.split.get("rest"),
                growth.absolute if growth else None,
                pct(growth.annual_rate if growth else None),
                "; ".join(f"{r.place.name} ({r.value})" for r in s.top),
            ]
        )
    header = [
        _("Origin"),
        _("ISO alpha-3"),
        _("People living abroad"),
        _("Men"),
        _("Women"),
        _("OECD countries"),
        _("Africa"),
        _("Rest of the world"),
        _("Change %(start)s–%(end)s") % {"start": found.year_from, "end": found.year},
        _("Annual change (%)"),
        _("Top destinations"),
    ]
    return {"origins": (header, rows)}


def edition_tables(found: EditionComparison) -> dict[str, Table]:
    header = [
        _("Destination"),
        _("ISO alpha-3"),
        str(found.a),
        str(found.b),
        _("Difference"),
        _("Difference (%)"),
    ]
    rows = [
        [
            _("Total"),
            "",
            found.total_a,
            found.total_b,
            found.difference,
            pct(found.percent),
        ]
    ]
    rows += [
        [r.place.name, r.place.iso3, r.a, r.b, r.difference, pct(r.percent)]
        for r in found.rows
    ]
    return {"destinations": (header, rows)}
