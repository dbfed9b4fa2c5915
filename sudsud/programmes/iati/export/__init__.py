"""The IATI export: ``build_document(ExportData)`` → ``ExportDocument``."""

from .document import ELEMENTS, ExportDocument, build_document
from .items import ExportData, IatiItem, OrgRef, loaded

__all__ = [
    "ELEMENTS",
    "ExportData",
    "ExportDocument",
    "IatiItem",
    "OrgRef",
    "build_document",
    "loaded",
]
