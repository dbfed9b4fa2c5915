"""The dashboards' charts, built from the figures of ``selectors.dashboards``.

Each function returns a :class:`Chart` (SVG + table + what the CSV holds) in the
active language; pages and the CSV downloads use the same objects.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language_bidi, ngettext
from django.utils.translation import gettext as _

from sudsud.programmes.models import Activity, Indicator
from sudsud.programmes.selectors.dashboards import DashboardFigures, Money, Tally
from sudsud.programmes.selectors.rollup import PeriodValues

from .bars import Bar, Group, bar_chart, grouped_bar_chart
from .base import Chart
from .gantt import GanttRow, gantt_chart
from .series import Point, series_chart


def _tally_chart(
    slug: str, title: str, tallies: list[Tally], link: Callable[[Tally], str | None]
) -> Chart:
    total = sum(t.count for t in tallies)
    desc = _("%(title)s: %(parts)s.") % {
        "title": title,
        "parts": "; ".join(f"{t.label} {t.count}" for t in tallies),
    }
    chart = Chart(
        slug=slug,
        title=title,
        description=desc,
        header=[_("Category"), _("Count"), _("Share (%)")],
        rows=[
            [t.label, t.count, round(Decimal(100 * t.count) / total, 1) if total else 0]
            for t in tallies
            if t.count
        ],
        links=[link(t) for t in tallies if t.count],
        empty_text=_("Nothing to count yet: add activities, or widen the filters."),
    )
    if not chart.empty:
        bars = [Bar(t.label, t.count) for t in tallies if t.count]
        chart.svg = bar_chart(
            uid=f"chart-{slug}",
            title=title,
            desc=desc,
            bars=bars,
            rtl=get_language_bidi(),
        )
    return chart


def _money_chart(slug: str, title: str, lines: list[Money]) -> Chart:
    series = [_("Planned"), _("Committed"), _("Spent")]
    desc = _("%(title)s, in EUR, planned, committed and spent: %(parts)s.") % {
        "title": title,
        "parts": "; ".join(
            f"{m.label} {m.planned:.0f} / {m.committed:.0f} / {m.spent:.0f}"
            for m in lines
        ),
    }
    chart = Chart(
        slug=slug,
        title=title,
        description=desc,
        header=[
            _("Organisation"),
            *(_("%(amount)s (EUR)") % {"amount": s} for s in series),
        ],
        rows=[[m.label, m.planned, m.committed, m.spent] for m in lines],
        empty_text=_("No budget line is recorded yet: add them on each activity."),
    )
    if lines:
        groups = [Group(m.label, (m.planned, m.committed, m.spent)) for m in lines]
        chart.svg = grouped_bar_chart(
            uid=f"chart-{slug}",
            title=title,
            desc=desc,
            series=series,
            groups=groups,
            rtl=get_language_bidi(),
        )
    return chart


def _no_link(tally: Tally) -> None:
    return None


def _plan_link(tally: Tally) -> str | None:
    if not tally.key:
        return None
    return reverse("programmes:plan_dashboard", args=[int(tally.key)])


def _country_link(tally: Tally) -> str | None:
    return (
        reverse("programmes:country_dashboard", args=[tally.key]) if tally.key else None
    )


def dashboard_charts(
    figures: DashboardFigures, *, by_plan: bool = True, by_country: bool = True
) -> list[Chart]:
    """The charts of a dashboard page, in reading order; a plan's page has no
    chart by plan, a country's none by country."""
    charts = [
        _tally_chart("status", _("Activities by status"), figures.by_status, _no_link)
    ]
    if by_plan:
        title = _("Activities by action plan")
        charts.append(_tally_chart("plan", title, figures.by_plan, _plan_link))
    if by_country:
        title = _("Activities by country")
        charts.append(_tally_chart("country", title, figures.by_country, _country_link))
    charts += [
        _tally_chart("domain", _("Activities by domain"), figures.by_domain, _no_link),
        _tally_chart(
            "targets",
            _("Indicator periods by share of target reached"),
            figures.targets,
            _no_link,
        ),
        _money_chart("funders", _("Budget by funder"), figures.by_funder),
        _money_chart(
            "implementers", _("Budget by implementer"), figures.by_implementer
        ),
    ]
    return charts


