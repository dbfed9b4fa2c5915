"""``GET /api/v1/atlas/origins/<ISO3>/profile/``: the origin profile as JSON, from the
same selector as the page (``?edition=<id>&from=<year>&to=<year>&grouping=<slug>``).
``sudsud/atlas/api_urls.py`` includes ``api_profile.urlpatterns``."""

from typing import Any

from django.http import Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from sudsud.places.models import Grouping, Place

from .models import Edition
from .selectors import profile as selectors


class ProfileQuerySerializer(serializers.Serializer):
    edition = serializers.PrimaryKeyRelatedField(
        queryset=Edition.objects.all(), required=False
    )
    grouping = serializers.SlugRelatedField(
        slug_field="slug", queryset=Grouping.objects.all(), required=False
    )

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        # "from" and "to" are Python keywords, hence declared here.
        for key in ("from", "to"):
            fields[key] = serializers.IntegerField(
                min_value=1900, max_value=2100, required=False
            )
        return fields


def _place(place: Place) -> dict[str, Any]:
    return {"code": place.code, "iso3": place.iso3, "name": place.name}


def profile_json(profile: selectors.OriginProfile) -> dict[str, Any]:
    growth = profile.growth
    return {
        "origin": _place(profile.origin),
        "edition": {"id": profile.edition.pk, "name": str(profile.edition)},
        "definition": profile.edition.source.definition,
        "year": profile.year,
        "total": profile.total,
        "split": profile.split,
        "grouping": profile.grouping.slug if profile.grouping else None,
        "grouping_total": profile.grouping_total,
        "destinations": [
            {
                "destination": _place(row.place),
                "value": row.value,
                "share": row.share,
                "data_type": row.data_type,
                "flag": row.flag,
                "other_share": row.other_share,
            }
            for row in profile.destinations
        ],
        "series": [vars(point) for point in profile.series],
        "growth": vars(growth) if growth else None,
    }


class OriginProfileAPIView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("edition", OpenApiTypes.INT),
            OpenApiParameter("from", OpenApiTypes.INT),
            OpenApiParameter("to", OpenApiTypes.INT),
            OpenApiParameter("grouping", OpenApiTypes.STR),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request, iso3: str) -> Response:
        try:
            origin = selectors.origin_get(iso3)
        except Place.DoesNotExist:
            raise Http404 from None
        query = ProfileQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        profile = selectors.origin_profile_resolve(
            origin=origin,
            edition=data.get("edition"),
            year_from=data.get("from"),
            year_to=data.get("to"),
            grouping=data.get("grouping"),
        )
        if profile is None:
            raise Http404
        return Response(profile_json(profile))


urlpatterns = [
    path(
        "atlas/origins/<str:iso3>/profile/",
        OriginProfileAPIView.as_view(),
        name="atlas-origin-profile",
    ),
]
