"""Load the reference places and groupings (see :mod:`sudsud.places.reference`).

Idempotent and respectful of administrators' work: it creates what is missing and
leaves every existing place, grouping and membership exactly as it is, so a renamed
place or a corrected date survives every later run.
"""

from collections import Counter
from typing import Any

from django.db import transaction

from sudsud.core.audit import audit_created
from sudsud.places.models import (
    Grouping,
    GroupingKind,
    GroupingMembership,
    Place,
    PlaceKind,
)
from sudsud.places.reference import (
    CountryRecord,
    GroupingRecord,
    MemberRecord,
    country_records,
    grouping_records,
)

from .common import grouping_search_text, place_search_text, require_admin

NOTE = "reference data"
Counts = dict[str, Counter[str]]


def _create(instance: Any, key: str, counts: Counts) -> None:
    """Validate, save and audit a new reference record, and count it."""
    instance.full_clean()
    instance.save()
    audit_created(actor=None, instance=instance, note=NOTE)
    counts[key]["created"] += 1


def _load_place(record: CountryRecord, existing: set[int], counts: Counts) -> None:
    if record.code in existing:
        counts["places"]["unchanged"] += 1
        return
    place = Place(
        code=record.code,
        kind=PlaceKind.COUNTRY,
        iso2=record.iso2,
        iso3=record.iso3,
        name_fr=record.name_fr,
        name_en=record.name_en,
        name_ar=record.name_ar,
    )
    place.search_text = place_search_text(place)
    _create(place, "places", counts)


class _Groupings:
    """The existing groupings, read in one query, and the memberships' places
    per grouping in another, looked up the way the loader keys them."""

    def __init__(self) -> None:
        self.by_m49: dict[int, Grouping] = {}
        self.by_slug: dict[str, Grouping] = {}
        for grouping in Grouping.objects.all():  # ordered: the first one wins
            self.add(grouping)
        self.members: dict[int, set[int]] = {}
        memberships = GroupingMembership.objects.order_by()  # no join to sort
        pairs = memberships.values_list("grouping_id", "place_id")
        for grouping_id, place_id in pairs:
            self.members.setdefault(grouping_id, set()).add(place_id)

    def add(self, grouping: Grouping) -> None:
        if grouping.kind == GroupingKind.UN_REGION and grouping.m49_code is not None:
            self.by_m49.setdefault(grouping.m49_code, grouping)
        self.by_slug.setdefault(grouping.slug, grouping)

    def find(self, record: GroupingRecord) -> Grouping | None:
        if record.m49_code is not None:
            # Keyed on the M49 code: CLDR may reword a region's name, and so its slug.
            return self.by_m49.get(record.m49_code)
        return self.by_slug.get(record.slug)


def _load_grouping(
    record: GroupingRecord, existing: _Groupings, counts: Counts
) -> Grouping:
    grouping = existing.find(record)
    if grouping is not None:
        counts["groupings"]["unchanged"] += 1
        return grouping
    grouping = Grouping(
        slug=record.slug,
        kind=record.kind,
        m49_code=record.m49_code,
        source=record.source,
        name_fr=record.name_fr,
        name_en=record.name_en,
        name_ar=record.name_ar,
    )
    grouping.search_text = grouping_search_text(grouping)
    _create(grouping, "groupings", counts)
    existing.add(grouping)
    return grouping


def _load_members(
    grouping: Grouping,
    members: list[MemberRecord],
    places: dict[str, Place],
    known: set[int],
    counts: Counts,
) -> set[int]:
    """``known``: the places already members of ``grouping``; returns the places
    it adds."""
    added: set[int] = set()
    for member in members:
        place = places.get(member.iso3)
        if place is None:  # the table has a few non-ISO codes (Kosovo, USSR…)
            counts["memberships"]["skipped"] += 1
            continue
        if place.pk in known:
            counts["memberships"]["unchanged"] += 1
            continue
        membership = GroupingMembership(
            grouping=grouping,
            place=place,
            start_date=member.start_date,
            end_date=member.end_date,
            note=member.note,
        )
        _create(membership, "memberships", counts)
        added.add(place.pk)
    return added


@transaction.atomic
def places_load_reference(*, actor: Any = None) -> dict[str, dict[str, int]]:
    """Create missing countries, groupings and memberships; ``actor=None`` is the
    system (management command). Returns ``{"places": {"created": n, …}, …}``."""
    if actor is not None:
        require_admin(actor)
    counts: Counts = {key: Counter() for key in ("places", "groupings", "memberships")}
    existing = set(Place.objects.values_list("code", flat=True))
    for record in country_records():
        _load_place(record, existing, counts)
    places = {place.iso3: place for place in Place.objects.exclude(iso3="")}
    groupings = _Groupings()
    for grouping_record in grouping_records():
        grouping = _load_grouping(grouping_record, groupings, counts)
        known = groupings.members.setdefault(grouping.pk, set())
        known |= _load_members(
            grouping, grouping_record.members, places, set(known), counts
        )
    return {
        key: {"created": c["created"], "unchanged": c["unchanged"], **_extra(c)}
        for key, c in counts.items()
    }


def _extra(counter: Counter[str]) -> dict[str, int]:
    return {"skipped": counter["skipped"]} if counter["skipped"] else {}
