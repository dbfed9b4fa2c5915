"""The origin profile's map as a file to download, SVG or PNG, for the page
(``views/maps.py``) and the API (``api_maps.py``) alike.

The file shows the profile's map — the same builder, classes, colours and disputed
areas setting as the page — with what the page says around it written into the
picture: title (origin, year, edition, and the sex when it is not both), the sex
("both sexes", "men" or "women"), legend, source, the boundaries' credit and the
disclaimer. Named ``diaspora-<iso3>-<year>.<svg|png>``, or
``diaspora-<iso3>-<year>-<male|female>.<svg|png>`` for one sex.

The PNG is in the active language when its fonts can draw it: Arabic needs DejaVu
Sans and the shaping libraries, as the brief does (``brief.text.languages``);
without them an Arabic PNG is drawn in French. The SVG is always in the active
language (the viewer's fonts draw it).
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import translation
from django.utils.http import parse_etags
from django.utils.translation import gettext as _

from .boundaries import WorldShapes, boundaries_load
from .brief.text import languages, script_for
from .map_raster import choropleth_png
from .maps import Choropleth, MapNotes, choropleth_build, choropleth_document
from .maps import disclaimer as boundaries_disclaimer
from .models import Sex
from .selectors import profile as selectors

CONTENT_TYPES = {"svg": "image/svg+xml", "png": "image/png"}


# A PNG takes a tenth of a second or more to draw: kept this long in the cache,
# under a key that names everything it shows (see ``map_file``).
PNG_CACHE_SECONDS = 7 * 24 * 3600
# Raise when map_raster draws differently from the same SVG document.
RASTER_VERSION = 1


@dataclass(frozen=True)
class MapFile:
    content: bytes
    content_type: str
    filename: str
    etag: str  # quoted; the same file always has the same tag
    not_modified: bool = False  # the client holds it already: no content


def etag_matches(header: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (or ``*``), compared
    weakly as RFC 9110 says for it (GZipMiddleware makes our tags weak)."""
    tags = parse_etags(header or "")
    return "*" in tags or etag in (tag.removeprefix("W/") for tag in tags)


def map_title(profile: selectors.OriginProfile) -> str:
    """The map's title, also the destinations table's caption: it names the sex
    when the profile is of one sex only."""
    if profile.sex == Sex.FEMALE:
        text = _("Where women born in %(origin)s live, %(year)s (%(edition)s)")
    elif profile.sex == Sex.MALE:
        text = _("Where men born in %(origin)s live, %(year)s (%(edition)s)")
    else:
        text = _("Where people born in %(origin)s live, %(year)s (%(edition)s)")
    return text % {
        "origin": profile.origin.name,
        "year": profile.year,
        "edition": profile.edition,
    }


def profile_stem(profile: selectors.OriginProfile) -> str:
    """``<iso3>-<year>``, then ``-<sex>`` when the profile is of one sex only: the
    file names of the profile's downloads."""
    stem = f"{profile.origin.iso3.lower()}-{profile.year}"
    return stem if profile.is_both else f"{stem}-{profile.sex}"


def map_notes(profile: selectors.OriginProfile) -> MapNotes:
    source = profile.edition.source
    line = _("Source: %(edition)s — definition: %(definition)s. Figures for %(year)s.")
    line %= {
        "edition": profile.edition,
        "definition": source.get_definition_display(),
        "year": profile.year,
    }
    return MapNotes(
        subtitle=str(Sex(profile.sex).label),
        source=f"{line} {profile.edition.citation}".strip(),
        credit=_("Boundaries: Natural Earth (public domain), Equal Earth projection."),
        disclaimer=boundaries_disclaimer(),
        language=translation.get_language() or "fr",
    )


def profile_choropleth(
    profile: selectors.OriginProfile, world: WorldShapes
) -> Choropleth:
    return choropleth_build(
        world=world,
        values={row.place.code: row.value for row in profile.destinations},
        names=selectors.place_names(),
        origin_code=profile.origin.code,
        title=map_title(profile),
    )


def _language(kind: str) -> str:
    language = translation.get_language() or "fr"
    if kind == "png" and language not in languages():
        return "fr"
    return language


def map_file(
    profile: selectors.OriginProfile, *, kind: str, if_none_match: str | None = None
) -> MapFile | None:
    """The profile's map as ``kind`` (``svg`` or ``png``); ``None`` when the
    boundaries have not been prepared (``make assets``). When ``if_none_match``
    names the file's tag, nothing is drawn (``not_modified``)."""
    world = boundaries_load()
    if world is None:
        return None
    language = _language(kind)
    with translation.override(language):
        choropleth, notes = profile_choropleth(profile, world), map_notes(profile)
        # The SVG document holds every shape, colour and word of the map, and the
        # PNG is drawn from the same choropleth and notes: its digest names both.
        document = choropleth_document(choropleth, notes)
        digest = hashlib.sha256(
            f"{kind}:{language}:{RASTER_VERSION}\n{document}".encode()
        ).hexdigest()[:32]
        name = f"diaspora-{profile_stem(profile)}.{kind}"
        etag = f'"{digest}"'
        if etag_matches(if_none_match, etag):
            return MapFile(b"", CONTENT_TYPES[kind], name, etag, not_modified=True)
        if kind == "png":
            key = f"atlas:map-png:{digest}"
            content = cache.get(key)
            if content is None:
                content = choropleth_png(choropleth, notes, script=script_for(language))
                cache.set(key, content, PNG_CACHE_SECONDS)
        else:
            content = document.encode("utf-8")
    return MapFile(content, CONTENT_TYPES[kind], name, etag)


def map_year_error(profile: selectors.OriginProfile, asked: int | None) -> str | None:
    """Why the year asked cannot be drawn (the profile fell back to another), or
    ``None``: a file must show the year its name says."""
    if asked is None or asked == profile.year:
        return None
    years = selectors.edition_years(profile.edition, profile.origin)
    return _("No figures for %(year)s in this edition. Years available: %(years)s.") % {
        "year": asked,
        "years": ", ".join(str(year) for year in years),
    }
