"""``/api/v1/plans/`` and ``/api/v1/activities/``: the same selectors, services
and permissions as the pages. Invisible records are 404, refused writes 403,
invalid data or query parameters 400, a deletion the data forbids (approved
values, a plan that still has activities) 409 with the reasons. Organisations
the reader may not see are shown as ``{"id": null, "name": "Restricted record",
"hidden": true}``. Partners, budget lines and deliverables are written under
``/api/v1/activities/{id}/…`` (``activities_parts``)."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any

import django_filters
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch, QuerySet
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from sudsud.organisations.models import Organisation
from sudsud.places.selectors import country_list
from sudsud.programmes.models import (
    ActionPlan,
    Activity,
    ActivityStatus,
    ActivityType,
    BudgetLine,
    Deliverable,
    Domain,
)
from sudsud.programmes.selectors import activities as sel
from sudsud.programmes.services import activities as services
from sudsud.programmes.services import activities_deletion as deletion

from .reference import OrganisationRefSerializer, PlaceRefSerializer, organisation_ref

MAX_ID = 2**63 - 1


@contextmanager
def service_errors() -> Iterator[None]:
    """Turn a service's ``ValidationError`` into a 400 with its messages."""
    try:
        yield
    except DjangoValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise serializers.ValidationError(exc.messages) from exc
        detail = exc.message_dict
        if NON_FIELD_ERRORS in detail:
            detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop(NON_FIELD_ERRORS)
        raise serializers.ValidationError(detail) from exc


REFUSAL = inline_serializer(
    "DeletionRefused",
    {
        "detail": serializers.CharField(),
        "reasons": serializers.ListField(child=serializers.CharField()),
    },
)


def delete_or_refuse(delete: Any, **kwargs: Any) -> Response:
    """204 once deleted; 409 with the reasons when the data forbids it."""
    try:
        delete(**kwargs)
    except deletion.DeletionRefusedError as refused:
        reasons = refused.messages
        body = {"detail": " ".join(reasons), "reasons": reasons}
        return Response(body, status=status.HTTP_409_CONFLICT)
    return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_field(OrganisationRefSerializer)
class VisibleOrganisationField(serializers.Field):
    """An organisation as the reader may see it (``context["visible_ids"]``)."""

    def to_representation(self, value: Organisation) -> dict[str, Any]:
        visible = value.pk in self.context.get("visible_ids", set())
        return organisation_ref(value if visible else None)


class CountryShareSerializer(serializers.Serializer):
    country = PlaceRefSerializer()
    share = serializers.DecimalField(max_digits=5, decimal_places=2)


class PartnerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    organisation = VisibleOrganisationField()
    role = serializers.CharField()
    country = serializers.CharField(source="country.iso3", default=None)
    signed_off_at = serializers.DateTimeField(allow_null=True)


class BudgetLineSerializer(serializers.ModelSerializer):
    funder = VisibleOrganisationField()
    implementer = VisibleOrganisationField()

    class Meta:
        model = BudgetLine
        fields = [
            "id",
            "funder",
            "implementer",
            "year",
            "planned",
            "committed",
            "spent",
        ]


class DeliverableSerializer(serializers.ModelSerializer):
    has_document = serializers.SerializerMethodField()
    document_url = serializers.SerializerMethodField()

    class Meta:
        model = Deliverable
        fields = ["id", "title", "description", "due_date", "delivered_on", "link",
                  "has_document", "document_url"]  # fmt: skip

    def get_has_document(self, deliverable: Deliverable) -> bool:
        return bool(deliverable.document)

    def get_document_url(self, deliverable: Deliverable) -> str | None:
        """Where people who see the activity download the document."""
        if not deliverable.document:
            return None
        args = [deliverable.activity_id, deliverable.pk]
        return reverse("programmes:deliverable_document", args=args)


class ActivitySerializer(serializers.ModelSerializer):
    plan_code = serializers.CharField(source="plan.code", default=None, read_only=True)
    countries = CountryShareSerializer(source="country_shares", many=True)
    domains: Any = serializers.SlugRelatedField(
        slug_field="code", many=True, read_only=True
    )
    implementers = serializers.ListField(
        child=VisibleOrganisationField(), source="implementers.all"
    )
    partners = PartnerSerializer(many=True)
    budget_lines = BudgetLineSerializer(many=True)
    deliverables = DeliverableSerializer(many=True)
    is_late = serializers.BooleanField(default=False)
    is_at_risk = serializers.BooleanField(default=False)

    class Meta:
        model = Activity
        fields = [
            "id", "code", "plan", "plan_code", "title", "title_fr", "title_en",
            "description_fr", "description_en", "activity_type", "status",
            "countries", "domains", "implementers", "planned_start", "planned_end",
            "actual_start", "actual_end", "benefit_origin", "benefit_host",
            "benefit_migrants", "is_restricted", "is_demo", "is_late", "is_at_risk",
            "partners", "budget_lines", "deliverables",
        ]  # fmt: skip


class CountryShareInput(serializers.Serializer):
    country = serializers.SlugRelatedField(slug_field="iso3", queryset=country_list())
    share = serializers.DecimalField(max_digits=5, decimal_places=2)


