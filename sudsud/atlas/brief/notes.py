"""The brief's closing sections: sources with definitions and citation, the
national sources beside UN DESA (each with its definition, never spliced into UN
DESA's series), and the quality notes (UN DESA data types and the flags met in this
profile)."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _
from reportlab.platypus import Flowable

from sudsud.atlas.maps import fmt
from sudsud.atlas.selectors.profile_national import NationalSource, source_name
from sudsud.atlas.views.profile_national import (
    suppressed_note,
    undesa_definition,
    why_figures_differ,
)

if TYPE_CHECKING:
    from .document import Brief

COMPARED_ROWS = 10


def _source_lines(brief: "Brief") -> list[str]:
    edition = brief.profile.edition
    source = edition.source
    name = source_name(source)
    lines = [
        _("Source: %(source)s, edition %(edition)s (published %(year)s).")
        % {"source": name, "edition": edition.code, "year": edition.published_year},
        _("Definition: %(definition)s.")
        % {"definition": source.get_definition_display()},
    ]
    extra = [
        (_("Publisher: %(value)s"), source.publisher),
        (_("Coverage: %(value)s"), source.coverage),
        (_("Licence: %(value)s"), source.licence),
        (_("Citation: %(value)s"), edition.citation),
        (_("Web page: %(value)s"), source.url),
        (_("Edition notes: %(value)s"), edition.notes),
    ]
    return lines + [label % {"value": value} for label, value in extra if value]


def _definitions(brief: "Brief") -> list[str]:
    total = (
        _("People living abroad: the edition's total for the “World” destination.")
        if brief.profile.total_is_world
        else _("People living abroad: the sum over the destination countries.")
    )
    return [
        total,
        _(
            "OECD and Africa: member countries on 1 July of the year shown, the "
            "reference date of the stocks. “Other or unknown destination”: people "
            "counted in the total but in no destination country."
        ),
        _(
            "Editions revise earlier years: every figure of this brief comes from "
            "the one edition named above, never mixed with another."
        ),
    ]


def _quality(brief: "Brief", types: dict[str, str], flags: dict[str, str]) -> list[str]:
    lines = [
        _("Data types: %(types)s.")
        % {"types": "; ".join(f"{code} {label}" for code, label in types.items())}
    ]
    flagged = [row for row in brief.profile.destinations if row.flag]
    other = [
        row for row in brief.profile.destinations if row.data_type not in ("", "B")
    ]
    for label, rows, text in (
        (_("Values with another data type than B: %(places)s."), other, None),
        (_("Flagged values: %(places)s."), flagged, flags),
    ):
        if rows:
            places = ", ".join(
                f"{row.place.name} ({_glued((text or {}).get(row.flag, row.data_type) if text else row.data_type)})"
                for row in rows
            )
            lines.append(label % {"places": places})
    return lines


def _glued(codes: str) -> str:
    """Data-type codes such as "C B R" kept on one line."""
    return codes.replace(" ", "\xa0")


def _national_lines(found: NationalSource) -> list[str]:
    source = found.source
    lines = [
        _("%(source)s, edition %(edition)s — definition: %(definition)s.")
        % {
            "source": found.name,
            "edition": found.edition.code,
            "definition": source.get_definition_display(),
        },
        _("Reference years: %(years)s.")
        % {"years": ", ".join(str(year) for year in found.years)},
    ]
    extra = [
        (_("Coverage: %(value)s"), source.coverage),
        (_("Licence: %(value)s"), source.licence),
        (_("Citation: %(value)s"), found.edition.citation),
    ]
    lines += [label % {"value": value} for label, value in extra if value]
    counted = _("People counted in %(year)s (both sexes): %(total)s.") % {
        "year": found.year,
        "total": fmt(found.total),
    }
    if found.male is not None or found.female is not None:
        counted += " " + _("Men: %(men)s; women: %(women)s.") % {
            "men": fmt(found.male),
            "women": fmt(found.female),
        }
    return [*lines, counted, suppressed_note(found)]


def _comparison(brief: "Brief", found: NationalSource) -> list[Flowable]:
    from .document import WIDTH

    comparison = found.comparison
    if comparison is None:
        return []
    rows: list[list[object]] = [
        [
            _("Destination"),
            _("UN DESA %(edition)s (%(year)s)")
            % {"edition": comparison.edition.code, "year": comparison.year},
            _("UN DESA definition"),
            f"{found.name} ({found.year})",
            _("Difference (national − UN DESA)"),
        ]
    ]
    rows += [
        [
            row.place.name,
            fmt(row.undesa),
            undesa_definition(row.undesa_data_type),
            fmt(row.national),
            fmt(row.difference),
        ]
        for row in comparison.rows[:COMPARED_ROWS]
    ]
    widths = [WIDTH * 0.24] + [WIDTH * 0.19] * 4
    return [brief.table(rows, widths)]


def _national_section(
    brief: "Brief", sources: Sequence[NationalSource]
) -> list[Flowable]:
    """Each national source with its definition, and its figures beside UN DESA's."""
    flowables: list[Flowable] = [brief.p(_("National sources"), brief.h2)]
    if not sources:
        flowables.append(brief.p(_("No national source is loaded for this origin.")))
    for found in sources:
        lines = [line for line in _national_lines(found) if line]
        flowables += [brief.p(line) for line in lines]
        flowables += _comparison(brief, found)
        flowables.append(brief.p(why_figures_differ(found), brief.small))
    return flowables


def notes(
    brief: "Brief",
    types: dict[str, str],
    flags: dict[str, str],
    *,
    national: Sequence[NationalSource] = (),
) -> list[Flowable]:
    flowables: list[Flowable] = [brief.p(_("Sources and definitions"), brief.h2)]
    flowables += [brief.p(line) for line in _source_lines(brief) + _definitions(brief)]
    flowables += _national_section(brief, national)
    flowables.append(brief.p(_("Quality notes"), brief.h2))
    flowables += [brief.p(line) for line in _quality(brief, types, flags)]
    return flowables