def indicator_chart(indicator: Indicator, values: list[PeriodValues]) -> Chart:
    """Target and actual of an indicator per period (``rollup.PeriodValues``)."""
    title = _("Target and actual per period")
    points = [Point(f"{v.period.start:%Y-%m}", v.target, v.actual) for v in values]
    desc = _("%(indicator)s: %(parts)s.") % {
        "indicator": indicator,
        "parts": "; ".join(
            _("%(period)s target %(target)s actual %(actual)s")
            % {"period": p.label, "target": p.target, "actual": p.actual}
            for p in points
        ),
    }
    chart = Chart(
        slug="series",
        title=title,
        description=desc,
        header=[
            _("Period start"),
            _("Period end"),
            _("Target"),
            _("Actual"),
            _("Actual ÷ target"),
        ],
        rows=[
            [
                v.period.start,
                v.period.end,
                v.target,
                v.actual,
                _ratio(v.share_of_target),
            ]
            for v in values
        ],
        empty_text=_("This indicator has no period yet: add periods with targets."),
    )
    if points:
        chart.svg = series_chart(
            uid="chart-series",
            title=title,
            desc=desc,
            names=(_("Target"), _("Actual")),
            points=points,
            rtl=get_language_bidi(),
        )
    return chart


def _ratio(share: Decimal | None) -> Decimal | None:
    return None if share is None else round(share, 3)


def _activity_url(activity: Activity) -> str | None:
    """The activity's page, once the activities pages exist."""
    try:
        return activity.get_absolute_url()
    except NoReverseMatch:
        return None


def timeline_chart(activities: list[Activity], today: datetime.date) -> Chart:
    """A Gantt of ``activities`` (annotated with ``is_late``)."""
    title = _("Timeline of activities")
    late = sum(1 for a in activities if _late(a))
    desc = ngettext(
        "%(count)s activity, %(late)s of them late.",
        "%(count)s activities, %(late)s of them late.",
        len(activities),
    ) % {
        "count": len(activities),
        "late": late,
    }
    chart = Chart(
        slug="timeline",
        title=title,
        description=desc,
        header=timeline_header(),
        rows=[timeline_row(a) for a in activities],
        links=[_activity_url(a) for a in activities],
        empty_text=_("No activity matches: change the filters or add activities."),
    )
    if activities:
        chart.svg = gantt_chart(
            uid="chart-timeline",
            title=title,
            desc=desc,
            rows=[_gantt_row(a, today) for a in activities],
            today=today,
            rtl=get_language_bidi(),
        )
    return chart


def _late(activity: Activity) -> bool:
    return bool(getattr(activity, "is_late", False))


def _gantt_row(activity: Activity, today: datetime.date) -> GanttRow:
    """An ongoing activity's actual bar runs to today."""
    start = activity.actual_start
    end = activity.actual_end or (today if start else None)
    if start and end and end < start:
        end = start
    return GanttRow(
        label=activity.code,
        planned=(activity.planned_start, activity.planned_end),
        actual=(start, end),
        late=_late(activity),
    )


def timeline_header() -> list[str]:
    return [
        _("Code"),
        _("Title"),
        _("Action plan"),
        _("Status"),
        _("Planned start"),
        _("Planned end"),
        _("Actual start"),
        _("Actual end"),
        _("Late"),
    ]


def timeline_row(activity: Activity) -> list[object]:
    return [
        activity.code,
        activity.title,
        activity.plan.code if activity.plan else "",
        activity.get_status_display(),
        activity.planned_start,
        activity.planned_end,
        activity.actual_start,
        activity.actual_end,
        _("Yes") if _late(activity) else _("No"),
    ]
