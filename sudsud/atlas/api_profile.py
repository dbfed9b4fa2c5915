"""``GET /api/v1/atlas/origins/<ISO3>/profile/``: the origin profile as JSON, from the
same selector as the page (``?edition=<id>&from=<year>&to=<year>&grouping=<slug>``
and ``&sex=both|male|female``, the sex of the total, destinations, split and growth;
the series keeps both sexes, men and women),
with the national sources the user may read under ``national_sources`` (each on its
own, compared with UN DESA side by side, never spliced).
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

from .models import Edition, Sex
from .selectors import profile as selectors
from .selectors.profile_national import NationalSource, national_sources_for_origin

SEX_PARAMETER = OpenApiParameter(
    "sex",
    OpenApiTypes.STR,
    enum=Sex.values,
    description="Sex of the total, destinations, split and growth (default both).",
)


class ProfileQuerySerializer(serializers.Serializer):
    edition = serializers.PrimaryKeyRelatedField(
        queryset=Edition.objects.all(), required=False
    )
    grouping = serializers.SlugRelatedField(
        slug_field="slug", queryset=Grouping.objects.all(), required=False
    )
    sex = serializers.ChoiceField(choices=Sex.choices, required=False)

    def get_fields(self) -> dict[str, serializers.Field]:
        fields = super().get_fields()
        # "from" and "to" are Python keywords, hence declared here.
        for key in ("from", "to"):
            fields[key] = serializers.IntegerField(
                min_value=1900, max_value=2100, required=False
            )
        return fields


def profile_from_query(
    request: Request,
    iso3: str,
    query_class: type[ProfileQuerySerializer] = ProfileQuerySerializer,
) -> tuple[selectors.OriginProfile, dict[str, Any]]:
    """The profile the query string asks for, and the query read; 404 for an
    unknown origin or one without figures, 400 for a wrong parameter."""
    try:
        origin = selectors.origin_get(iso3)
    except Place.DoesNotExist:
        raise Http404 from None
    query = query_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    data = query.validated_data
    profile = selectors.origin_profile_resolve(
        origin=origin,
        edition=data.get("edition"),
        year_from=data.get("from"),
        year_to=data.get("to"),
        grouping=data.get("grouping"),
        sex=data.get("sex"),
    )
    if profile is None:
        raise Http404
    return profile, data


def _place(place: Place) -> dict[str, Any]:
    return {"code": place.code, "iso3": place.iso3, "name": place.name}


def profile_json(profile: selectors.OriginProfile) -> dict[str, Any]:
    growth = profile.growth
    return {
        "origin": _place(profile.origin),
        "edition": {"id": profile.edition.pk, "name": str(profile.edition)},
        "definition": profile.edition.source.definition,
        "year": profile.year,
        "sex": profile.sex,
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


def _comparison(found: NationalSource) -> dict[str, Any] | None:
    comparison = found.comparison
    if comparison is None:
        return None
    return {
        "undesa_edition": {
            "id": comparison.edition.pk,
            "name": str(comparison.edition),
        },
        "undesa_year": comparison.year,
        "rows": [
            {
                "destination": _place(row.place),
                "undesa": row.undesa,
                "undesa_data_type": row.undesa_data_type,
                "national": row.national,
                "difference": row.difference,
            }
            for row in comparison.rows
        ],
    }


def national_json(found: NationalSource) -> dict[str, Any]:
    source, edition = found.source, found.edition
    return {
        "source": {
            "id": source.pk,
            "code": source.code,
            "name": found.name,
            "publisher": source.publisher,
            "definition": source.definition,
            "definition_label": source.get_definition_display(),
            "coverage": source.coverage,
            "licence": source.licence,
            "citation": found.edition.citation,
            "url": source.url,
        },
        "edition": {
            "id": edition.pk,
            "code": edition.code,
            "published_year": edition.published_year,
            "notes": edition.notes,
        },
        "years": found.years,
        "year": found.year,
        "total": found.total,
        "male": found.male,
        "female": found.female,
        "suppressed_cells": found.suppressed,
        "destinations": [
            {"destination": _place(row.place), "value": row.value, "flag": row.flag}
            for row in found.destinations
        ],
        "subnational": [
            {
                "destination": _place(row.destination),
                "name": row.name,
                "value": row.value,
                "flag": row.flag,
            }
            for row in found.subnational
        ],
        "comparison": _comparison(found),
    }


class OriginProfileAPIView(APIView):
    @extend_schema(
        parameters=[
            OpenApiParameter("edition", OpenApiTypes.INT),
            OpenApiParameter("from", OpenApiTypes.INT),
            OpenApiParameter("to", OpenApiTypes.INT),
            OpenApiParameter("grouping", OpenApiTypes.STR),
            SEX_PARAMETER,
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request, iso3: str) -> Response:
        profile, _data = profile_from_query(request, iso3)
        national = national_sources_for_origin(
            user=request.user, origin=profile.origin, reference=profile.edition
        )
        body = profile_json(profile)
        body["national_sources"] = [national_json(found) for found in national]
        return Response(body)


urlpatterns = [
    path(
        "atlas/origins/<str:iso3>/profile/",
        OriginProfileAPIView.as_view(),
        name="atlas-origin-profile",
    ),
]
