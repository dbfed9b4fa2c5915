"""JSON twins of the comparison pages, from the same selectors and the same query
parameters (wrong parameters answer 400 with the form's errors):

- ``GET /api/v1/atlas/destinations/<ISO3>/?edition=<id>&year=<year>``
- ``GET /api/v1/atlas/corridors/<ORIG>/<DEST>/``
- ``GET /api/v1/atlas/compare/?origins=SEN,MLI&edition=<id>&year_from=&year=``
- ``GET /api/v1/atlas/origins/<ISO3>/editions/?year=<year>&a=<id>&b=<id>``

``sudsud/atlas/api_urls.py`` includes ``api_compare.urlpatterns``.
"""

from typing import Any

from django.db.models import Q
from django.http import Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .api_profile import _place
from .forms_compare import CompareForm, EditionPairForm, EditionYearForm
from .models import Edition
from .selectors import compare as selectors
from .selectors import compare_origins
from .selectors.compare_editions import edition_comparison_resolve
from .selectors.profile import DestinationRow, origin_editions
from .views.compare import country_or_404


def _valid(form: Any) -> dict[str, Any]:
    if not form.is_valid():
        raise ValidationError(form.errors.get_json_data())
    return form.cleaned_data


def _edition(edition: Edition) -> dict[str, Any]:
    return {
        "id": edition.pk,
        "name": str(edition),
        "definition": edition.source.definition,
    }


def _row(row: DestinationRow) -> dict[str, Any]:
    return {
        "place": _place(row.place),
        "value": row.value,
        "share": row.share,
        "data_type": row.data_type,
        "flag": row.flag,
    }


class DestinationAPIView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, iso3: str) -> Response:
        destination = country_or_404(iso3)
        editions = selectors.editions_holding(Q(destination=destination))
        data = _valid(EditionYearForm(request.query_params, editions=editions))
        found = selectors.destination_profile_resolve(
            destination=destination, edition=data.get("edition"), year=data.get("year")
        )
        if found is None:
            raise Http404
        return Response(
            {
                "destination": _place(destination),
                "edition": _edition(found.edition),
                "year": found.year,
                "total": found.total,
                "other": found.other,
                "other_share": found.other_share,
                "origins": [_row(row) for row in found.origins],
                "series": [vars(point) for point in found.series],
            }
        )


class CorridorAPIView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, origin: str, destination: str) -> Response:
        found = selectors.corridor(
            origin=country_or_404(origin), destination=country_or_404(destination)
        )
        return Response(
            {
                "origin": _place(found.origin),
                "destination": _place(found.destination),
                "editions": [
                    {
                        "edition": _edition(line.edition),
                        "series": [vars(point) for point in line.points],
                    }
                    for line in found.lines
                ],
            }
        )


class CompareAPIView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        data = _valid(CompareForm(request.query_params))
        found = compare_origins.comparison_resolve(
            origins=data.get("origins") or compare_origins.programme_origins(),
            edition=data.get("edition"),
            year_from=data.get("year_from"),
            year=data.get("year"),
        )
        if found is None:
            raise Http404
        origins = [
            {
                "origin": _place(s.origin),
                "total": s.total,
                "male": s.male,
                "female": s.female,
                "split": s.split,
                "growth": vars(s.growth) if s.growth else None,
                "top": [_row(row) for row in s.top],
            }
            for s in found.summaries
        ]
        return Response(
            {
                "edition": _edition(found.edition),
                "year_from": found.year_from,
                "year": found.year,
                "origins": origins,
            }
        )


class EditionsAPIView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, iso3: str) -> Response:
        origin = country_or_404(iso3)
        form = EditionPairForm(request.query_params, editions=origin_editions(origin))
        data = _valid(form)
        found = edition_comparison_resolve(
            origin=origin, year=data.get("year"), a=data.get("a"), b=data.get("b")
        )
        if found is None:
            raise Http404
        rows = [
            {
                "destination": _place(r.place),
                "a": r.a,
                "b": r.b,
                "difference": r.difference,
                "percent": r.percent,
            }
            for r in found.rows
        ]
        return Response(
            {
                "origin": _place(origin),
                "year": found.year,
                "a": _edition(found.a),
                "b": _edition(found.b),
                "total": {
                    "a": found.total_a,
                    "b": found.total_b,
                    "difference": found.difference,
                    "percent": found.percent,
                },
                "destinations": rows,
            }
        )


urlpatterns = [
    path(
        "atlas/destinations/<str:iso3>/",
        DestinationAPIView.as_view(),
        name="atlas-destination",
    ),
    path(
        "atlas/corridors/<str:origin>/<str:destination>/",
        CorridorAPIView.as_view(),
        name="atlas-corridor",
    ),
    path("atlas/compare/", CompareAPIView.as_view(), name="atlas-compare"),
    path(
        "atlas/origins/<str:iso3>/editions/",
        EditionsAPIView.as_view(),
        name="atlas-editions",
    ),
]
