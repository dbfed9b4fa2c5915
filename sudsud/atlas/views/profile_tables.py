"""The origin profile's tables as rows: shown on the page, downloaded as CSV, and
labelled quality badges (UN DESA data types and the value's flags); the headings
that name the profile's sex (``sex_texts``), for the page and the brief alike."""

from html import escape
from typing import Any

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from sudsud.atlas.maps import fmt
from sudsud.atlas.models import Sex
from sudsud.atlas.selectors.profile import DestinationRow, OriginProfile
from sudsud.core.numbers import grouped


def data_type_labels() -> dict[str, str]:
    return {
        "B": _("foreign-born"),
        "C": _("foreign citizens"),
        "R": _("refugees added"),
        "I": _("imputed"),
    }


def flag_labels() -> dict[str, str]:
    return {
        "not_available": _("not available"),
        "rounds_to_zero": _("rounds to zero"),
        "suppressed": _("suppressed (fewer than 5)"),
        "negative": _("negative"),
        "imputed": _("imputed"),
    }


def quality_badges(
    row: DestinationRow,
    types: dict[str, str] | None = None,
    flags: dict[str, str] | None = None,
) -> list[tuple[str, str]]:
    """(code, label) for each data-type code and flag of a destination's value;
    pass the label tables when calling it for many rows."""
    types = data_type_labels() if types is None else types
    flags = flag_labels() if flags is None else flags
    badges = [(code, types.get(code, code)) for code in row.data_type.split()]
    if row.flag:
        badges.append((row.flag, flags.get(row.flag, row.flag)))
    return badges


ROW = (
    '<tr><th scope="row">{}</th><td class="num">{}</td><td class="num">{}</td>'
    '<td>{}</td><td class="num">{}</td></tr>'
)
BADGE = '<span class="badge{}" title="{}">{}</span> '


def destination_rows_html(profile: OriginProfile) -> SafeString:
    """The rows of the map's data table. Built here with the standard library's
    escaping, not in a template loop nor with ``format_html``: a few hundred
    destinations of five cells each were most of the page's time."""
    types, flags = data_type_labels(), flag_labels()
    rows = []
    for row in profile.destinations:
        badges = "".join(
            BADGE.format(
                "" if code in ("B", "C") else " badge-warn", escape(label), escape(code)
            )
            for code, label in quality_badges(row, types, flags)
        )
        rows.append(
            ROW.format(
                escape(row.place.name),
                escape(fmt(row.value)),
                escape(_decimal(row.share)),
                badges,
                escape(_decimal(row.other_share)),
            )
        )
    return mark_safe("\n".join(rows))  # noqa: S308 - every text is escaped above


def _decimal(value: float | None) -> str:
    return "–" if value is None else grouped(round(value, 1), 1)


def sex_texts(profile: OriginProfile) -> dict[str, str]:
    """Headings of what follows the profile's sex (total, people column, split,
    top destinations, change) and, for one sex, a note saying that the series
    still shows both sexes, men and women."""
    year = {"year": profile.year}
    growth = profile.growth
    years = {"start": growth.year_from, "end": growth.year_to} if growth else {}
    if profile.sex == Sex.FEMALE:
        texts = {
            "total": _("Women living abroad"),
            "people": _("Women"),
            "split": _("Destinations of women by group of countries, %(year)s") % year,
            "top": _("Top destinations of women"),
            "growth": _("Change %(start)s–%(end)s, women") % years if growth else "",
            "note": _(
                "Map, destinations, groups of countries and change: women only. "
                "The trend shows both sexes, men and women."
            ),
        }
    elif profile.sex == Sex.MALE:
        texts = {
            "total": _("Men living abroad"),
            "people": _("Men"),
            "split": _("Destinations of men by group of countries, %(year)s") % year,
            "top": _("Top destinations of men"),
            "growth": _("Change %(start)s–%(end)s, men") % years if growth else "",
            "note": _(
                "Map, destinations, groups of countries and change: men only. "
                "The trend shows both sexes, men and women."
            ),
        }
    else:
        texts = {
            "total": _("People living abroad"),
            "people": _("People"),
            "split": _("Destinations by group of countries, %(year)s") % year,
            "top": _("Top destinations"),
            "growth": _("Change %(start)s–%(end)s") % years if growth else "",
            "note": "",
        }
    return texts


def _pct(value: float | None) -> float | str:
    """A percentage for a download: a number, so that spreadsheets can use it."""
    return "" if value is None else round(value, 1)


def split_rows(profile: OriginProfile) -> list[tuple[str, int | None, float | None]]:
    rows: list[tuple[str, int | None, float | None]] = [
        (_("OECD countries"), profile.split.get("oecd"), None),
        (_("Africa"), profile.split.get("africa"), None),
        (_("Rest of the world"), profile.split.get("rest"), None),
        (_("Other or unknown destination"), profile.split.get("unknown"), None),
    ]
    if profile.grouping is not None:
        rows.append((profile.grouping.name, profile.grouping_total, None))
    return [(label, value, profile.share(value)) for label, value, _none in rows]


def profile_tables(profile: OriginProfile) -> dict[str, tuple[list[str], list[Any]]]:
    """The downloadable tables; destinations and split are of the profile's sex
    (their "People" column is headed "Men" or "Women" for one sex)."""
    people = sex_texts(profile)["people"]
    destinations = [
        [
            row.place.name,
            row.place.code,
            row.place.iso3,
            row.value,
            _pct(row.share),
            row.data_type,
            row.flag,
            _pct(row.other_share),
        ]
        for row in profile.destinations
    ]
    return {
        "destinations": (
            [
                _("Destination"),
                _("M49 code"),
                _("ISO alpha-3"),
                people,
                _("Share of the total (%)"),
                _("Data type"),
                _("Quality flag"),
                _("Other or unknown origin in the destination (%)"),
            ],
            destinations,
        ),
        "series": (
            [_("Year"), _("Both sexes"), _("Men"), _("Women")],
            [[p.year, p.both, p.male, p.female] for p in profile.series],
        ),
        "split": (
            [_("Destinations"), people, _("Share of the total (%)")],
            [
                [label, value, _pct(share)]
                for label, value, share in split_rows(profile)
            ],
        ),
    }
