"""``/api/v1/results/``, ``indicators/``, ``indicator-periods/`` and
``indicator-updates/``: the same selectors, services and permissions as the pages.

Updates are written as drafts (POST creates or changes the draft of a period and
country; PATCH changes one), then moved through the workflow with POST on
``…/submit/``, ``…/approve/``, ``…/return/`` (``reason``) and ``…/reopen/``
(``reason``). A step the update's status does not allow answers 400 with the
reason; a person who may not take it, 403.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from sudsud.places.models import Place
from sudsud.programmes.models import (
    Dimension,
    Indicator,
    IndicatorPeriod,
    IndicatorUpdate,
    Result,
    ResultLevel,
    UpdateStatus,
)
from sudsud.programmes.selectors import activities as activity_selectors
from sudsud.programmes.selectors import results as selectors
from sudsud.programmes.selectors.reference import programme_current_for_user
from sudsud.programmes.selectors.rollup import (
    PeriodValues,
    indicator_period_values_many,
)
from sudsud.programmes.services import reporting
from sudsud.programmes.services import results as services


def _call(service: Callable[..., Any], **kwargs: Any) -> Any:
    """Run a service; its ``ValidationError`` becomes a 400 with the same messages
    (``PermissionDenied`` is already a 403 for DRF)."""
    try:
        return service(**kwargs)
    except DjangoValidationError as error:
        detail = error.message_dict if hasattr(error, "error_dict") else error.messages
        raise ValidationError(detail) from error


def _filters(serializer_class: type[serializers.Serializer], request: Request) -> dict:
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
        fields = [
            "level",
            "code",
            "title_fr",
            "title_en",
            "description",
            "plan",
            "activity",
            "parent",
            "order",
        ]
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
    plan = serializers.IntegerField(required=False, min_value=1)
    activity = serializers.IntegerField(required=False, min_value=1)
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
        params = _filters(ResultFilters, self.request) if self.action == "list" else {}
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
        link = fields.get("activity") or fields.get("plan")
        programme = link.programme if link else None
        if programme is None:
            programme = programme_current_for_user(user=request.user)
        if programme is None:
            raise ValidationError(
                _("The programme's reference data is not loaded yet.")
            )
        result = _call(
            services.result_create, actor=request.user, programme=programme, **fields
        )
        return Response(ResultSerializer(result).data, status=201)

    @extend_schema(request=ResultWriteSerializer, responses=ResultSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        write = ResultWriteSerializer(
            data=request.data, partial=True, user=request.user
        )
        write.is_valid(raise_exception=True)
        result = _call(
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
        fields = [
            "result",
            "parent",
            "code",
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
        ]
        validators: list[Any] = []

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["result"].queryset = selectors.result_list_for_user(user=user)  # type: ignore[attr-defined]
        self.fields["parent"].queryset = selectors.indicator_list_for_user(user=user)  # type: ignore[attr-defined]


class IndicatorFilters(serializers.Serializer):
    result = serializers.IntegerField(required=False, min_value=1)


class IndicatorViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    """Indicators with their periods' targets and approved actuals (roll-up)."""

    serializer_class = IndicatorSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Indicator]:
        indicators = selectors.indicator_list_for_user(user=self.request.user)
        if self.action == "list":
            params = _filters(IndicatorFilters, self.request)
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
        indicator = _call(
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
        indicator = _call(
            services.indicator_update,
            actor=request.user,
            indicator=self.get_object(),
            **fields,
        )
        return Response(self._data([indicator])[0])


# --- Periods -----------------------------------------------------------------------


class IndicatorPeriodSerializer(serializers.ModelSerializer):
    target_breakdowns = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorPeriod
        fields = [
            "id",
            "indicator",
            "start",
            "end",
            "target_value",
            "target_comment",
            "target_breakdowns",
        ]

    def get_target_breakdowns(self, period: IndicatorPeriod) -> dict[str, str]:
        return {b.key: str(b.value) for b in period.target_breakdowns.all()}


class IndicatorPeriodWriteSerializer(serializers.Serializer):
    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.none())
    start = serializers.DateField()
    end = serializers.DateField()
    target_value = serializers.DecimalField(
        max_digits=16, decimal_places=4, allow_null=True, required=False
    )
    target_comment = serializers.CharField(allow_blank=True, required=False)
    target_breakdowns = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Without a user (schema generation) nothing is selectable.
        field = self.fields["indicator"]
        field.queryset = selectors.indicator_list_for_user(user=user)  # type: ignore[attr-defined]


class PeriodFilters(serializers.Serializer):
    indicator = serializers.IntegerField(required=False, min_value=1)


class IndicatorPeriodViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = IndicatorPeriodSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[IndicatorPeriod]:
        periods = selectors.period_list_for_user(user=self.request.user)
        if self.action == "list":
            params = _filters(PeriodFilters, self.request)
            if "indicator" in params:
                periods = periods.filter(indicator_id=params["indicator"])
        return periods.order_by("indicator_id", "start")

    def _save(self, request: Request, period: IndicatorPeriod | None) -> Response:
        write = IndicatorPeriodWriteSerializer(
            data=request.data, partial=period is not None, user=request.user
        )
        write.is_valid(raise_exception=True)
        fields = dict(write.validated_data)
        indicator = fields.pop("indicator", None) or (period and period.indicator)
        saved = _call(
            services.indicator_period_save,
            actor=request.user,
            indicator=indicator,
            period=period,
            **fields,
        )
        fresh = self.get_queryset().get(pk=saved.pk)
        return Response(
            IndicatorPeriodSerializer(fresh).data, status=201 if period is None else 200
        )

    @extend_schema(request=IndicatorPeriodWriteSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._save(request, None)

    @extend_schema(request=IndicatorPeriodWriteSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self._save(request, self.get_object())


# --- Updates -----------------------------------------------------------------------


class IndicatorUpdateSerializer(serializers.ModelSerializer):
    country: Any = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    indicator = serializers.IntegerField(source="period.indicator_id", read_only=True)
    breakdowns = serializers.SerializerMethodField()
    evidence = serializers.SerializerMethodField()

    class Meta:
        model = IndicatorUpdate
        fields = [
            "id",
            "indicator",
            "period",
            "country",
            "status",
            "value",
            "narrative",
            "rating",
            "comment",
            "return_reason",
            "breakdowns",
            "evidence",
            "submitted_at",
            "reviewed_at",
            "created_at",
            "updated_at",
        ]

    def get_breakdowns(self, update: IndicatorUpdate) -> dict[str, str]:
        return {b.key: str(b.value) for b in update.breakdowns.all()}

    def get_evidence(self, update: IndicatorUpdate) -> list[dict[str, str]]:
        return [
            {"caption": e.caption, "link": e.link, "file": e.document.name or ""}
            for e in update.evidence.all()
        ]


class IndicatorUpdateWriteSerializer(serializers.Serializer):
    period = serializers.PrimaryKeyRelatedField(queryset=IndicatorPeriod.objects.none())
    country: Any = serializers.SlugRelatedField(
        slug_field="iso3",
        queryset=Place.objects.exclude(iso3=""),
        required=False,
        allow_null=True,
    )
    value = serializers.DecimalField(
        max_digits=16, decimal_places=4, allow_null=True, required=False
    )
    narrative = serializers.CharField(allow_blank=True, required=False)
    rating = serializers.IntegerField(
        min_value=1, max_value=5, allow_null=True, required=False
    )
    comment = serializers.CharField(allow_blank=True, required=False)
    breakdowns = serializers.DictField(
        child=serializers.CharField(allow_blank=True), required=False
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["period"]
        field.queryset = selectors.period_list_for_user(user=user)  # type: ignore[attr-defined]


class UpdateFilters(serializers.Serializer):
    status = serializers.ChoiceField(choices=UpdateStatus.choices, required=False)
    indicator = serializers.IntegerField(required=False, min_value=1)
    country = serializers.IntegerField(required=False, min_value=1)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=255, required=False, allow_blank=True)


class IndicatorUpdateViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = IndicatorUpdateSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[IndicatorUpdate]:
        params = _filters(UpdateFilters, self.request) if self.action == "list" else {}
        return selectors.update_list_for_user(
            user=self.request.user,
            status=params.get("status", ""),
            indicator_id=params.get("indicator"),
            country_id=params.get("country"),
        )

    def _fresh(self, update: IndicatorUpdate, status: int = 200) -> Response:
        fresh = selectors.update_list_for_user(user=self.request.user).get(pk=update.pk)
        return Response(IndicatorUpdateSerializer(fresh).data, status=status)

    @extend_schema(request=IndicatorUpdateWriteSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        write = IndicatorUpdateWriteSerializer(data=request.data, user=request.user)
        write.is_valid(raise_exception=True)
        update = _call(
            reporting.indicator_update_save, actor=request.user, **write.validated_data
        )
        return self._fresh(update, status=201)

    @extend_schema(request=IndicatorUpdateWriteSerializer)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        current = self.get_object()
        write = IndicatorUpdateWriteSerializer(
            data=request.data, partial=True, user=request.user
        )
        write.is_valid(raise_exception=True)
        fields = {
            k: v
            for k, v in write.validated_data.items()
            if k not in {"period", "country"}
        }
        update = _call(
            reporting.indicator_update_save,
            actor=request.user,
            period=current.period,
            country=current.country,
            **fields,
        )
        return self._fresh(update)

    def _step(self, request: Request, service: Any, form: Any) -> Response:
        params = form(data=request.data)
        params.is_valid(raise_exception=True)
        update = _call(
            service,
            actor=request.user,
            update=self.get_object(),
            **params.validated_data,
        )
        return self._fresh(update)

    @extend_schema(request=NoteSerializer, responses=IndicatorUpdateSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, reporting.indicator_update_submit, NoteSerializer)

    @extend_schema(request=NoteSerializer, responses=IndicatorUpdateSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, reporting.indicator_update_approve, NoteSerializer)

    @extend_schema(request=ReasonSerializer, responses=IndicatorUpdateSerializer)
    @action(detail=True, methods=["post"], url_path="return")
    def return_(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, reporting.indicator_update_return, ReasonSerializer)

    @extend_schema(request=ReasonSerializer, responses=IndicatorUpdateSerializer)
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        return self._step(request, reporting.indicator_update_reopen, ReasonSerializer)
