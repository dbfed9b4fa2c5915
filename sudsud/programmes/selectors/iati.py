"""Reads behind the IATI export: the programme and its published activities with
everything the document needs, in a fixed number of queries.

A published file is public: restricted activities and restricted organisations
are never in it, whoever asks for it.

Every prefetch here lands in a plain list (``to_attr``, the ``iati_*`` attributes):
a prefetched manager costs Django a queryset clone per object, which for the
thousands of rows of a full export took most of the time.
"""

from typing import Any

from django.db.models import Prefetch, QuerySet

from sudsud.organisations.models import Organisation
from sudsud.programmes.models import (
    Activity,
    ActivityCountry,
    ActivityPartner,
    BudgetLine,
    FrameworkIndicator,
    Indicator,
    PartnerCountry,
    PartnerRole,
    Programme,
    ProgrammeFunding,
    ProgrammeImplementer,
    Result,
)

from .activities import activity_list_for_user
from .reference import programme_list_for_user

PUBLIC_ORGANISATIONS = Organisation.objects.filter(is_restricted=False)


def _indicators() -> Prefetch:
    """A result's indicators (``iati_indicators``), each with its donor framework
    indicators (``iati_references``)."""
    references = FrameworkIndicator.objects.select_related("catalogue")
    indicators = Indicator.objects.order_by("order", "code").prefetch_related(
        Prefetch("framework_indicators", queryset=references, to_attr="iati_references")
    )
    return Prefetch("indicators", queryset=indicators, to_attr="iati_indicators")


def _results() -> Prefetch:
    return Prefetch(
        "results",
        queryset=Result.objects.order_by("order", "code").prefetch_related(
            _indicators()
        ),
        to_attr="iati_results",
    )


def iati_programme_for_user(*, user: Any, code: str | None = None) -> Programme | None:
    """The programme (by code, or THE programme) with its funders, implementers,
    partner countries and lead ministries loaded."""
    programmes = programme_list_for_user(user=user)
    if code:
        programmes = programmes.filter(code=code)
    return (
        programmes.prefetch_related(
            Prefetch(
                "fundings",
                queryset=ProgrammeFunding.objects.filter(
                    funder__is_restricted=False
                ).select_related("funder"),
                to_attr="iati_fundings",
            ),
            Prefetch(
                "implementers",
                queryset=ProgrammeImplementer.objects.filter(
                    organisation__is_restricted=False
                ).select_related("organisation"),
                to_attr="iati_implementers",
            ),
            Prefetch(
                "partner_countries",
                queryset=PartnerCountry.objects.select_related(
                    "country", "lead_ministry"
                ),
                to_attr="iati_partner_countries",
            ),
        )
        .order_by("code")
        .first()
    )


def iati_activity_list_for_user(
    *, user: Any, programme: Programme
) -> QuerySet[Activity]:
    """The activities of ``programme`` that may be published, fully loaded:
    ``iati_shares``, ``iati_organisations`` (public implementers),
    ``lead_ministries``, ``iati_budget_lines`` and ``iati_results``."""
    partners = ActivityPartner.objects.filter(
        role=PartnerRole.LEAD_MINISTRY, organisation__is_restricted=False
    ).select_related("organisation")
    return (
        activity_list_for_user(user=user)
        .filter(programme=programme, is_restricted=False)
        .order_by("code")
        .prefetch_related(
            Prefetch(
                "country_shares",
                queryset=ActivityCountry.objects.select_related("country").order_by(
                    "-share", "country__iso3"
                ),
                to_attr="iati_shares",
            ),
            Prefetch(
                "implementers",
                queryset=PUBLIC_ORGANISATIONS,
                to_attr="iati_organisations",
            ),
            Prefetch("partners", queryset=partners, to_attr="lead_ministries"),
            Prefetch(
                "budget_lines",
                queryset=BudgetLine.objects.select_related("funder").order_by("year"),
                to_attr="iati_budget_lines",
            ),
            _results(),
        )
    )


def iati_programme_results(*, programme: Programme) -> list[Result]:
    """Results of the programme and its plans (not of one activity), with
    ``iati_indicators``."""
    return list(
        Result.objects.filter(programme=programme, activity__isnull=True)
        .order_by("order", "code")
        .prefetch_related(_indicators())
    )
