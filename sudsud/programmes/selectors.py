"""Reads of the programme's reference data.

Nothing here is country-restricted: every signed-in person sees the programme,
its partners, memoranda and domains; anonymous visitors see nothing.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet

from sudsud.accounts.scopes import scope_filter
from sudsud.organisations.models import Organisation, OrganisationKind

from .models import Domain, Memorandum, PartnerCountry, Programme, ProgrammeFunding
from .permissions import can_view_programmes

MINISTRY_KINDS = (OrganisationKind.MINISTRY, OrganisationKind.GOVERNMENT_AGENCY)


def programme_list_for_user(*, user: Any) -> QuerySet[Programme]:
    if not can_view_programmes(user):
        return Programme.objects.none()
    return Programme.objects.order_by("code").prefetch_related(
        Prefetch(
            "fundings",
            queryset=ProgrammeFunding.objects.select_related("funder__country"),
        ),
        "implementers__organisation__country",
        Prefetch(
            "partner_countries",
            queryset=PartnerCountry.objects.select_related("country", "lead_ministry"),
        ),
        Prefetch(
            "memoranda",
            queryset=Memorandum.objects.select_related(
                "first_country", "second_country"
            ).prefetch_related("signatory_ministries"),
        ),
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
        PartnerCountry.objects.select_related("programme", "country", "lead_ministry")
        .filter(pk=pk)
        .first()
    )


def memorandum_get_for_user(*, user: Any, pk: int) -> Memorandum | None:
    if not can_view_programmes(user):
        return None
    return (
        memorandum_list_for_user(user=user)
        .select_related("programme")
        .filter(pk=pk)
        .first()
    )


def memorandum_list_for_user(
    *, user: Any, programme: Programme | None = None
) -> QuerySet[Memorandum]:
    if not can_view_programmes(user):
        return Memorandum.objects.none()
    memoranda = Memorandum.objects.select_related(
        "programme", "first_country", "second_country"
    ).prefetch_related("signatory_ministries")
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
    ministries = Organisation.objects.filter(
        kind__in=MINISTRY_KINDS, country_id__in=country_ids, archived_at__isnull=True
    ).order_by("name")
    return scope_filter(ministries, user=user, country_field="scope_country")
