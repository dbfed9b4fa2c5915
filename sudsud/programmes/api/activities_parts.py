"""What makes up an activity, under ``/api/v1/activities/{activity_id}/``:
``partners/`` (list, add, remove, ``{id}/sign-off/``), ``budget-lines/`` (list,
add, replace, change, delete) and ``deliverables/`` (list, add, change, delete;
the document is sent as ``multipart/form-data``).

The same services as the pages (``services.activities_parts``), so the same
rules: an activity the reader may not see is 404; changing it needs the right
to edit it (403, checked before the input is read); invalid input is 400 with
the errors by field and nothing saved. Signing off needs the right to speak for
the lead ministry's country. Organisations the reader may not see are shown as
``{"id": null, "name": "Restricted record", "hidden": true}``; a deliverable's
document is given as a download URL, never its storage name.
"""

from functools import cached_property
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from sudsud.places.selectors import country_list
from sudsud.programmes import permissions_activities as perms
from sudsud.programmes.models import (
    Activity,
    ActivityPartner,
    BudgetLine,
    Deliverable,
    PartnerRole,
)
from sudsud.programmes.selectors import activities as sel
from sudsud.programmes.services import activities_parts as services

from .activities import (
    MAX_ID,
    BudgetLineSerializer,
    DeliverableSerializer,
    PartnerSerializer,
    VisibleIdsMixin,
    service_errors,
)

# --- Serializers ------------------------------------------------------------------


class PartnerWriteSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=sel.partner_choices(user=None)
    )
    role = serializers.ChoiceField(choices=PartnerRole.choices)
    country = serializers.SlugRelatedField(
        slug_field="iso3",
        queryset=country_list(),
        required=False,
        allow_null=True,
        help_text="ISO 3166 alpha-3; required for a lead ministry.",
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = sel.partner_choices(user=user)  # type: ignore[attr-defined]


class BudgetLineWriteSerializer(serializers.Serializer):
    funder = serializers.PrimaryKeyRelatedField(queryset=sel.funder_choices(user=None))
    implementer = serializers.PrimaryKeyRelatedField(
        queryset=sel.implementer_choices(user=None)
    )
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    planned = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    committed = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False
    )
    spent = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = {"funder": sel.funder_choices, "implementer": sel.implementer_choices}
        for name, choice in choices.items():
            self.fields[name].queryset = choice(user=user)  # type: ignore[attr-defined]


class DeliverableWriteSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    description = serializers.CharField(required=False, allow_blank=True)
    due_date = serializers.DateField(required=False, allow_null=True)
    delivered_on = serializers.DateField(required=False, allow_null=True)
    link = serializers.URLField(required=False, allow_blank=True, max_length=200)
    document = serializers.FileField(
        required=False, help_text="PDF, office document or picture."
    )
    remove_document = serializers.BooleanField(required=False)


# --- Views ------------------------------------------------------------------------

ACTIVITY_ID = OpenApiParameter(
    "activity_pk", int, OpenApiParameter.PATH, description="The activity's id."
)


class ActivityPartViewSet(VisibleIdsMixin, viewsets.GenericViewSet):
    """A part of an activity the reader sees; writes need the right to edit it."""

    pagination_class = None
    filter_backends: list[Any] = []
    model: Any = None

    @cached_property
    def activity(self) -> Activity:
        pk = int(self.kwargs["activity_pk"])
        activity = (
            sel.activity_detail_for_user(user=self.request.user, pk=pk)
            if pk <= MAX_ID
            else None
        )
        if activity is None:
            raise NotFound
        return activity

    def get_queryset(self) -> QuerySet[Any]:
        if getattr(self, "swagger_fake_view", False):  # drawing the schema
            return self.model.objects.none()
        return self.model.objects.filter(activity=self.activity)

    def require_edit(self) -> None:
        if not perms.can_edit_activity(self.request.user, self.activity):
            raise PermissionDenied(_("You may not edit this activity."))

    def valid(self, serializer_class: Any, request: Request, **kwargs: Any) -> Any:
        """The input, validated, once the reader is known to be allowed."""
        self.require_edit()
        write = serializer_class(data=request.data, **kwargs)
        write.is_valid(raise_exception=True)
        return dict(write.validated_data)

    def answer(self, instance: Any, status_code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=instance.pk)
        return Response(self.get_serializer(fresh).data, status=status_code)


