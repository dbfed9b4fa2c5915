from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .api import MemorandumViewSet, ProgrammeViewSet

router = SimpleRouter()
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("memoranda", MemorandumViewSet, basename="memorandum")

# Each part of the monitoring module registers its own routes in api/urls_<part>.py.
urlpatterns = [
    *router.urls,
    path("", include("sudsud.programmes.api.urls_activities")),
    path("", include("sudsud.programmes.api.urls_results")),
    path("", include("sudsud.programmes.api.urls_frameworks")),
    path("", include("sudsud.programmes.api.urls_iati")),
    path("", include("sudsud.programmes.api.urls_dashboards")),
    path("", include("sudsud.programmes.api.urls_data")),
]
