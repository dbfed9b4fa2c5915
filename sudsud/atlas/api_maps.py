"""``GET /api/v1/atlas/origins/<ISO3>/map.svg`` and ``map.png``: the origin
profile's map as a file, the same as the page's download, with the profile API's
parameters (``edition``, ``from``, ``to``, ``grouping``, ``sex``; the map shows the
year ``to`` and the sex ``sex``, both by default). A wrong parameter, or a year the
edition does not hold, is refused (400); errors are JSON. ``sudsud/atlas/api_urls.py`` includes ``api_maps.urlpatterns``."""

from collections.abc import Mapping
from typing import Any

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .api_profile import SEX_PARAMETER, ProfileQuerySerializer, profile_from_query
from .map_files import CONTENT_TYPES, map_file, map_year_error


class MapQuerySerializer(ProfileQuerySerializer):
    """The profile's parameters, reversed years refused as the page's download
    refuses them (the profile API falls back to the defaults instead)."""

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        start, end = attrs.get("from"), attrs.get("to")
        if start is not None and end is not None and start >= end:
            message = _("The second year must come after the first.")
            raise serializers.ValidationError({"to": [message]})
        return attrs


class ImageRenderer(BaseRenderer):
    """Passes the file's bytes through (the view has drawn them)."""

    charset = None
    render_style = "binary"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        return b"" if data is None else bytes(data)  # None: a 304 has no body


class SvgRenderer(ImageRenderer):
    media_type = CONTENT_TYPES["svg"]
    format = "svg"


class PngRenderer(ImageRenderer):
    media_type = CONTENT_TYPES["png"]
    format = "png"


PARAMETERS = [
    OpenApiParameter("edition", OpenApiTypes.INT),
    OpenApiParameter("from", OpenApiTypes.INT),
    OpenApiParameter("to", OpenApiTypes.INT, description="The year the map shows."),
    OpenApiParameter("grouping", OpenApiTypes.STR),
    SEX_PARAMETER,
]


def _schema(kind: str) -> Any:
    """The ``GET`` of the view serving ``kind``: binary image, or JSON errors."""
    return extend_schema_view(
        get=extend_schema(
            operation_id=f"atlas_origins_map_{kind}_retrieve",
            parameters=PARAMETERS,
            responses={
                (200, CONTENT_TYPES[kind]): OpenApiResponse(
                    OpenApiTypes.BINARY,
                    description=f"The map as a file, diaspora-<iso3>-<year>.{kind}",
                ),
                (400, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
                (404, "application/json"): OpenApiResponse(OpenApiTypes.OBJECT),
            },
        )
    )


class OriginMapAPIView(APIView):
    kind = "svg"

    def get(self, request: Request, iso3: str) -> Response:
        profile, data = profile_from_query(request, iso3, MapQuerySerializer)
        if error := map_year_error(profile, data.get("to")):
            raise serializers.ValidationError({"to": [error]})
        tag = request.headers.get("If-None-Match")
        drawn = map_file(profile, kind=self.kind, if_none_match=tag)
        if drawn is None:
            raise Http404(_("The map is not available."))
        cache_headers = {"ETag": drawn.etag, "Cache-Control": "private, no-cache"}
        if drawn.not_modified:
            return Response(status=304, headers=cache_headers)
        disposition = f'attachment; filename="{drawn.filename}"'
        headers = {"Content-Disposition": disposition, **cache_headers}
        return Response(drawn.content, headers=headers)

    def finalize_response(
        self, request: Request, response: Any, *args: Any, **kwargs: Any
    ) -> Any:
        """Errors are written as JSON, whatever image the client accepts."""
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(response, Response) and response.exception:
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response


@_schema("svg")
class OriginMapSvgAPIView(OriginMapAPIView):
    kind = "svg"
    renderer_classes = [SvgRenderer]


@_schema("png")
class OriginMapPngAPIView(OriginMapAPIView):
    kind = "png"
    renderer_classes = [PngRenderer]


urlpatterns = [
    path(
        "atlas/origins/<str:iso3>/map.svg",
        OriginMapSvgAPIView.as_view(),
        name="atlas-origin-map-svg",
    ),
    path(
        "atlas/origins/<str:iso3>/map.png",
        OriginMapPngAPIView.as_view(),
        name="atlas-origin-map-png",
    ),
]
