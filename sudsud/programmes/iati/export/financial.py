"""Budgets: one per calendar year of the budget lines (so never longer than a
year), original (type 1) and indicative (status 1), in euros."""

import datetime as dt

from .items import ExportData, IatiItem
from .xml import Element, iso_date, number, period, sub


def budget(parent: Element, item: IatiItem, data: ExportData) -> None:
    for year, amount in item.budgets:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        element = sub(parent, "budget", type="1", status="1")
        period(element, start, end)
        value = sub(element, "value", currency="EUR", value_date=iso_date(start))
        value.text = number(amount)
