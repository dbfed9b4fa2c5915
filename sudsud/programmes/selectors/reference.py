"""Reads of the programme's reference data.

The programme, its partners, memoranda and domains are not country-restricted:
every signed-in person sees them; anonymous visitors see nothing. The
organisations they name are: each one is prefetched through
``organisation_list_for_user`` into a ``visible_…`` attribute, ``None`` (or
missing from the list) when the reader may not see it. Pages and the API then
show "Restricted record" in its place, never its name:

* ``funding.visible_funder``, ``implementer.visible_organisation``,
  ``partner.visible_lead_ministry`` (``partner.lead_ministry_id`` tells whether
  the slot is filled);
* ``memorandum.visible_signatories`` and ``memorandum.signatory_count`` (all of
  them, visible or not).
"""

from typing import Any

from django.db.models import Count, Prefetch, QuerySet

from sudsud.organisations.models import Organisation, OrganisationKind
from sudsud.organisations.selectors import organisation_list_for_user
from sudsud.programmes.models import Domain, Memorandum, PartnerCountry, Programme
from sudsud.programmes.permissions import can_view_programmes

MINISTRY_KINDS = (OrganisationKind.MINISTRY, OrganisationKind.GOVERNMENT_AGENCY)


def _visible(lookup: str, to_attr: str, user: Any) -> Prefetch:
    """The organisations behind ``lookup`` that ``user`` may see, in ``to_attr``."""
    organisations = organisation_list_for_user(user=user, archived=None)
    return Prefetch(lookup, queryset=organisations, to_attr=to_attr)


def _memoranda(user: Any) -> QuerySet[Memorandum]:
    return (
        Memorandum.objects.select_related(
            "programme", "first_country", "second_country"
        )
        .annotate(signatory_count=Count("signatory_ministries", distinct=True))
        .prefetch_related(_visible("signatory_ministries", "visible_signatories", user))
    )


def programme_list_for_user(*, user: Any) -> QuerySet[Programme]:
    if not can_view_programmes(user):
        return Programme.objects.none()
    return Programme.objects.order_by("code").prefetch_related(
        "fundings",
        _visible("fundings__funder", "visible_funder", user),
        "implementers",
        _visible("implementers__organisation", "visible_organisation", user),
        Prefetch(
            "partner_countries",
            queryset=PartnerCountry.objects.select_related("country"),
        ),
        _visible("partner_countries__lead_ministry", "visible_lead_ministry", user),
        Prefetch("memoranda", queryset=_memoranda(user)),
        "domains",
    )


def programme_get_for_user(*, user: Any, code: str) -> Programme | None:
    return programme_list_for_user(user=user).filter(code=code).first()


def programme_current_for_user(*, user: Any) -> Programme | None:
    """THE programme the platform serves: the first by code if there are several."""
    return programme_list_for_user(user=user).first()


def partner_country_get_for_user(*, user: Any, pk: int) -> PartnerCountry | None:
    if not can_view_programmes(user):
        return None
    return (
        PartnerCountry.objects.select_related("programme", "country")
        .prefetch_related(_visible("lead_ministry", "visible_lead_ministry", user))
        .filter(pk=pk)
        .first()
    )


def memorandum_get_for_user(*, user: Any, pk: int) -> Memorandum | None:
    if not can_view_programmes(user):
        return None
    return memorandum_list_for_user(user=user).filter(pk=pk).first()


def memorandum_list_for_user(
    *, user: Any, programme: Programme | None = None
) -> QuerySet[Memorandum]:
    if not can_view_programmes(user):
        return Memorandum.objects.none()
    memoranda = _memoranda(user)
    if programme is not None:
        memoranda = memoranda.filter(programme=programme)
    return memoranda


def domain_get_for_user(*, user: Any, pk: int) -> Domain | None:
    if not can_view_programmes(user):
        return None
    return Domain.objects.select_related("programme").filter(pk=pk).first()


def ministry_choices(*, user: Any, country_ids: list[int]) -> QuerySet[Organisation]:
    """Ministries and government agencies of these countries, still in use, that
    ``user`` may see."""
    return organisation_list_for_user(user=user).filter(
        kind__in=MINISTRY_KINDS, country_id__in=country_ids
    )


def organisation_visible_ids(*, user: Any, ids: list[int]) -> set[int]:
    """Which of these organisations ``user`` may see (``user=None``: the system
    sees them all)."""
    if user is None:
        return set(ids)
    visible = organisation_list_for_user(user=user, archived=None).filter(pk__in=ids)
    return set(visible.values_list("pk", flat=True))
