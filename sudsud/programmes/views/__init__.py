"""Views of the programmes app, by subdomain."""

from .reference import (
    DomainUpdateView,
    MemorandumUpdateView,
    PartnerCountryUpdateView,
    ProgrammeDetailView,
    ProgrammeUpdateView,
    ReferenceEditView,
    memorandum_document,
)

__all__ = [
    "DomainUpdateView",
    "MemorandumUpdateView",
    "PartnerCountryUpdateView",
    "ProgrammeDetailView",
    "ProgrammeUpdateView",
    "ReferenceEditView",
    "memorandum_document",
]
