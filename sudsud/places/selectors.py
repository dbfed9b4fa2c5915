"""Reads of places and groupings."""

from django.db.models import Q, QuerySet

from sudsud.core.text import normalise_for_search

from .models import Place, PlaceKind


def country_list() -> QuerySet[Place]:
    """Countries and areas in use, for choice lists."""
    return Place.objects.filter(kind=PlaceKind.COUNTRY, is_active=True)


def place_resolve(text: str) -> Place | None:
    """The country that ``text`` designates: an ISO alpha-2 or alpha-3 code, an
    M49 numeric code, or a name in French, English or Arabic, with or without
    accents. ``None`` when nothing or several places match."""
    value = (text or "").strip()
    if not value:
        return None
    countries = Place.objects.filter(kind=PlaceKind.COUNTRY)
    if value.isdigit():
        return countries.filter(code=int(value)).first()
    if len(value) in (2, 3) and value.isascii() and value.isalpha():
        found = countries.filter(Q(iso2__iexact=value) | Q(iso3__iexact=value)).first()
        if found:
            return found
    wanted = normalise_for_search(value)
    matches = [
        place
        for place in countries.only("id", "name_fr", "name_en", "name_ar")
        if wanted
        in {
            normalise_for_search(place.name_fr),
            normalise_for_search(place.name_en),
            normalise_for_search(place.name_ar),
        }
    ]
    return matches[0] if len(matches) == 1 else None
