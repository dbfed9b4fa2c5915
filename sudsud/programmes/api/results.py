"""``/api/v1/results/`` and ``indicators/``: the same selectors, services and
permissions as the pages. Periods and updates are in ``results_updates``; the
helpers shared by both (service calls, filters, id and amount fields) are here.
"""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from sudsud.programmes.models import (
    Dimension,
    Indicator,
    Result,
    ResultLevel,
)
from sudsud.programmes.selectors import activities as activity_selectors
from sudsud.programmes.selectors import results as selectors
from sudsud.programmes.selectors.rollup import (
    PeriodValues,
    indicator_period_values_many,
)
from sudsud.programmes.services import results as services


def call_service(service: Callable[..., Any], **kwargs: Any) -> Any:
    """Run a service; its ``ValidationError`` becomes a 400 with the same messages
    (``PermissionDenied`` is already a 403 for DRF)."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise ValidationError(detail) from error


MAX_ID = 2**63 - 1  # the largest primary key the databases store


def id_field() -> serializers.IntegerField:
    """An optional id filter (``?plan=``, ``?indicator=``…): a number the database
    can compare, so a huge one is a 400, not an overflow."""
    return serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)


def amount_field(**kwargs: Any) -> serializers.DecimalField:
    """A total, target or breakdown amount: ≥ 0, 12 digits before the point, 4
    after (the columns' size)."""
    return serializers.DecimalField(
        max_digits=16, decimal_places=4, min_value=Decimal(0), **kwargs
    )


def breakdowns_field() -> serializers.DictField:
    return serializers.DictField(child=amount_field(allow_null=True), required=False)


def filters_of(
    serializer_class: type[serializers.Serializer], request: Request
) -> dict:
    params = serializer_class(data=request.query_params)
    params.is_valid(raise_exception=True)
    return dict(params.validated_data)


# --- Results -------------------------------------------------------------------


class ResultSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.code", read_only=True)
    indicators: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Result
        fields = [
            "id",
            "programme",
            "plan",
            "activity",
            "parent",
            "level",
            "code",
            "title",
            "title_fr",
            "title_en",
            "description",
            "order",
            "indicators",
        ]


class ResultWriteSerializer(serializers.ModelSerializer):
    """Plans, activities and parents are looked up among those the user sees."""

    class Meta:
        model = Result
        fields = services.RESULT_FIELDS
        validators: list[Any] = []  # the service checks uniqueness

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        fields["plan"].queryset = activity_selectors.plan_list_for_user(user=user)  # type: ignore[attr-defined]
        fields["activity"].queryset = activity_selectors.activity_list_for_user(  # type: ignore[attr-defined]
            user=user
        )
        fields["parent"].queryset = selectors.result_list_for_user(user=user)  # type: ignore[attr-defined]


class ResultFilters(serializers.Serializer):
    plan = id_field()
    activity = id_field()
    level = serializers.ChoiceField(choices=ResultLevel.choices, required=False)
    q = serializers.CharField(required=False, max_length=200)


class ResultViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.ReadOnlyModelViewSet,
):
    serializer_class = ResultSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Result]:
        params = (
            filters_of(ResultFilters, self.request) if self.action == "list" else {}
        )
        return selectors.result_list_for_user(
            user=self.request.user,
            plan_id=params.get("plan"),
            activity_id=params.get("activity"),
            level=params.get("level", ""),
            q=params.get("q", ""),
        ).prefetch_related("indicators")

    @extend_schema(request=ResultWriteSerializer, responses=ResultSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        write = ResultWriteSerializer(data=request.data, user=request.user)
        write.is_valid(raise_exception=True)
        fields = write.validated_data
        programme = call_service(
            services.result_programme, user=request.user, fields=fields
        )
        result = call_service(
            services.result_create, actor=request.user, programme=programme, **fields
        )
        return Response(ResultSerializer(result).data, status=201)

    @extend_schema(request=ResultWriteSerializer, responses=ResultSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        write = ResultWriteSerializer(
            data=request.data, partial=True, user=request.user
        )
        write.is_valid(raise_exception=True)
        result = call_service(
            services.result_update,
            actor=request.user,
            result=self.get_object(),
            **write.validated_data,
        )
        return Response(ResultSerializer(result).data)


# --- Indicators -------------------------------------------------------------------


class PeriodValuesSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="period.pk")
    start = serializers.DateField(source="period.start")
    end = serializers.DateField(source="period.end")
    target = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    actual = serializers.DecimalField(max_digits=16, decimal_places=4, allow_null=True)
    share_of_target = serializers.DecimalField(
        max_digits=20, decimal_places=4, allow_null=True
    )
    target_breakdowns = serializers.DictField(
        child=serializers.DecimalField(max_digits=16, decimal_places=4)
    )
    actual_breakdowns = serializers.DictField(
        child=serializers.DecimalField(max_digits=16, decimal_places=4)
    )
    approved_updates = serializers.IntegerField()
    rating = serializers.IntegerField(allow_null=True)
    narrative = serializers.CharField()


class IndicatorSerializer(serializers.ModelSerializer):
    dimensions: Any = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    periods = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "result",
            "parent",
            "code",
            "title",
            "title_fr",
            "title_en",
            "description",
            "kind",
            "measure",
            "unit",
            "ascending",
            "aggregation",
            "baseline_value",
            "baseline_year",
            "baseline_comment",
            "dimensions",
            "order",
            "periods",
        ]

    @extend_schema_field(PeriodValuesSerializer(many=True))
    def get_periods(self, indicator: Indicator) -> Any:
        values: dict[int, list[PeriodValues]] = self.context.get("values", {})
        return PeriodValuesSerializer(values.get(indicator.pk, []), many=True).data


