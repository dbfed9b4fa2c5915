"""Identification, texts, organisations, status and dates of an activity."""

from .items import ExportData, IatiItem, OrgRef
from .xml import Element, iso_date, narratives, sub


def iati_identifier(parent: Element, item: IatiItem, data: ExportData) -> None:
    sub(parent, "iati-identifier").text = item.identifier


def reporting_org(parent: Element, item: IatiItem, data: ExportData) -> None:
    org = data.reporting_org
    element = sub(parent, "reporting-org", ref=org.ref, type=org.type or None)
    sub(element, "narrative").text = org.name or org.ref


def title(parent: Element, item: IatiItem, data: ExportData) -> None:
    narratives(parent, "title", {"fr": item.title_fr, "en": item.title_en})


def description(parent: Element, item: IatiItem, data: ExportData) -> None:
    texts = {"fr": item.description_fr, "en": item.description_en}
    element = narratives(parent, "description", texts)
    if element is not None:
        element.set("type", "1")


def _participant(parent: Element, org: OrgRef, role: str) -> None:
    element = sub(parent, "participating-org", ref=org.ref or None, role=role)
    if org.type:
        element.set("type", org.type)
    sub(element, "narrative").text = org.name


def participating_org(parent: Element, item: IatiItem, data: ExportData) -> None:
    """Funding (1), accountable (2: lead ministries), implementing (4)."""
    for role, orgs in (
        ("1", item.funders),
        ("2", item.accountable),
        ("4", item.implementers),
    ):
        for org in orgs:
            _participant(parent, org, role)


def activity_status(parent: Element, item: IatiItem, data: ExportData) -> None:
    sub(parent, "activity-status", code=str(int(item.status)))


def activity_date(parent: Element, item: IatiItem, data: ExportData) -> None:
    for kind, day in item.dates:
        sub(parent, "activity-date", type=str(kind), iso_date=iso_date(day))