@extend_schema(parameters=[ACTIVITY_ID])
class ActivityPartnerViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ActivityPartViewSet
):
    """Partners of the activity (POST adds one, DELETE removes it); POST on
    ``{id}/sign-off/`` signs the activity off for a lead ministry."""

    serializer_class = PartnerSerializer
    model = ActivityPartner

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("organisation", "country")

    @extend_schema(request=PartnerWriteSerializer, responses={201: PartnerSerializer})
    def create(self, request: Request, activity_pk: Any = None) -> Response:
        data = self.valid(PartnerWriteSerializer, request, user=request.user)
        with service_errors():
            partner = services.activity_partner_add(
                actor=request.user, activity=self.activity, **data
            )
        return self.answer(partner, status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, activity_pk: Any = None, pk: Any = None):
        partner = self.get_object()
        self.require_edit()
        with service_errors():
            services.activity_partner_remove(actor=request.user, partner=partner)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=PartnerSerializer)
    @action(detail=True, methods=["post"], url_path="sign-off")
    def sign_off(self, request: Request, activity_pk: Any = None, pk: Any = None):
        """Sign the activity off for this lead ministry."""
        partner = self.get_object()
        with service_errors():
            services.activity_sign_off(actor=request.user, partner=partner)
        return self.answer(partner)


@extend_schema(parameters=[ACTIVITY_ID])
class BudgetLineViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ActivityPartViewSet
):
    """Budget lines (EUR) of the activity: one per funder, implementer and year.
    Adding, changing or deleting one clears the activity's sign-offs."""

    serializer_class = BudgetLineSerializer
    model = BudgetLine

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().select_related("funder", "implementer")

    def _save(self, request: Request, line: BudgetLine | None, partial: bool):
        data = self.valid(
            BudgetLineWriteSerializer, request, user=request.user, partial=partial
        )
        if line is not None:
            current = {"funder": line.funder, "implementer": line.implementer,
                       "year": line.year, "planned": line.planned,
                       "committed": line.committed, "spent": line.spent}  # fmt: skip
            data = {**current, **data}
        with service_errors():
            return services.budget_line_save(
                actor=request.user, activity=self.activity, line=line, **data
            )

    @extend_schema(
        request=BudgetLineWriteSerializer, responses={201: BudgetLineSerializer}
    )
    def create(self, request: Request, activity_pk: Any = None) -> Response:
        line = self._save(request, None, partial=False)
        return self.answer(line, status.HTTP_201_CREATED)

    @extend_schema(request=BudgetLineWriteSerializer, responses=BudgetLineSerializer)
    def update(self, request: Request, activity_pk: Any = None, pk: Any = None):
        return self.answer(self._save(request, self.get_object(), partial=False))

    @extend_schema(request=BudgetLineWriteSerializer, responses=BudgetLineSerializer)
    def partial_update(self, request: Request, activity_pk: Any = None, pk: Any = None):
        return self.answer(self._save(request, self.get_object(), partial=True))

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, activity_pk: Any = None, pk: Any = None):
        line = self.get_object()
        self.require_edit()
        with service_errors():
            services.budget_line_delete(actor=request.user, line=line)
        return Response(status=status.HTTP_204_NO_CONTENT)


DELIVERABLE_REQUEST = {
    "multipart/form-data": DeliverableWriteSerializer,
    "application/json": DeliverableWriteSerializer,
}


@extend_schema(parameters=[ACTIVITY_ID])
class DeliverableViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, ActivityPartViewSet
):
    """Deliverables of the activity. Send ``multipart/form-data`` to attach a
    ``document`` (PDF, office document or picture, checked like on the page);
    ``remove_document=true`` deletes the current one."""

    serializer_class = DeliverableSerializer
    model = Deliverable
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def _save(self, request: Request, deliverable: Deliverable | None, partial: bool):
        data = self.valid(DeliverableWriteSerializer, request, partial=partial)
        data.setdefault("document", None)
        with service_errors():
            return services.deliverable_save(
                actor=request.user,
                activity=self.activity,
                deliverable=deliverable,
                **data,
            )

    @extend_schema(request=DELIVERABLE_REQUEST, responses={201: DeliverableSerializer})
    def create(self, request: Request, activity_pk: Any = None) -> Response:
        deliverable = self._save(request, None, partial=False)
        return self.answer(deliverable, status.HTTP_201_CREATED)

    @extend_schema(request=DELIVERABLE_REQUEST, responses=DeliverableSerializer)
    def partial_update(self, request: Request, activity_pk: Any = None, pk: Any = None):
        return self.answer(self._save(request, self.get_object(), partial=True))

    @extend_schema(responses={204: None})
    def destroy(self, request: Request, activity_pk: Any = None, pk: Any = None):
        deliverable = self.get_object()
        self.require_edit()
        with service_errors():
            services.deliverable_delete(actor=request.user, deliverable=deliverable)
        return Response(status=status.HTTP_204_NO_CONTENT)
