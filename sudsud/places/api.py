"""``/api/v1/places/`` and ``/api/v1/groupings/``: read by anyone signed in;
memberships written by administrators through the same services as the pages."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from sudsud.core.api import as_drf_error

from . import selectors, services
from .models import Grouping, GroupingKind, GroupingMembership, Place, PlaceKind


class PlaceBriefSerializer(serializers.ModelSerializer):
    name = serializers.CharField(
        read_only=True, help_text="Name in the request's language"
    )

    class Meta:
        model = Place
        fields = ["code", "iso2", "iso3", "name"]


class PlaceSerializer(serializers.ModelSerializer):
    name = serializers.CharField(
        read_only=True, help_text="Name in the request's language"
    )

    class Meta:
        model = Place
        fields = [
            "code",
            "iso2",
            "iso3",
            "kind",
            "name",
            "name_fr",
            "name_en",
            "name_ar",
        ]
        fields += ["is_active"]


class PlaceMembershipSerializer(serializers.ModelSerializer):
    grouping = serializers.CharField(source="grouping.slug", read_only=True)
    grouping_name = serializers.CharField(source="grouping.name", read_only=True)

    class Meta:
        model = GroupingMembership
        fields = ["grouping", "grouping_name", "start_date", "end_date", "note"]


class PlaceDetailSerializer(PlaceSerializer):
    groupings = PlaceMembershipSerializer(
        source="memberships", many=True, read_only=True
    )

    class Meta(PlaceSerializer.Meta):
        fields = [*PlaceSerializer.Meta.fields, "groupings"]


class MembershipSerializer(serializers.ModelSerializer):
    place = PlaceBriefSerializer(read_only=True)

    class Meta:
        model = GroupingMembership
        fields = ["id", "place", "start_date", "end_date", "note"]


class GroupingSerializer(serializers.ModelSerializer):
    name = serializers.CharField(
        read_only=True, help_text="Name in the request's language"
    )
    members = MembershipSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = Grouping
        fields = ["slug", "kind", "m49_code", "name", "name_fr", "name_en", "name_ar"]
        fields += ["source", "members"]


class MembershipWriteSerializer(serializers.Serializer):
    place = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Place.objects.all(),
        help_text="M49 code of the place (686 for Senegal)",
    )
    start_date = serializers.DateField(required=False, allow_null=True, default=None)
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=300
    )


class MembershipUpdateSerializer(MembershipWriteSerializer):
    place = None  # type: ignore[assignment]  # a membership keeps its place


def _on_date(request: Request) -> dt.date | None:
    field = serializers.DateField(required=False, allow_null=True)
    value = request.query_params.get("on_date")
    return field.run_validation(value) if value else None


PLACE_FILTERS = [
    OpenApiParameter("q", str, description="Search names (fr, en, ar) and codes"),
    OpenApiParameter("kind", str, enum=PlaceKind.values),
    OpenApiParameter("iso2", str),
    OpenApiParameter("iso3", str),
    OpenApiParameter("code", int, description="M49 code"),
    OpenApiParameter(
        "grouping", str, description="Slug of a grouping: its members today"
    ),
]
ON_DATE = OpenApiParameter(
    "on_date", OpenApiTypes.DATE, description="Only memberships valid on this date"
)


@extend_schema_view(list=extend_schema(parameters=PLACE_FILTERS))
class PlaceViewSet(viewsets.ReadOnlyModelViewSet):
    lookup_field = "code"
    lookup_value_regex = r"\d+"
    filter_backends: list[Any] = []

    def get_serializer_class(self) -> type[serializers.BaseSerializer]:
        return PlaceDetailSerializer if self.action == "retrieve" else PlaceSerializer

    def get_queryset(self) -> QuerySet[Place]:
        params = self.request.query_params
        places = selectors.place_list(
            q=params.get("q", ""),
            kind=params.get("kind", ""),
            grouping=params.get("grouping", ""),
        )
        for name in ("iso2", "iso3"):
            if params.get(name):
                places = places.filter(**{f"{name}__iexact": params[name]})
        if params.get("code", "").isdigit():
            places = places.filter(code=int(params["code"]))
        if self.action == "retrieve":
            places = selectors.places_with_groupings(places)
        return places


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Search names and codes"),
            OpenApiParameter("kind", str, enum=GroupingKind.values),
            ON_DATE,
        ]
    ),
    retrieve=extend_schema(parameters=[ON_DATE]),
)
class GroupingViewSet(viewsets.ReadOnlyModelViewSet):
    """Groupings with their members and membership dates."""

    lookup_field = "slug"
    serializer_class = GroupingSerializer
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Grouping]:
        params = self.request.query_params
        kind = params.get("kind", "")
        groupings = selectors.grouping_list(
            q=params.get("q", ""), kind=kind if kind in GroupingKind.values else ""
        )
        return selectors.groupings_with_members(groupings, _on_date(self.request))


class MembershipViewSet(
    mixins.RetrieveModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet
):
    """Members of ``/groupings/<slug>/``: administrators add, change and remove them."""

    serializer_class = MembershipSerializer
    filter_backends: list[Any] = []
    pagination_class = None

    def grouping(self) -> Grouping:
        return get_object_or_404(selectors.grouping_list(), slug=self.kwargs["slug"])

    def get_queryset(self) -> QuerySet[GroupingMembership]:
        return selectors.grouping_members(self.grouping())

    @extend_schema(
        request=MembershipWriteSerializer, responses={201: MembershipSerializer}
    )
    def create(self, request: Request, slug: str) -> Response:
        data = self._valid(MembershipWriteSerializer, request)
        try:
            membership = services.grouping_membership_add(
                actor=request.user, grouping=self.grouping(), **data
            )
        except DjangoValidationError as error:
            raise as_drf_error(error) from error
        return Response(
            MembershipSerializer(membership).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=MembershipUpdateSerializer, responses=MembershipSerializer)
    def update(self, request: Request, slug: str, pk: str) -> Response:
        membership = self.get_object()
        data = self._valid(MembershipUpdateSerializer, request)
        try:
            services.grouping_membership_update(
                actor=request.user, membership=membership, **data
            )
        except DjangoValidationError as error:
            raise as_drf_error(error) from error
        return Response(MembershipSerializer(membership).data)

    def perform_destroy(self, instance: GroupingMembership) -> None:
        services.grouping_membership_remove(
            actor=self.request.user, membership=instance
        )

    def _valid(
        self, serializer_class: type[serializers.Serializer], request: Request
    ) -> dict[str, Any]:
        serializer = serializer_class(data=request.data)
        serializer.is_valid(raise_exception=True)
        return dict(serializer.validated_data)
