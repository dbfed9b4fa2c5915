"""``/api/v1/exports/{results,values}/`` (the files of the export page) and
``/api/v1/dimensions/`` (read by every signed-in person, written by programme
administrators through the same services as the pages)."""

from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status, viewsets
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sudsud.accounts.scopes import scope_allows_export
from sudsud.places.selectors import country_list
from sudsud.programmes.exports_results import EXTENSIONS, results_export
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    Dimension,
    DimensionValue,
)
from sudsud.programmes.selectors import activities as activity_sel
from sudsud.programmes.selectors import data as sel
from sudsud.programmes.services import dimensions_admin as services

from .activities import service_errors

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class FileNegotiation(DefaultContentNegotiation):
    """``?format=`` names the file to export, not DRF's renderer: errors are JSON."""

    def select_renderer(
        self,
        request: Request,
        renderers: Iterable[BaseRenderer],
        format_suffix: str | None = None,
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type


class ExportQuerySerializer(serializers.Serializer):
    format = serializers.ChoiceField(choices=list(EXTENSIONS), default="csv")
    plan = serializers.PrimaryKeyRelatedField(
        queryset=ActionPlan.objects.none(), required=False
    )
    activity = serializers.PrimaryKeyRelatedField(
        queryset=Activity.objects.none(), required=False
    )
    country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=country_list(), required=False
    )
    period_from = serializers.DateField(required=False)
    period_to = serializers.DateField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        user = self.context.get("user")  # none while the schema is drawn
        fields: Any = self.fields
        fields["plan"].queryset = activity_sel.plan_list_for_user(user=user)
        fields["activity"].queryset = activity_sel.activity_list_for_user(user=user)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("period_from"), attrs.get("period_to")
        if start and end and end < start:
            raise serializers.ValidationError(
                {"period_to": [_("The end of the range is before its start.")]}
            )
        return attrs

    def filters(self) -> sel.DataFilters:
        data = self.validated_data
        return sel.DataFilters(
            plan=data.get("plan"),
            activity=data.get("activity"),
            country=data.get("country"),
            period_from=data.get("period_from"),
            period_to=data.get("period_to"),
        )


class _ExportView(APIView):
    kind = "results"
    content_negotiation_class = FileNegotiation

    def get(self, request: Request) -> HttpResponse:
        if not scope_allows_export(request.user):
            raise PermissionDenied
        query = ExportQuerySerializer(
            data=request.query_params, context={"user": request.user}
        )
        query.is_valid(raise_exception=True)
        extension = query.validated_data["format"]
        content = results_export(
            kind=self.kind,
            extension=extension,
            user=request.user,
            filters=query.filters(),
        )
        response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
        stem = f"{self.kind}-{timezone.localdate():%Y-%m-%d}"
        response["Content-Disposition"] = f'attachment; filename="{stem}.{extension}"'
        return response


_FILE_RESPONSES = {
    (200, CONTENT_TYPES["csv"]): OpenApiTypes.BINARY,
    (200, CONTENT_TYPES["xlsx"]): OpenApiTypes.BINARY,
}


class ResultsExportView(_ExportView):
    kind = "results"

    @extend_schema(
        parameters=[ExportQuerySerializer],
        responses=_FILE_RESPONSES,
        description="Results and indicators, one row per indicator (CSV or XLSX).",
    )
    def get(self, request: Request) -> HttpResponse:
        return super().get(request)


class ValuesExportView(_ExportView):
    kind = "values"

    @extend_schema(
        parameters=[ExportQuerySerializer],
        responses=_FILE_RESPONSES,
        description=(
            "Values, one row per indicator period and per total or breakdown cell, "
            "with target, approved actual and reporting status (CSV or XLSX)."
        ),
    )
    def get(self, request: Request) -> HttpResponse:
        return super().get(request)


# --- Dimensions -------------------------------------------------------------------


class DimensionValueSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = DimensionValue
        fields = ["id", "code", "name", "name_fr", "name_en", "name_ar", "order"]


class DimensionSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)
    values = DimensionValueSerializer(many=True, read_only=True)

    class Meta:
        model = Dimension
        fields = ["id", "code", "name", "name_fr", "name_en", "name_ar", "order",
                  "is_system", "values"]  # fmt: skip
        read_only_fields = ["is_system"]


class DimensionWriteSerializer(serializers.Serializer):
    code = serializers.SlugField(max_length=40)
    name_fr = serializers.CharField(max_length=120)
    name_en = serializers.CharField(max_length=120)
    name_ar = serializers.CharField(max_length=120, required=False, allow_blank=True)
    order = serializers.IntegerField(min_value=0, max_value=2**31 - 1, default=0)

    def data_for_service(self, instance: Any = None) -> services.DimensionData:
        """The validated fields; a PATCH keeps what it does not give."""
        given = self.validated_data
        keep: dict[str, Any] = {
            name: getattr(instance, name, "")
            for name in ("code", "name_fr", "name_en", "name_ar", "order")
        }
        return services.DimensionData(**(keep | dict(given)))


class _WritableMixin:
    """Create, update and destroy through ``save_with`` and ``delete_with``."""

    def _write(self, request: Request, instance: Any, partial: bool) -> Response:
        if not services.can_manage_dimensions(request.user):
            raise PermissionDenied
        body = DimensionWriteSerializer(data=request.data, partial=partial)
        body.is_valid(raise_exception=True)
        with service_errors():
            saved = self.save_with(request, instance, body.data_for_service(instance))  # type: ignore[attr-defined]
        code = status.HTTP_201_CREATED if instance is None else status.HTTP_200_OK
        return Response(self.read_serializer(saved).data, status=code)  # type: ignore[attr-defined]

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._write(request, None, partial=False)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.get("partial", False)
        return self._write(request, self.get_object(), partial=partial)  # type: ignore[attr-defined]

    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not services.can_manage_dimensions(request.user):
            raise PermissionDenied
        instance = self.get_object()  # type: ignore[attr-defined]
        with service_errors():
            self.delete_with(request, instance)  # type: ignore[attr-defined]
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(request=DimensionWriteSerializer, responses=DimensionSerializer)
class DimensionViewSet(_WritableMixin, viewsets.ModelViewSet):
    serializer_class = DimensionSerializer
    read_serializer = DimensionSerializer
    pagination_class = None

    def get_queryset(self) -> Any:
        return sel.dimension_list(q=self.request.query_params.get("q", "")[:100])

    def save_with(self, request: Request, instance: Any, data: Any) -> Dimension:
        return services.dimension_save(
            actor=request.user, dimension=instance, data=data
        )

    def delete_with(self, request: Request, instance: Dimension) -> None:
        services.dimension_delete(actor=request.user, dimension=instance)


@extend_schema(request=DimensionWriteSerializer, responses=DimensionValueSerializer)
class DimensionValueViewSet(_WritableMixin, viewsets.ModelViewSet):
    queryset = DimensionValue.objects.none()
    serializer_class = DimensionValueSerializer
    read_serializer = DimensionValueSerializer
    pagination_class = None

    @property
    def dimension(self) -> Dimension:
        dimension = sel.dimension_get(pk=int(self.kwargs["dimension_pk"]))
        if dimension is None:
            raise NotFound
        return dimension

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # drawing the schema
            return DimensionValue.objects.none()
        return self.dimension.values.all()

    def save_with(self, request: Request, instance: Any, data: Any) -> DimensionValue:
        return services.dimension_value_save(
            actor=request.user, dimension=self.dimension, value=instance, data=data
        )

    def delete_with(self, request: Request, instance: DimensionValue) -> None:
        services.dimension_value_delete(actor=request.user, value=instance)
