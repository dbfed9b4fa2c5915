"""What one ``iati-activity`` says, gathered from the models before any XML is
written: the programme (the parent, hierarchy 1) and each activity (a child,
hierarchy 2) become an ``IatiItem``, so each element function reads one shape."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Model
from django.utils import timezone

from sudsud.organisations.models import Organisation, OrganisationKind
from sudsud.programmes.models import (
    Activity,
    ActivityStatus,
    BudgetLine,
    Programme,
    Result,
)
from sudsud.programmes.selectors.rollup import PeriodValues

# IATI OrganisationType for our organisation kinds (others: no type given).
ORGANISATION_TYPES: dict[str, str] = {
    OrganisationKind.MINISTRY: "10",
    OrganisationKind.GOVERNMENT_AGENCY: "10",
    OrganisationKind.IMPLEMENTING_AGENCY: "10",
    OrganisationKind.LOCAL_AUTHORITY: "11",
    OrganisationKind.NGO: "22",
    OrganisationKind.DIASPORA_ASSOCIATION: "22",
    OrganisationKind.INTERNATIONAL: "40",
    OrganisationKind.SERVICE_PROVIDER: "70",
    OrganisationKind.UNIVERSITY: "80",
}


@dataclass(frozen=True)
class OrgRef:
    name: str
    ref: str = ""
    type: str = ""

    @classmethod
    def of(cls, organisation: Organisation) -> "OrgRef":
        return cls(
            name=organisation.name,
            ref=organisation.iati_identifier,
            type=ORGANISATION_TYPES.get(organisation.kind, ""),
        )


@dataclass
class ExportData:
    """Everything the document needs, loaded up front (no query while writing)."""

    programme: Programme
    activities: list[Activity]
    programme_results: list[Result]
    values: dict[int, list[PeriodValues]]
    reporting_org: OrgRef
    sector: str
    generated: dt.datetime = field(default_factory=timezone.now)
    # (element, record) pairs: which record each problem found later points at.
    sources: list[tuple[Any, Model]] = field(default_factory=list)

    def identifier(self, code: str) -> str:
        """``<reporting-org ref>-<code>``; the code alone while no ref is set (the
        check then says the ref is missing), never a leading hyphen."""
        ref = self.reporting_org.ref
        return f"{ref}-{code}" if ref else code


@dataclass
class IatiItem:
    identifier: str
    hierarchy: int
    source: Model
    last_updated: dt.datetime
    title_fr: str
    title_en: str = ""
    description_fr: str = ""
    description_en: str = ""
    status: int = ActivityStatus.PIPELINE
    dates: list[tuple[int, dt.date]] = field(default_factory=list)
    countries: list[tuple[str, Decimal]] = field(default_factory=list)
    funders: list[OrgRef] = field(default_factory=list)
    implementers: list[OrgRef] = field(default_factory=list)
    accountable: list[OrgRef] = field(default_factory=list)
    budgets: list[tuple[int, Decimal]] = field(default_factory=list)
    results: list[Result] = field(default_factory=list)
    related: list[tuple[str, int]] = field(default_factory=list)


def _dates(pairs: list[tuple[int, dt.date | None]]) -> list[tuple[int, dt.date]]:
    return [(kind, day) for kind, day in pairs if day is not None]


def _equal_shares(codes: list[str]) -> list[tuple[str, Decimal]]:
    """Equal percentages summing exactly to 100 (the remainder on the first)."""
    if not codes:
        return []
    share = (Decimal(100) / len(codes)).quantize(Decimal("0.01"))
    shares = [share] * len(codes)
    shares[0] += Decimal(100) - sum(shares)
    return list(zip(codes, shares, strict=True))


def _programme_status(programme: Programme, today: dt.date) -> int:
    if programme.start_date and today < programme.start_date:
        return ActivityStatus.PIPELINE
    if programme.end_date and today > programme.end_date:
        return ActivityStatus.CLOSED
    return ActivityStatus.IMPLEMENTATION


def _distinct(orgs: list[OrgRef]) -> list[OrgRef]:
    return list(dict.fromkeys(orgs))


def programme_item(data: ExportData) -> IatiItem:
    programme: Any = data.programme
    today = timezone.localdate()
    started = programme.start_date and programme.start_date <= today
    return IatiItem(
        identifier=programme.iati_identifier or data.identifier(programme.code),
        hierarchy=1,
        source=programme,
        last_updated=programme.updated_at,
        title_fr=programme.name_fr,
        title_en=programme.name_en,
        description_fr=programme.description_fr,
        description_en=programme.description_en,
        status=_programme_status(programme, today),
        dates=_dates([(2 if started else 1, programme.start_date)])
        + _dates([(3, programme.end_date)]),
        countries=_equal_shares(
            [p.country.iso2 for p in programme.iati_partner_countries]
        ),
        funders=_distinct([OrgRef.of(f.funder) for f in programme.iati_fundings]),
        implementers=[OrgRef.of(i.organisation) for i in programme.iati_implementers],
        accountable=_distinct(
            [
                OrgRef.of(p.lead_ministry)
                for p in programme.iati_partner_countries
                if p.lead_ministry and not p.lead_ministry.is_restricted
            ]
        ),
        results=data.programme_results,
    )


def loaded(record: Model, name: str) -> list[Any]:
    """A list prefetched by ``selectors.iati`` (``Prefetch(to_attr=name)``)."""
    rows: list[Any] = getattr(record, name)
    return rows


def _lines(activity: Activity) -> list[BudgetLine]:
    return loaded(activity, "iati_budget_lines")


def _budgets(activity: Activity) -> list[tuple[int, Decimal]]:
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    for line in _lines(activity):
        by_year[line.year] += line.planned
    return sorted(by_year.items())


def _funders(activity: Activity, data: ExportData) -> list[OrgRef]:
    lines = _lines(activity)
    public = [line.funder for line in lines if not line.funder.is_restricted]
    if public:
        return _distinct([OrgRef.of(funder) for funder in public])
    programme: Any = data.programme
    return _distinct([OrgRef.of(f.funder) for f in programme.iati_fundings])


def _implementers(activity: Activity, data: ExportData) -> list[OrgRef]:
    """The activity's implementers, else the programme's."""
    own = [OrgRef.of(org) for org in loaded(activity, "iati_organisations")]
    programme: Any = data.programme
    return own or [OrgRef.of(i.organisation) for i in programme.iati_implementers]


def activity_item(activity: Activity, data: ExportData, parent: str) -> IatiItem:
    shares = loaded(activity, "iati_shares")
    lead_ministries: Any = activity.lead_ministries  # type: ignore[attr-defined]
    return IatiItem(
        identifier=data.identifier(activity.code),
        hierarchy=2,
        source=activity,
        last_updated=activity.updated_at,
        title_fr=activity.title_fr,
        title_en=activity.title_en,
        description_fr=activity.description_fr,
        description_en=activity.description_en,
        status=activity.status,
        dates=_dates(
            [
                (1, activity.planned_start),
                (2, activity.actual_start),
                (3, activity.planned_end),
                (4, activity.actual_end),
            ]
        ),
        countries=[(share.country.iso2, share.share) for share in shares],
        funders=_funders(activity, data),
        implementers=_implementers(activity, data),
        accountable=_distinct([OrgRef.of(p.organisation) for p in lead_ministries]),
        budgets=_budgets(activity),
        results=list(loaded(activity, "iati_results")),
        related=[(parent, 1)],
    )


def export_items(data: ExportData) -> list[IatiItem]:
    """The programme first, then its activities, linked both ways."""
    parent = programme_item(data)
    children = [activity_item(a, data, parent.identifier) for a in data.activities]
    parent.related = [(child.identifier, 2) for child in children]
    return [parent, *children]