class IndicatorWriteSerializer(serializers.ModelSerializer):
    dimensions = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Dimension.objects.all(), required=False
    )

    class Meta:
        model = Indicator
        fields = ("result", *services.INDICATOR_FIELDS, "dimensions")
        validators: list[Any] = []

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["result"].queryset = selectors.result_list_for_user(user=user)  # type: ignore[attr-defined]
        # Only indicators of results the user may change; the service checks the level.
        parents = selectors.indicator_parent_choices(user=user)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]


class IndicatorFilters(serializers.Serializer):
    result = id_field()


class IndicatorViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Indicators with their periods' targets and approved actuals (roll-up)."""

    serializer_class = IndicatorSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Indicator]:
        indicators = selectors.indicator_list_for_user(user=self.request.user)
        if self.action == "list":
            params = filters_of(IndicatorFilters, self.request)
            if "result" in params:
                indicators = indicators.filter(result_id=params["result"])
        return indicators

    def _data(self, items: list[Indicator]) -> Any:
        values = indicator_period_values_many(i.pk for i in items)
        return IndicatorSerializer(items, many=True, context={"values": values}).data

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(self._data(list(page or [])))

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return Response(self._data([self.get_object()])[0])

    @extend_schema(request=IndicatorWriteSerializer, responses=IndicatorSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        write = IndicatorWriteSerializer(data=request.data, user=request.user)
        write.is_valid(raise_exception=True)
        indicator = call_service(
            services.indicator_create, actor=request.user, **write.validated_data
        )
        return Response(self._data([indicator])[0], status=201)

    @extend_schema(request=IndicatorWriteSerializer, responses=IndicatorSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        write = IndicatorWriteSerializer(
            data=request.data, partial=True, user=request.user
        )
        write.is_valid(raise_exception=True)
        fields = dict(write.validated_data)
        fields.pop("result", None)  # an indicator does not move between results
        indicator = call_service(
            services.indicator_update,
            actor=request.user,
            indicator=self.get_object(),
            **fields,
        )
        return Response(self._data([indicator])[0])
