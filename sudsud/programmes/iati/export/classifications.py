"""Where and in which sector: recipient countries and the DAC sector."""

from .items import ExportData, IatiItem
from .xml import Element, number, sub


def recipient_country(parent: Element, item: IatiItem, data: ExportData) -> None:
    for code, share in item.countries:
        sub(parent, "recipient-country", code=code, percentage=number(share))


def sector(parent: Element, item: IatiItem, data: ExportData) -> None:
    sub(parent, "sector", vocabulary="1", code=data.sector, percentage="100")
