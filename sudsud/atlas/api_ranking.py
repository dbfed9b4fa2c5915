"""``GET /api/v1/atlas/origins/<ISO3>/ranking/``: the destination ranking as JSON,
from the same form and selector as the page (``?edition=<id>&year=&year_from=
&national=<id>&size=&growth=&women=&national_weight=&min_size=``). Wrong parameters
answer 400 with the form's errors; an origin without data answers 404.
``sudsud/atlas/api_urls.py`` includes ``api_ranking.urlpatterns``."""

from typing import Any

from django.http import Http404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .api_profile import _place
from .models import Edition
from .selectors.ranking import RankedDestination
from .views.compare import country_or_404
from .views.ranking import ranking_for, ranking_form


def _edition(edition: Edition | None) -> dict[str, Any] | None:
    if edition is None:
        return None
    return {"id": edition.pk, "name": str(edition)}


def _row(row: RankedDestination) -> dict[str, Any]:
    return {
        "rank": row.rank,
        "destination": _place(row.place),
        "score": row.score,
        "size": row.size,
        "women": row.women,
        "criteria": {name: vars(c) for name, c in row.contributions.items()},
    }


class RankingAPIView(APIView):
    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request, iso3: str) -> Response:
        origin = country_or_404(iso3)
        form = ranking_form(request.query_params, origin)
        if not form.is_valid():
            raise ValidationError(form.errors.get_json_data())
        found = ranking_for(form, origin)
        if found is None:
            raise Http404
        return Response(
            {
                "origin": _place(origin),
                "edition": _edition(found.edition),
                "year": found.year,
                "year_from": found.year_from,
                "national": _edition(found.national),
                "national_year": found.national_year,
                "weights": found.weights,
                "used_weights": found.used_weights,
                "left_out": found.left_out,
                "min_size": found.min_size,
                "excluded": found.excluded,
                "destinations": [_row(row) for row in found.rows],
            }
        )


urlpatterns = [
    path(
        "atlas/origins/<str:iso3>/ranking/",
        RankingAPIView.as_view(),
        name="atlas-ranking",
    ),
]
