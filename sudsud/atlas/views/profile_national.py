"""The origin profile's "National sources" section: labels, the sentence that says
why a national figure differs from UN DESA's, and the downloadable table (one row
per destination of each national edition, UN DESA's figure in its own columns —
side by side, never one series)."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from sudsud.atlas.selectors.profile_national import NationalSource
from sudsud.atlas.services.national import can_manage_national

from .profile_tables import data_type_labels


def undesa_definition(data_type: str) -> str:
    """UN DESA's definition for one destination, from its data-type codes."""
    labels = data_type_labels()
    return ", ".join(labels.get(code, code) for code in data_type.split()) or "–"


def why_figures_differ(found: NationalSource) -> str:
    return _(
        "These figures are not comparable one for one: UN DESA counts people born "
        "abroad (or foreign citizens where a country counts only those) on 1 July, "
        "while %(source)s counts “%(definition)s”, with its own coverage and "
        "reference date. They are shown side by side and never combined into one "
        "series."
    ) % {"source": found.name, "definition": found.source.get_definition_display()}


def suppressed_note(found: NationalSource) -> str:
    if not found.suppressed:
        return ""
    return ngettext(
        "%(count)d cell of fewer than 5 people is suppressed in %(year)s: "
        "the totals leave it out.",
        "%(count)d cells of fewer than 5 people are suppressed in %(year)s: "
        "the totals leave them out.",
        found.suppressed,
    ) % {"count": found.suppressed, "year": found.year}


def national_context(user: Any, sources: list[NationalSource]) -> dict[str, Any]:
    """What the profile template needs for the section, empty state included."""
    return {
        "national_sources": [
            {
                "found": found,
                "why": why_figures_differ(found),
                "suppressed": suppressed_note(found),
                "comparison": [
                    (row, undesa_definition(row.undesa_data_type))
                    for row in (found.comparison.rows if found.comparison else [])
                ],
            }
            for found in sources
        ],
        "national_import_url": reverse("atlas:national_source_list")
        if can_manage_national(user)
        else "",
    }


def _rows(found: NationalSource) -> list[list[Any]]:
    compared = {
        row.place.pk: row for row in (found.comparison.rows if found.comparison else [])
    }
    comparison = found.comparison
    rows = []
    for destination in found.destinations:
        match = compared.get(destination.place.pk)
        rows.append(
            [
                found.name,
                found.edition.code,
                found.source.get_definition_display(),
                found.year,
                destination.place.name,
                destination.place.code,
                destination.place.iso3,
                destination.value,
                destination.flag,
                str(comparison.edition) if match and comparison else "",
                comparison.year if match and comparison else "",
                undesa_definition(match.undesa_data_type) if match else "",
                match.undesa if match else "",
                match.difference if match else "",
            ]
        )
    return rows


def national_table(sources: list[NationalSource]) -> tuple[list[str], list[Any]]:
    header = [
        _("Source"),
        _("Edition"),
        _("Definition"),
        _("Year"),
        _("Destination"),
        _("M49 code"),
        _("ISO alpha-3"),
        _("People"),
        _("Quality flag"),
        _("UN DESA edition"),
        _("UN DESA year"),
        _("UN DESA definition"),
        _("UN DESA people"),
        _("Difference (national − UN DESA)"),
    ]
    return header, [row for found in sources for row in _rows(found)]
