"""``/api/v1/frameworks/``: donor framework catalogues with their indicators, and
``/api/v1/frameworks/<id>/report/?start=&end=``, through the same selectors as the
pages."""

import datetime as dt
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from sudsud.programmes.models import FrameworkCatalogue, FrameworkIndicator
from sudsud.programmes.selectors import frameworks as selectors


class FrameworkIndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = FrameworkIndicator
        fields = ["id", "code", "label", "label_en", "label_fr", "unit", "order"]


class FrameworkCatalogueSerializer(serializers.ModelSerializer):
    indicators = FrameworkIndicatorSerializer(many=True, read_only=True)
    funder = serializers.CharField(source="funder.name", default=None)

    class Meta:
        model = FrameworkCatalogue
        fields = ["id", "code", "version", "name", "name_fr", "name_en", "funder"]
        fields += ["indicators"]


class ReportSourceSerializer(serializers.Serializer):
    indicator_id = serializers.IntegerField(source="indicator.pk")
    indicator_code = serializers.CharField(source="indicator.code")
    indicator_title = serializers.CharField(source="indicator.title")
    activity_code = serializers.CharField(
        source="indicator.result.activity.code", default=None
    )
    period_start = serializers.DateField(source="start")
    period_end = serializers.DateField(source="end")
    value = serializers.DecimalField(max_digits=20, decimal_places=4)
    countries = serializers.CharField()
    approved_by = serializers.CharField(source="approvers")
    is_demo = serializers.SerializerMethodField()

    def get_is_demo(self, source: selectors.ReportSource) -> bool:
        result = source.indicator.result
        return result.is_demo or bool(result.activity and result.activity.is_demo)


class ReportLineSerializer(serializers.Serializer):
    framework_indicator = FrameworkIndicatorSerializer()
    total = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True)
    sources = ReportSourceSerializer(many=True)


def _date(request: Request, name: str) -> dt.date:
    raw = request.query_params.get(name, "")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError as error:
        raise ValidationError({name: [_("Give a date as YYYY-MM-DD.")]}) from error


class FrameworkCatalogueViewSet(viewsets.ReadOnlyModelViewSet):
    """Donor framework catalogues (each version separately) with their indicators."""

    serializer_class = FrameworkCatalogueSerializer

    def get_queryset(self) -> QuerySet[FrameworkCatalogue]:
        ordered = FrameworkIndicator.objects.order_by("order", "code")
        return selectors.framework_catalogue_list_for_user(
            user=self.request.user
        ).prefetch_related(Prefetch("indicators", queryset=ordered))

    @extend_schema(
        parameters=[
            OpenApiParameter("start", dt.date, required=True),
            OpenApiParameter("end", dt.date, required=True),
        ],
        responses=ReportLineSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def report(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Each framework indicator with the sum of the approved values counting
        for it over the periods ending between ``start`` and ``end``, and sources."""
        catalogue = self.get_object()
        start, end = _date(request, "start"), _date(request, "end")
        if end < start:
            raise ValidationError(
                {"end": [_("The end of the range is before its start.")]}
            )
        lines = selectors.framework_report(
            user=request.user, catalogue=catalogue, start=start, end=end
        )
        return Response(ReportLineSerializer(lines, many=True).data)
