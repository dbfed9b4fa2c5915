"""Plain records read from ``iati-activity`` elements (2.0x, and 1.0x as far as
possible). Values that cannot be read are left empty and the reason is kept in
``warnings``; the service decides what to write."""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from sudsud.programmes.models import breakdown_key

from .export.xml import XML_LANG

# IATI 1.0x named the activity date types.
DATE_TYPES_1X = {
    "start-planned": 1,
    "start-actual": 2,
    "end-planned": 3,
    "end-actual": 4,
}
RESULT_LEVELS = {"1": "output", "2": "outcome", "3": "impact"}


@dataclass
class ParsedPeriod:
    start: dt.date
    end: dt.date
    target: Decimal | None = None
    target_cells: dict[str, Decimal] = field(default_factory=dict)
    actual: Decimal | None = None
    actual_cells: dict[str, Decimal] = field(default_factory=dict)
    comment: str = ""


@dataclass
class ParsedIndicator:
    title_fr: str
    title_en: str
    measure: int
    ascending: bool
    baseline_value: Decimal | None = None
    baseline_year: int | None = None
    periods: list[ParsedPeriod] = field(default_factory=list)


@dataclass
class ParsedResult:
    level: str
    title_fr: str
    title_en: str
    indicators: list[ParsedIndicator] = field(default_factory=list)


@dataclass
class ParsedActivity:
    identifier: str
    line: int
    reporting_ref: str = ""
    hierarchy: str = ""
    title_fr: str = ""
    title_en: str = ""
    description_fr: str = ""
    description_en: str = ""
    status: int | None = None
    dates: dict[int, dt.date] = field(default_factory=dict)
    countries: list[tuple[str, Decimal | None]] = field(default_factory=list)
    budgets: list[tuple[dt.date, str, Decimal]] = field(default_factory=list)
    funder_refs: list[str] = field(default_factory=list)
    implementer_refs: list[str] = field(default_factory=list)
    results: list[ParsedResult] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class ParsedFile:
    version: str
    activities: list[ParsedActivity]
    warnings: list[str] = field(default_factory=list)


def _decimal(text: Any) -> Decimal | None:
    try:
        value = Decimal(str(text).strip())
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


def _date(text: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text or "").strip()[:10])
    except ValueError:
        return None


def _texts(element: Any, default_lang: str) -> tuple[str, str]:
    """``(French, English)`` texts of an element's narratives (1.0x: its text);
    French falls back to whatever language is there, since it is required."""
    if element is None:
        return "", ""
    found: dict[str, str] = {}
    for narrative in element.iterfind("narrative"):
        lang = (narrative.get(XML_LANG) or default_lang or "").lower()[:2]
        found.setdefault(lang, (narrative.text or "").strip())
    if not found and (element.text or "").strip():
        found[default_lang[:2]] = element.text.strip()
    english = found.get("en", "")
    french = found.get("fr") or next((t for t in found.values() if t), "")
    return french, english


def _activity_dates(activity: Any) -> dict[int, dt.date]:
    dates: dict[int, dt.date] = {}
    for element in activity.iterfind("activity-date"):
        kind = element.get("type", "")
        code = DATE_TYPES_1X.get(kind) or (int(kind) if kind.isdigit() else 0)
        day = _date(element.get("iso-date"))
        if code in (1, 2, 3, 4) and day:
            dates[code] = day
    return dates


def _cells(parent: Any, tag: str) -> tuple[Decimal | None, dict[str, Decimal]]:
    """The total (no dimension) and the broken-down values of ``tag`` elements."""
    total: Decimal | None = None
    cells: dict[str, Decimal] = {}
    for element in parent.iterfind(tag):
        value = _decimal(element.get("value"))
        if value is None:
            continue
        dimensions = {
            d.get("name", "").strip(): d.get("value", "").strip()
            for d in element.iterfind("dimension")
            if d.get("name") and d.get("value")
        }
        if dimensions:
            cells[breakdown_key(dimensions)] = value
        else:
            total = value
    return total, cells


