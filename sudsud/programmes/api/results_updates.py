"""``/api/v1/indicator-periods/`` and ``indicator-updates/``: the same selectors,
services and permissions as the pages.

Updates are written as drafts (POST creates or changes the draft of a period and
country; PATCH changes one), then moved through the workflow with POST on
``…/submit/``, ``…/approve/``, ``…/return/`` (``reason``) and ``…/reopen/``
(``reason``). A step the update's status does not allow answers 400 with the
reason; a person who may not take it, 403 with the reason — including the person
who submitted the update and tries to approve it (four eyes). Evidence is listed with a download
URL (``programmes:evidence_download``), never its storage name.
"""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from sudsud.places.models import Place
from sudsud.programmes.models import (
    Indicator,
    IndicatorPeriod,
    IndicatorUpdate,
    UpdateStatus,
)
from sudsud.programmes.selectors import results as selectors
from sudsud.programmes.services import reporting
from sudsud.programmes.services import results as services

from .results import amount_field, breakdowns_field, call_service, filters_of, id_field

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
    target_value = amount_field(allow_null=True, required=False)
    target_comment = serializers.CharField(allow_blank=True, required=False)
    target_breakdowns = breakdowns_field()

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Without a user (schema generation) nothing is selectable.
        field = self.fields["indicator"]
        field.queryset = selectors.indicator_list_for_user(user=user)  # type: ignore[attr-defined]


class PeriodFilters(serializers.Serializer):
    indicator = id_field()


class IndicatorPeriodViewSet(
    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet
):
    serializer_class = IndicatorPeriodSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[IndicatorPeriod]:
        periods = selectors.period_list_for_user(user=self.request.user)
        if self.action == "list":
            params = filters_of(PeriodFilters, self.request)
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
        saved = call_service(
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


class EvidenceSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    caption = serializers.CharField()
    link = serializers.URLField()
    download_url = serializers.SerializerMethodField()

    def get_download_url(self, evidence: Any) -> str | None:
        """The scoped download page of the file (``None`` for a link)."""
        if not evidence.document:
            return None
        url = reverse("programmes:evidence_download", args=[evidence.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


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

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, update: IndicatorUpdate) -> Any:
        return EvidenceSerializer(
            update.evidence.all(), many=True, context=self.context
        ).data


class IndicatorUpdateWriteSerializer(serializers.Serializer):
    period = serializers.PrimaryKeyRelatedField(queryset=IndicatorPeriod.objects.none())
    country: Any = serializers.SlugRelatedField(
        slug_field="iso3",
        queryset=Place.objects.exclude(iso3=""),
        required=False,
        allow_null=True,
    )
    value = amount_field(allow_null=True, required=False)
    narrative = serializers.CharField(allow_blank=True, required=False)
    rating = serializers.IntegerField(
        min_value=1, max_value=5, allow_null=True, required=False
    )
    comment = serializers.CharField(allow_blank=True, required=False)
    breakdowns = breakdowns_field()

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["period"]
        field.queryset = selectors.period_list_for_user(user=user)  # type: ignore[attr-defined]


class UpdateFilters(serializers.Serializer):
    status = serializers.ChoiceField(choices=UpdateStatus.choices, required=False)
    indicator = id_field()
    country = id_field()


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
        params = (
            filters_of(UpdateFilters, self.request) if self.action == "list" else {}
        )
        return selectors.update_list_for_user(
            user=self.request.user,
            status=params.get("status", ""),
            indicator_id=params.get("indicator"),
            country_id=params.get("country"),
        )

    def _fresh(self, update: IndicatorUpdate, status: int = 200) -> Response:
        fresh = selectors.update_list_for_user(user=self.request.user).get(pk=update.pk)
        data = IndicatorUpdateSerializer(fresh, context=self.get_serializer_context())
        return Response(data.data, status=status)

    @extend_schema(request=IndicatorUpdateWriteSerializer)
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        write = IndicatorUpdateWriteSerializer(data=request.data, user=request.user)
        write.is_valid(raise_exception=True)
        update = call_service(
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
        update = call_service(
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
        update = call_service(
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
