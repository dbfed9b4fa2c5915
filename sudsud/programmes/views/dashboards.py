"""Dashboards: the programme's overview, a page per action plan, per country and
per indicator, and the timeline of activities.

Every chart is followed by its data table, and its figures download as CSV from the
same URL with ``?format=csv&chart=<slug>`` (the timeline: ``?format=csv``, every
activity that matches the filters, not only the page shown).
"""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from sudsud.core.exports import csv_bytes
from sudsud.programmes.charts.base import Chart
from sudsud.programmes.charts.panels import (
    dashboard_charts,
    indicator_chart,
    timeline_chart,
    timeline_header,
    timeline_row,
)
from sudsud.programmes.selectors import dashboards as figures
from sudsud.programmes.selectors.activities import (
    at_risk_definition,
    plan_list_for_user,
)
from sudsud.programmes.selectors.rollup import indicator_period_values

TEMPLATES = "programmes/dashboards/"
PER_PAGE = 25


def csv_response(header: list[str], rows: list[list[Any]], name: str) -> HttpResponse:
    response = HttpResponse(csv_bytes(header, rows), content_type="text/csv")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def _wants_csv(request: HttpRequest) -> bool:
    return request.GET.get("format") == "csv"


def _respond(
    request: HttpRequest, charts: list[Chart], context: dict[str, Any], name: str
) -> HttpResponse:
    """The page, or one chart's CSV when ``?format=csv&chart=<slug>``."""
    if _wants_csv(request):
        chart = next((c for c in charts if c.slug == request.GET.get("chart")), None)
        if chart is None:
            raise Http404
        return csv_response(chart.header, chart.rows, f"{name}-{chart.slug}")
    context["charts"] = charts
    context["at_risk_definition"] = at_risk_definition()
    return render(request, TEMPLATES + "dashboard.html", context)


class DashboardView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        data = figures.dashboard_figures(user=request.user)
        context = {"heading": _("Programme dashboard"), "figures": data}
        return _respond(request, dashboard_charts(data), context, "programme")


class PlanDashboardView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        plan = figures.dashboard_plan_get(user=request.user, pk=pk)
        if plan is None:
            raise Http404
        data = figures.dashboard_figures(user=request.user, plan=plan)
        heading = _("Dashboard: %(plan)s") % {"plan": plan}
        context = {"heading": heading, "figures": data, "plan": plan}
        charts = dashboard_charts(data, by_plan=False)
        return _respond(request, charts, context, f"plan-{plan.pk}")


class CountryDashboardView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, iso3: str) -> HttpResponse:
        country = figures.dashboard_country_get(user=request.user, iso3=iso3)
        if country is None:
            raise Http404
        data = figures.dashboard_figures(user=request.user, country=country)
        heading = _("Dashboard: %(country)s") % {"country": country}
        context = {"heading": heading, "figures": data, "country": country}
        charts = dashboard_charts(data, by_country=False)
        return _respond(request, charts, context, country.iso3)


class IndicatorChartView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        indicator = figures.dashboard_indicator_get(user=request.user, pk=pk)
        if indicator is None:
            raise Http404
        chart = indicator_chart(indicator, indicator_period_values(indicator))
        if _wants_csv(request):
            return csv_response(chart.header, chart.rows, f"indicator-{indicator.pk}")
        context = {"indicator": indicator, "charts": [chart]}
        return render(request, TEMPLATES + "indicator.html", context)


class TimelineView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        user, params = request.user, request.GET
        plan_obj, country = _timeline_filters(request)
        today = timezone.localdate()
        activities = figures.timeline_activities(
            user=user, plan=plan_obj, country=country, today=today
        )
        if _wants_csv(request):
            rows = [timeline_row(a) for a in activities]
            return csv_response(timeline_header(), rows, "timeline")
        page = Paginator(activities, PER_PAGE).get_page(params.get("page"))
        chart = timeline_chart(list(page.object_list), today)
        context = {
            "page_obj": page,
            "charts": [chart],
            "plans": plan_list_for_user(user=user),
            "countries": figures.dashboard_countries(user=user),
            "selected_plan": plan_obj,
            "selected_country": country,
        }
        return render(request, TEMPLATES + "timeline.html", context)


def _timeline_filters(request: HttpRequest) -> tuple[Any, Any]:
    """The plan (by id) and country (by ISO3) asked for; unknown ones: no filter."""
    user, plan, iso3 = (
        request.user,
        request.GET.get("plan", ""),
        request.GET.get("country", ""),
    )
    plan_obj = (
        figures.dashboard_plan_get(user=user, pk=int(plan)) if plan.isdigit() else None
    )
    country = figures.dashboard_country_get(user=user, iso3=iso3) if iso3 else None
    return plan_obj, country