def _period(element: Any, lang: str) -> ParsedPeriod | None:
    start = _date(element.xpath("string(period-start/@iso-date)"))
    end = _date(element.xpath("string(period-end/@iso-date)"))
    if not (start and end) or start > end:
        return None
    target, target_cells = _cells(element, "target")
    actual, actual_cells = _cells(element, "actual")
    comment, _english = _texts(element.find("actual/comment"), lang)
    return ParsedPeriod(start, end, target, target_cells, actual, actual_cells, comment)


def _indicator(element: Any, lang: str) -> ParsedIndicator:
    title_fr, title_en = _texts(element.find("title"), lang)
    measure = element.get("measure", "1")
    baseline = element.find("baseline")
    periods = [_period(p, lang) for p in element.iterfind("period")]
    year = baseline.get("year", "") if baseline is not None else ""
    return ParsedIndicator(
        title_fr=title_fr[:255] or _("Untitled indicator"),
        title_en=title_en[:255],
        measure=int(measure) if measure in {"1", "2", "3", "4", "5"} else 1,
        ascending=element.get("ascending", "1") not in {"0", "false"},
        baseline_value=_decimal(baseline.get("value"))
        if baseline is not None
        else None,
        baseline_year=int(year) if year.isdigit() else None,
        periods=[p for p in periods if p is not None],
    )


def _results(activity: Any, lang: str) -> list[ParsedResult]:
    results = []
    for element in activity.iterfind("result"):
        title_fr, title_en = _texts(element.find("title"), lang)
        results.append(
            ParsedResult(
                level=RESULT_LEVELS.get(element.get("type", ""), "output"),
                title_fr=title_fr[:255] or _("Untitled result"),
                title_en=title_en[:255],
                indicators=[_indicator(i, lang) for i in element.iterfind("indicator")],
            )
        )
    return results


def _budgets(
    activity: Any, default_currency: str
) -> list[tuple[dt.date, str, Decimal]]:
    budgets = []
    for element in activity.iterfind("budget"):
        start = _date(element.xpath("string(period-start/@iso-date)"))
        value_element = element.find("value")
        value = _decimal(value_element.text) if value_element is not None else None
        if start and value is not None:
            currency = value_element.get("currency") or default_currency
            budgets.append((start, currency.upper(), value))
    return budgets


def _refs(activity: Any, roles: tuple[str, ...]) -> list[str]:
    return [
        org.get("ref", "").strip()
        for org in activity.iterfind("participating-org")
        if org.get("role", "") in roles and org.get("ref", "").strip()
    ]


def parse_activity(activity: Any, version: str) -> ParsedActivity:
    lang = activity.get(XML_LANG) or "en"
    title_fr, title_en = _texts(activity.find("title"), lang)
    description_fr, description_en = _texts(activity.find("description"), lang)
    status = activity.xpath("string(activity-status/@code)")
    return ParsedActivity(
        identifier=(activity.findtext("iati-identifier") or "").strip(),
        line=activity.sourceline or 0,
        reporting_ref=activity.xpath("string(reporting-org/@ref)").strip(),
        hierarchy=activity.get("hierarchy", ""),
        title_fr=title_fr,
        title_en=title_en,
        description_fr=description_fr,
        description_en=description_en,
        status=int(status) if status in {"1", "2", "3", "4", "5", "6"} else None,
        dates=_activity_dates(activity),
        countries=[
            (c.get("code", "").strip().upper(), _decimal(c.get("percentage")))
            for c in activity.iterfind("recipient-country")
        ],
        budgets=_budgets(activity, activity.get("default-currency", "")),
        funder_refs=_refs(activity, ("1", "Funding")),
        implementer_refs=_refs(activity, ("4", "Implementing")),
        results=_results(activity, lang),
    )
