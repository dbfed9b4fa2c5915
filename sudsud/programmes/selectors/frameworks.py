"""Reads of donor frameworks, and the report of one framework over a date range.

Catalogues hold no country data: every signed-in person sees them. The report
counts only programme indicators the reader may see (an indicator of a restricted
activity is hidden from people whose scope does not cover it, as the activity is),
and for each framework indicator adds up the approved actuals of the programme
indicators mapped to it (``selectors.rollup.indicator_period_values``) over the
periods that end within the range. An indicator whose ancestor (``parent``) is
mapped to the same framework indicator is left out: its values are already in
the ancestor's, and counting both would count them twice.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from sudsud.accounts.scopes import scope_for
from sudsud.programmes.models import (
    FrameworkCatalogue,
    FrameworkIndicator,
    Indicator,
    IndicatorUpdate,
    UpdateStatus,
)

from .activities import activity_list_for_user
from .rollup import indicator_period_values


def framework_catalogue_list_for_user(*, user: Any) -> QuerySet[FrameworkCatalogue]:
    if not scope_for(user).authenticated:
        return FrameworkCatalogue.objects.none()
    return (
        FrameworkCatalogue.objects.select_related("funder")
        .annotate(indicator_count=Count("indicators", distinct=True))
        .order_by("code", "-version")
    )


def framework_catalogue_get_for_user(
    *, user: Any, pk: int
) -> FrameworkCatalogue | None:
    return framework_catalogue_list_for_user(user=user).filter(pk=pk).first()


def framework_indicator_list_for_user(
    *, user: Any, catalogue: FrameworkCatalogue, query: str = ""
) -> QuerySet[FrameworkIndicator]:
    """A catalogue's indicators, with how many visible programme indicators count
    for each."""
    visible = indicator_list_for_user(user=user)
    indicators = catalogue.indicators.annotate(
        mapped_count=Count("indicators", filter=Q(indicators__in=visible))
    ).order_by("order", "code")
    if query:
        indicators = indicators.filter(
            Q(code__icontains=query)
            | Q(label_en__icontains=query)
            | Q(label_fr__icontains=query)
        )
    return indicators


def indicator_list_for_user(*, user: Any) -> QuerySet[Indicator]:
    """Indicators of programme- and plan-level results, and of visible activities."""
    if not scope_for(user).authenticated:
        return Indicator.objects.none()
    visible_activities = activity_list_for_user(user=user).values("pk")
    return Indicator.objects.select_related(
        "result", "result__activity", "result__plan"
    ).filter(
        Q(result__activity__isnull=True) | Q(result__activity__in=visible_activities)
    )


def indicator_get_for_user(*, user: Any, pk: int) -> Indicator | None:
    return indicator_list_for_user(user=user).filter(pk=pk).first()


def framework_choices_for_indicator(*, user: Any) -> QuerySet[FrameworkCatalogue]:
    """Every catalogue with its indicators loaded, for the mapping form."""
    return framework_catalogue_list_for_user(user=user).prefetch_related(
        Prefetch("indicators", queryset=FrameworkIndicator.objects.order_by("order"))
    )


# --- The report -------------------------------------------------------------------


@dataclass
class ReportSource:
    """One period value of one programme indicator that counts in the report."""

    indicator: Indicator
    start: dt.date
    end: dt.date
    value: Decimal
    updates: list[IndicatorUpdate] = field(default_factory=list)

    @property
    def countries(self) -> str:
        return ", ".join(str(u.country) for u in self.updates if u.country)

    @property
    def approvers(self) -> str:
        names = (u.reviewed_by.get_username() for u in self.updates if u.reviewed_by)
        return ", ".join(dict.fromkeys(names))


@dataclass
class ReportLine:
    framework_indicator: FrameworkIndicator
    sources: list[ReportSource] = field(default_factory=list)

    @property
    def total(self) -> Decimal | None:
        if not self.sources:
            return None
        return sum((source.value for source in self.sources), Decimal(0))


def _ancestors(parent_of: dict[int, int | None], pk: int) -> set[int]:
    found: set[int] = set()
    current = parent_of.get(pk)
    while current is not None and current not in found:
        found.add(current)
        current = parent_of.get(current)
    return found


def _counted(indicators: list[Indicator], parent_of: dict) -> list[Indicator]:
    mapped = {indicator.pk for indicator in indicators}
    return [i for i in indicators if not _ancestors(parent_of, i.pk) & mapped]


def _sources(indicator: Indicator, start: dt.date, end: dt.date) -> list[ReportSource]:
    return [
        ReportSource(indicator, v.period.start, v.period.end, v.actual)
        for v in indicator_period_values(indicator)
        if v.actual is not None and start <= v.period.end <= end
    ]


def _attach_updates(lines: list[ReportLine]) -> None:
    """Load the approved updates behind each source in one query."""
    by_key: dict[tuple[int, dt.date, dt.date], list[ReportSource]] = {}
    for line in lines:
        for source in line.sources:
            key = (source.indicator.pk, source.start, source.end)
            by_key.setdefault(key, []).append(source)
    updates = IndicatorUpdate.objects.filter(
        status=UpdateStatus.APPROVED,
        period__indicator_id__in={key[0] for key in by_key},
    ).select_related("period", "country", "reviewed_by")
    for update in updates:
        period = update.period
        for source in by_key.get((period.indicator_id, period.start, period.end), []):
            source.updates.append(update)


def framework_report(
    *, user: Any, catalogue: FrameworkCatalogue, start: dt.date, end: dt.date
) -> list[ReportLine]:
    """One line per framework indicator of ``catalogue``, in catalogue order."""
    visible = indicator_list_for_user(user=user).order_by("result__code", "code")
    framework_indicators = catalogue.indicators.order_by(
        "order", "code"
    ).prefetch_related(
        Prefetch("indicators", queryset=visible, to_attr="visible_indicators")
    )
    parent_of = dict(Indicator.objects.values_list("pk", "parent_id"))
    lines = []
    for framework_indicator in framework_indicators:
        line = ReportLine(framework_indicator)
        for indicator in _counted(framework_indicator.visible_indicators, parent_of):
            line.sources += _sources(indicator, start, end)
        lines.append(line)
    _attach_updates(lines)
    return lines


REPORT_COLUMNS = (
    "framework_code",
    "framework_label",
    "framework_total",
    "indicator_code",
    "indicator_title",
    "activity_code",
    "period_start",
    "period_end",
    "value",
    "countries",
    "approved_by",
    "demo",
)


def framework_report_rows(lines: list[ReportLine]) -> list[list[Any]]:
    """The report as a flat table (``REPORT_COLUMNS``), one row per source, and one
    row with an empty source for a framework indicator nothing counts for."""
    rows: list[list[Any]] = []
    for line in lines:
        head = [line.framework_indicator.code, line.framework_indicator.label]
        if not line.sources:
            rows.append([*head, "", "", "", "", "", "", "", "", "", ""])
        for source in line.sources:
            result = source.indicator.result
            activity = result.activity
            is_demo = result.is_demo or bool(activity and activity.is_demo)
            rows.append(
                [
                    *head,
                    line.total,
                    source.indicator.code,
                    source.indicator.title,
                    activity.code if activity else "",
                    source.start.isoformat(),
                    source.end.isoformat(),
                    source.value,
                    source.countries,
                    source.approvers,
                    "demo" if is_demo else "",
                ]
            )
    return rows