class ActivityWriteSerializer(serializers.Serializer):
    """What a POST or PATCH may give; the service checks the rest (shares adding up
    to 100, permissions, dates)."""

    plan = serializers.PrimaryKeyRelatedField(
        queryset=ActionPlan.objects.all(), required=False, allow_null=True
    )
    code = serializers.CharField(max_length=40)
    title_fr = serializers.CharField(max_length=255)
    title_en = serializers.CharField(max_length=255, required=False, allow_blank=True)
    description_fr = serializers.CharField(required=False, allow_blank=True)
    description_en = serializers.CharField(required=False, allow_blank=True)
    activity_type = serializers.ChoiceField(choices=ActivityType.choices)
    status = serializers.ChoiceField(choices=ActivityStatus.choices, required=False)
    countries = CountryShareInput(many=True)
    domains = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=Domain.objects.all(), required=False
    )
    implementers = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.none(), required=False
    )
    planned_start = serializers.DateField(required=False, allow_null=True)
    planned_end = serializers.DateField(required=False, allow_null=True)
    actual_start = serializers.DateField(required=False, allow_null=True)
    actual_end = serializers.DateField(required=False, allow_null=True)
    benefit_origin = serializers.CharField(required=False, allow_blank=True)
    benefit_host = serializers.CharField(required=False, allow_blank=True)
    benefit_migrants = serializers.CharField(required=False, allow_blank=True)
    is_restricted = serializers.BooleanField(required=False)

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["implementers"]
        field.child_relation.queryset = sel.partner_choices(user=user)  # type: ignore[attr-defined]

    def service_kwargs(self) -> dict[str, Any]:
        data = dict(self.validated_data)
        if "countries" in data:
            data["countries"] = [(c["country"], c["share"]) for c in data["countries"]]
        return data


class PlanSerializer(serializers.ModelSerializer):
    countries: Any = serializers.SlugRelatedField(
        slug_field="iso3", many=True, read_only=True
    )

    class Meta:
        model = ActionPlan
        fields = [
            "id", "code", "title", "title_fr", "title_en", "description_fr",
            "description_en", "memorandum", "countries", "start_date", "end_date",
            "is_demo",
        ]  # fmt: skip


class PlanWriteSerializer(serializers.ModelSerializer):
    countries = serializers.SlugRelatedField(
        slug_field="iso3", many=True, queryset=country_list(), required=False
    )

    class Meta:
        model = ActionPlan
        fields = [
            "code", "title_fr", "title_en", "description_fr", "description_en",
            "memorandum", "countries", "start_date", "end_date",
        ]  # fmt: skip
        validators: list[Any] = []  # the service checks uniqueness


# --- Query parameters -------------------------------------------------------------


class Iso3Field(forms.ModelChoiceField):
    """A country by its ISO 3166 alpha-3 code, in any case."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().upper()
        return super().to_python(value)


@extend_schema_field(OpenApiTypes.STR)
class Iso3Filter(django_filters.ModelChoiceFilter):
    field_class = Iso3Field


@extend_schema_field(OpenApiTypes.STR)
class CodeFilter(django_filters.ModelChoiceFilter):
    """A record by its code."""


class ActivityFilter(django_filters.FilterSet):
    """Validates the list's parameters and hands them to the selector."""

    q = django_filters.CharFilter(max_length=200)
    plan = django_filters.NumberFilter(min_value=1, max_value=MAX_ID)
    country = Iso3Filter(queryset=country_list(), to_field_name="iso3")
    domain = CodeFilter(queryset=Domain.objects.all(), to_field_name="code")
    type = django_filters.ChoiceFilter(choices=ActivityType.choices)
    status = django_filters.TypedChoiceFilter(
        choices=ActivityStatus.choices, coerce=int
    )
    implementer = django_filters.NumberFilter(min_value=1, max_value=MAX_ID)
    lead_ministry = django_filters.NumberFilter(min_value=1, max_value=MAX_ID)
    period_from = django_filters.DateFilter()
    period_to = django_filters.DateFilter()
    schedule = django_filters.ChoiceFilter(
        choices=sel.Schedule.choices,
        help_text="late, at_risk or late_or_at_risk (definitions: docs/monitoring.md)",
    )
    late = django_filters.ChoiceFilter(
        choices=[(value, value) for value in ("true", "false", "1", "0")],
        help_text="Older spelling of schedule=late, used when schedule is absent.",
    )

    class Meta:
        model = Activity
        fields: list[str] = []

    def filter_queryset(self, queryset: QuerySet[Activity]) -> QuerySet[Activity]:
        data = self.form.cleaned_data
        filters = sel.ActivityFilters(
            q=data.get("q") or "", plan=_int(data.get("plan")),
            country=data.get("country"), domain=data.get("domain"),
            activity_type=data.get("type") or "", status=data.get("status") or None,
            implementer=_int(data.get("implementer")),
            lead_ministry=_int(data.get("lead_ministry")),
            period_from=data.get("period_from"), period_to=data.get("period_to"),
            schedule=_schedule(data),
        )  # fmt: skip
        return sel.activity_filter(queryset, filters)


