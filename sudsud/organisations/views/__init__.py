"""Pages of the organisations registry (thin: parse, call a selector or service,
render)."""

from .contacts import ContactCreateView, ContactDeleteView, ContactUpdateView
from .files import (
    OrganisationExportView,
    OrganisationImportView,
    organisation_import_template,
)
from .organisations import (
    OrganisationArchiveView,
    OrganisationCreateView,
    OrganisationDetailView,
    OrganisationListView,
    OrganisationRestoreView,
    OrganisationUpdateView,
)

__all__ = [
    "ContactCreateView",
    "ContactDeleteView",
    "ContactUpdateView",
    "OrganisationArchiveView",
    "OrganisationCreateView",
    "OrganisationDetailView",
    "OrganisationExportView",
    "OrganisationImportView",
    "OrganisationListView",
    "OrganisationRestoreView",
    "OrganisationUpdateView",
    "organisation_import_template",
]
