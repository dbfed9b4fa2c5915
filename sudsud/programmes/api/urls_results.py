"""API routes of the programmes app: results."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .results import IndicatorViewSet, ResultViewSet
from .results_updates import IndicatorPeriodViewSet, IndicatorUpdateViewSet

router = SimpleRouter()
router.register("results", ResultViewSet, basename="result")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register(
    "indicator-periods", IndicatorPeriodViewSet, basename="indicator-period"
)
router.register(
    "indicator-updates", IndicatorUpdateViewSet, basename="indicator-update"
)

urlpatterns: list[URLPattern | URLResolver] = [*router.urls]
