"""Reads of places and groupings.

Places are reference data that every signed-in user may read, so these selectors
take no user: views and the API require sign-in before calling them.
"""

import datetime as dt

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from sudsud.core.text import normalise_for_search

from .models import Grouping, GroupingMembership, Place, PlaceKind


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
    # ``search_text`` holds every name, so it narrows the candidates in the database.
    candidates = countries.filter(search_text__contains=wanted).only(
        "id", "name_fr", "name_en", "name_ar"
    )
    matches = [
        place
        for place in candidates
        if wanted
        in {
            normalise_for_search(place.name_fr),
            normalise_for_search(place.name_en),
            normalise_for_search(place.name_ar),
        }
    ]
    return matches[0] if len(matches) == 1 else None


def valid_on(on_date: dt.date, prefix: str = "") -> Q:
    """Memberships valid on ``on_date``: start ≤ date ≤ end, empty ends open."""
    return (
        Q(**{f"{prefix}start_date__isnull": True})
        | Q(**{f"{prefix}start_date__lte": on_date})
    ) & (
        Q(**{f"{prefix}end_date__isnull": True})
        | Q(**{f"{prefix}end_date__gte": on_date})
    )


def _search(queryset: QuerySet[Place], q: str) -> QuerySet[Place]:
    wanted = normalise_for_search(q)
    if not wanted:
        return queryset
    condition = Q(search_text__contains=wanted)
    if wanted.isdigit():
        condition |= Q(code=int(wanted))
    return queryset.filter(condition)


def place_list(
    *,
    q: str = "",
    kind: str = "",
    grouping: str = "",
    active: bool | None = None,
    on_date: dt.date | None = None,
) -> QuerySet[Place]:
    """Places matching a search (names in three languages, ISO and M49 codes, without
    regard to accents or case) and filters. ``grouping`` is a grouping's slug: its
    members on ``on_date`` (today by default)."""
    places = _search(Place.objects.all(), q)
    if kind:
        places = places.filter(kind=kind)
    if active is not None:
        places = places.filter(is_active=active)
    if grouping:
        day = on_date or timezone.localdate()
        member_ids = GroupingMembership.objects.filter(
            valid_on(day), grouping__slug=grouping
        ).values("place_id")
        places = places.filter(pk__in=member_ids)
    return places.order_by("name_fr", "code")


def place_get(code: int) -> Place:
    """The place with M49 ``code``; raises ``Place.DoesNotExist``."""
    return Place.objects.get(code=code)


def grouping_list(*, q: str = "", kind: str = "") -> QuerySet[Grouping]:
    """Groupings with ``member_count``: how many places belong to each today."""
    groupings = Grouping.objects.annotate(
        member_count=Count(
            "memberships", filter=valid_on(timezone.localdate(), "memberships__")
        )
    )
    wanted = normalise_for_search(q)
    if wanted:
        groupings = groupings.filter(search_text__contains=wanted)
    if kind:
        groupings = groupings.filter(kind=kind)
    return groupings.order_by("kind", "name_fr")


def grouping_get(slug: str) -> Grouping:
    """The grouping with ``slug``; raises ``Grouping.DoesNotExist``."""
    return Grouping.objects.get(slug=slug)


def grouping_members(
    grouping: Grouping, on_date: dt.date | None = None
) -> QuerySet[GroupingMembership]:
    """Memberships of ``grouping`` with their places: those valid on ``on_date``,
    or every membership, past and present, when no date is given."""
    memberships = GroupingMembership.objects.filter(grouping=grouping)
    if on_date is not None:
        memberships = memberships.filter(valid_on(on_date))
    return memberships.select_related("place").order_by("place__name_fr", "start_date")


def place_groupings(
    place: Place, on_date: dt.date | None = None
) -> QuerySet[GroupingMembership]:
    """Memberships of ``place`` with their groupings, as :func:`grouping_members`."""
    memberships = GroupingMembership.objects.filter(place=place)
    if on_date is not None:
        memberships = memberships.filter(valid_on(on_date))
    return memberships.select_related("grouping").order_by(
        "grouping__kind", "grouping__m49_code", "grouping__name_fr", "start_date"
    )


def groupings_with_members(
    groupings: QuerySet[Grouping], on_date: dt.date | None = None
) -> QuerySet[Grouping]:
    """``groupings`` with their memberships (and places) prefetched, for the API."""
    memberships = GroupingMembership.objects.select_related("place").order_by(
        "place__name_fr", "start_date"
    )
    if on_date is not None:
        memberships = memberships.filter(valid_on(on_date))
    return groupings.prefetch_related(Prefetch("memberships", queryset=memberships))


def grouping_membership_get(grouping: Grouping, pk: int) -> GroupingMembership:
    """One membership of ``grouping``; raises ``GroupingMembership.DoesNotExist``."""
    return GroupingMembership.objects.select_related("place", "grouping").get(
        grouping=grouping, pk=pk
    )


def places_with_groupings(places: QuerySet[Place]) -> QuerySet[Place]:
    """``places`` with their memberships (and groupings) prefetched, for the API."""
    memberships = GroupingMembership.objects.select_related("grouping").order_by(
        "grouping__kind", "grouping__m49_code", "grouping__name_fr", "start_date"
    )
    return places.prefetch_related(Prefetch("memberships", queryset=memberships))
