"""The ``iati-activities`` document, driven by the ordered ``ELEMENTS`` list.

The order is the one the 2.03 XSD imposes inside ``iati-activity``; adding an
element means writing one function in its group module and listing it here.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from lxml import etree

from .basic import (
    activity_date,
    activity_status,
    description,
    iati_identifier,
    participating_org,
    reporting_org,
    title,
)
from .classifications import recipient_country, sector
from .financial import budget
from .items import ExportData, IatiItem, export_items
from .links import related_activity
from .results import result
from .xml import XML_LANG, Element, iso_datetime

ElementWriter = Callable[[Element, IatiItem, ExportData], None]

ELEMENTS: list[ElementWriter] = [
    iati_identifier,
    reporting_org,
    title,
    description,
    participating_org,
    activity_status,
    activity_date,
    recipient_country,
    sector,
    budget,
    related_activity,
    result,
]

IATI_VERSION = "2.03"


@dataclass
class ExportDocument:
    root: Any  # lxml.etree._Element
    # XPath of an element (``/iati-activities/iati-activity[2]/result[1]``) → the
    # record it was written from.
    sources: dict[str, Model]

    def to_bytes(self) -> bytes:
        return etree.tostring(
            self.root, xml_declaration=True, encoding="UTF-8", pretty_print=True
        )


def _activity(root: Element, item: IatiItem, data: ExportData) -> Element:
    element = etree.SubElement(root, "iati-activity")
    element.set("last-updated-datetime", iso_datetime(item.last_updated))
    element.set(XML_LANG, "fr")
    element.set("default-currency", "EUR")
    element.set("hierarchy", str(item.hierarchy))
    for write in ELEMENTS:
        write(element, item, data)
    return element


def build_document(data: ExportData) -> ExportDocument:
    root = etree.Element("iati-activities")
    root.set("version", IATI_VERSION)
    root.set("generated-datetime", iso_datetime(data.generated))
    for item in export_items(data):
        data.sources.append((_activity(root, item, data), item.source))
    tree = root.getroottree()
    sources = {tree.getpath(element): record for element, record in data.sources}
    return ExportDocument(root=root, sources=sources)
