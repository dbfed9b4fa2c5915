"""API routes of the programmes app: data exports and breakdown dimensions."""

from django.urls import URLPattern, URLResolver, path
from rest_framework.routers import SimpleRouter

from .data import (
    DimensionValueViewSet,
    DimensionViewSet,
    ResultsExportView,
    ValuesExportView,
)

router = SimpleRouter()
router.register("dimensions", DimensionViewSet, basename="dimension")
router.register(
    r"dimensions/(?P<dimension_pk>[0-9]+)/values",
    DimensionValueViewSet,
    basename="dimension-value",
)

urlpatterns: list[URLPattern | URLResolver] = [
    path("exports/results/", ResultsExportView.as_view(), name="export-results"),
    path("exports/values/", ValuesExportView.as_view(), name="export-values"),
    *router.urls,
]
