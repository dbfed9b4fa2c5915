"""Links between the programme (parent, type 1) and its activities (children, 2)."""

from .items import ExportData, IatiItem
from .xml import Element, sub


def related_activity(parent: Element, item: IatiItem, data: ExportData) -> None:
    for ref, kind in item.related:
        sub(parent, "related-activity", ref=ref, type=str(kind))