def _int(value: Any) -> int | None:
    return None if value is None else int(value)


def _schedule(data: dict[str, Any]) -> str:
    """``schedule``, or ``late=true`` (kept for older clients) when it is absent."""
    if data.get("schedule"):
        return str(data["schedule"])
    return sel.Schedule.LATE if data.get("late") in {"true", "1"} else ""


# --- Views ------------------------------------------------------------------------


class VisibleIdsMixin:
    request: Any

    @cached_property
    def visible_ids(self) -> set[int]:
        return set(
            sel.partner_choices(user=self.request.user).values_list("pk", flat=True)
        )

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()  # type: ignore[misc]
        return {**context, "visible_ids": self.visible_ids}


class ActivityViewSet(
    VisibleIdsMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Activities you may see, with their countries (shares), partners, budget
    lines and deliverables. Filters: ``q``, ``plan`` (id), ``country`` (ISO3),
    ``domain`` (code), ``type``, ``status`` (IATI code), ``implementer`` and
    ``lead_ministry`` (organisation ids), ``period_from``/``period_to`` (dates:
    planned period overlapping), ``schedule`` (``late``, ``at_risk`` or
    ``late_or_at_risk``; ``late=true`` still means ``schedule=late``). Each
    activity says ``is_late`` and ``is_at_risk``. DELETE needs every
    country of the activity in your scope, and is refused (409) while it has
    approved values: set its status to 5 (cancelled) instead."""

    serializer_class = ActivitySerializer
    filterset_class = ActivityFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[Activity]:
        return sel.activity_search_for_user(user=self.request.user).prefetch_related(
            Prefetch(
                "budget_lines",
                queryset=BudgetLine.objects.select_related("funder", "implementer"),
            ),
            "deliverables",
        )

    def filter_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def _respond(self, activity: Activity, status: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=activity.pk)
        return Response(self.get_serializer(fresh).data, status=status)

    @extend_schema(request=ActivityWriteSerializer, responses=ActivitySerializer)
    def create(self, request: Request) -> Response:
        write = ActivityWriteSerializer(data=request.data, user=request.user)
        write.is_valid(raise_exception=True)
        programme = sel.activity_programme_for_user(user=request.user)
        if programme is None:
            raise NotFound
        with service_errors():
            activity = services.activity_create(
                actor=request.user, programme=programme, **write.service_kwargs()
            )
        return self._respond(activity, status=201)

    @extend_schema(request=ActivityWriteSerializer, responses=ActivitySerializer)
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        activity = self.get_object()
        write = ActivityWriteSerializer(
            data=request.data, partial=True, user=request.user
        )
        write.is_valid(raise_exception=True)
        with service_errors():
            services.activity_update(
                actor=request.user, activity=activity, **write.service_kwargs()
            )
        return self._respond(activity)

    @extend_schema(responses={204: None, 409: REFUSAL})
    def destroy(self, request: Request, pk: Any = None) -> Response:
        """Delete the activity with its partners, budget lines, deliverables and
        results. 409 while it has approved values (set ``status`` to 5,
        cancelled, instead); 403 unless every one of its countries is in your
        scope."""
        return delete_or_refuse(
            deletion.activity_delete, actor=request.user, activity=self.get_object()
        )


class PlanViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Action plans (every signed-in person sees them). POST creates one, PATCH
    changes one: programme administrators and coordinators of its countries.
    DELETE: programme administrators and coordinators of every one of its
    countries; refused (409) while the plan still has activities."""

    serializer_class = PlanSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self) -> QuerySet[ActionPlan]:
        return sel.plan_list_for_user(user=self.request.user).prefetch_related(
            "countries"
        )

    def _respond(self, plan: ActionPlan, status: int = 200) -> Response:
        fresh = self.get_queryset().get(pk=plan.pk)
        return Response(PlanSerializer(fresh).data, status=status)

    @extend_schema(request=PlanWriteSerializer, responses=PlanSerializer)
    def create(self, request: Request) -> Response:
        write = PlanWriteSerializer(data=request.data)
        write.is_valid(raise_exception=True)
        programme = sel.activity_programme_for_user(user=request.user)
        if programme is None:
            raise NotFound
        with service_errors():
            plan = services.plan_create(
                actor=request.user, programme=programme, **write.validated_data
            )
        return self._respond(plan, status=201)

    @extend_schema(request=PlanWriteSerializer, responses=PlanSerializer)
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        plan = self.get_object()
        write = PlanWriteSerializer(data=request.data, partial=True)
        write.is_valid(raise_exception=True)
        with service_errors():
            services.plan_update(actor=request.user, plan=plan, **write.validated_data)
        return self._respond(plan)

    @extend_schema(responses={204: None, 409: REFUSAL})
    def destroy(self, request: Request, pk: Any = None) -> Response:
        """Delete the plan with its own results; 409 while it still has
        activities or approved values."""
        return delete_or_refuse(
            deletion.plan_delete, actor=request.user, plan=self.get_object()
        )
