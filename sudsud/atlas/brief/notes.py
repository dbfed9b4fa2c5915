"""The brief's closing sections: sources with definitions and citation, and the
quality notes (UN DESA data types and the flags met in this profile)."""

from typing import TYPE_CHECKING

from django.utils.translation import get_language
from django.utils.translation import gettext as _
from reportlab.platypus import Flowable

if TYPE_CHECKING:
    from .document import Brief


def _source_lines(brief: "Brief") -> list[str]:
    edition = brief.profile.edition
    source = edition.source
    name = (
        source.name_en if get_language() == "en" and source.name_en else source.name_fr
    )
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
        (_("Citation: %(value)s"), source.citation),
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
                f"{row.place.name} ({(text or {}).get(row.flag, row.data_type) if text else row.data_type})"
                for row in rows
            )
            lines.append(label % {"places": places})
    return lines


def notes(
    brief: "Brief", types: dict[str, str], flags: dict[str, str]
) -> list[Flowable]:
    flowables: list[Flowable] = [brief.p(_("Sources and definitions"), brief.h2)]
    flowables += [brief.p(line) for line in _source_lines(brief) + _definitions(brief)]
    flowables.append(brief.p(_("Quality notes"), brief.h2))
    flowables += [brief.p(line) for line in _quality(brief, types, flags)]
    return flowables
