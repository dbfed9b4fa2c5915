"""Results, indicators, baselines and periods with their targets and actuals.

Values come from ``selectors.rollup`` (approved actuals only, contributors rolled
up); each breakdown cell (``country=SEN;sex=female``) becomes a ``target`` or
``actual`` of its own carrying one ``dimension`` per part of the key.
"""

import datetime as dt
from decimal import Decimal

from sudsud.programmes.models import (
    Indicator,
    IndicatorMeasure,
    Result,
    ResultLevel,
    parse_breakdown_key,
)
from sudsud.programmes.selectors.rollup import PeriodValues

from .items import ExportData, IatiItem, loaded
from .xml import Element, narratives, number, period, sub

RESULT_TYPES: dict[str, str] = {
    ResultLevel.OUTPUT: "1",
    ResultLevel.OUTCOME: "2",
    ResultLevel.IMPACT: "3",
}
QUALITATIVE = str(int(IndicatorMeasure.QUALITATIVE))


def _measure(indicator: Indicator) -> str:
    if not indicator.is_quantitative:
        return QUALITATIVE
    return str(int(indicator.measure))


def _value(parent: Element, tag: str, value: Decimal | None, key: str = "") -> Element:
    element = sub(parent, tag, value=None if value is None else number(value))
    for name, cell in parse_breakdown_key(key).items():
        sub(element, "dimension", name=name, value=cell)
    return element


def _values(parent: Element, tag: str, total: Decimal | None, cells: dict) -> None:
    if total is not None:
        _value(parent, tag, total)
    for key, value in sorted(cells.items()):
        _value(parent, tag, value, key)


def _period(parent: Element, row: PeriodValues, numeric: bool) -> None:
    element = sub(parent, "period")
    period(element, row.period.start, row.period.end)
    if numeric:
        _values(element, "target", row.target, row.target_breakdowns)
        _values(element, "actual", row.actual, row.actual_breakdowns)
    elif row.narrative:
        actual = sub(element, "actual")
        narratives(actual, "comment", {"fr": row.narrative})


def _baseline(parent: Element, indicator: Indicator) -> None:
    value = indicator.baseline_value
    if value is None or not indicator.is_quantitative:
        return
    year = indicator.baseline_year or None
    if year is None:
        return
    element = sub(
        parent,
        "baseline",
        year=str(year),
        iso_date=dt.date(year, 1, 1).isoformat(),
        value=number(value),
    )
    narratives(element, "comment", {"fr": indicator.baseline_comment})


def _indicator(parent: Element, indicator: Indicator, data: ExportData) -> Element:
    numeric = indicator.is_quantitative
    element = sub(parent, "indicator", measure=_measure(indicator))
    if numeric:
        element.set("ascending", "1" if indicator.ascending else "0")
    narratives(element, "title", {"fr": indicator.title_fr, "en": indicator.title_en})
    narratives(element, "description", {"fr": indicator.description})
    for mapped in loaded(indicator, "iati_references"):
        sub(element, "reference", vocabulary="99", code=mapped.code)
    _baseline(element, indicator)
    for row in data.values.get(indicator.pk, []):
        _period(element, row, numeric)
    return element


def _result(parent: Element, result: Result, data: ExportData) -> Element:
    element = sub(parent, "result", type=RESULT_TYPES.get(result.level, "9"))
    narratives(element, "title", {"fr": result.title_fr, "en": result.title_en})
    narratives(element, "description", {"fr": result.description})
    return element


def result(parent: Element, item: IatiItem, data: ExportData) -> None:
    """One ``result`` per result that has indicators (the XSD requires one)."""
    for record in item.results:
        indicators = loaded(record, "iati_indicators")
        if not indicators:
            continue
        element = _result(parent, record, data)
        data.sources.append((element, record))
        for indicator in indicators:
            data.sources.append((_indicator(element, indicator, data), indicator))
