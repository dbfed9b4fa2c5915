"""API of the programmes app, by subdomain."""

from .reference import (
    DomainSerializer,
    FundingSerializer,
    ImplementerSerializer,
    MemorandumPatchSerializer,
    MemorandumSerializer,
    MemorandumViewSet,
    OrganisationRefSerializer,
    PartnerCountrySerializer,
    PlaceRefSerializer,
    ProgrammeSerializer,
    ProgrammeViewSet,
    organisation_ref,
)

__all__ = [
    "DomainSerializer",
    "FundingSerializer",
    "ImplementerSerializer",
    "MemorandumPatchSerializer",
    "MemorandumSerializer",
    "MemorandumViewSet",
    "OrganisationRefSerializer",
    "PartnerCountrySerializer",
    "PlaceRefSerializer",
    "ProgrammeSerializer",
    "ProgrammeViewSet",
    "organisation_ref",
]
