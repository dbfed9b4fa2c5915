"""``/api/v1/dashboards/…``: the dashboards' figures as JSON, from the same
selector as the pages (``selectors.dashboards.dashboard_figures``), so the same
restricted activities stay out of them. Amounts are strings (exact decimals, EUR)."""

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sudsud.programmes.selectors import dashboards as figures


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def figures_json(data: figures.DashboardFigures) -> dict[str, Any]:
    plain: dict[str, Any] = _plain(asdict(data))
    return plain


class OverviewFiguresView(APIView):
    """The programme's figures: activities by status, plan, country and domain,
    late activities, share of targets reached, budget by funder and implementer."""

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dashboards_overview")
    def get(self, request: Request) -> Response:
        return Response(figures_json(figures.dashboard_figures(user=request.user)))


class PlanFiguresView(APIView):
    """The same figures for one action plan."""

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dashboards_plan")
    def get(self, request: Request, pk: int) -> Response:
        plan = figures.dashboard_plan_get(user=request.user, pk=pk)
        if plan is None:
            raise Http404
        data = figures.dashboard_figures(user=request.user, plan=plan)
        return Response(
            {"plan": {"id": plan.pk, "code": plan.code}, **figures_json(data)}
        )


class CountryFiguresView(APIView):
    """The same figures for the activities covering one country (ISO 3166 alpha-3);
    budgets count in proportion to the country's share of each activity."""

    @extend_schema(responses=OpenApiTypes.OBJECT, operation_id="dashboards_country")
    def get(self, request: Request, iso3: str) -> Response:
        country = figures.dashboard_country_get(user=request.user, iso3=iso3)
        if country is None:
            raise Http404
        data = figures.dashboard_figures(user=request.user, country=country)
        place = {"iso3": country.iso3, "name": country.name}
        return Response({"country": place, **figures_json(data)})
