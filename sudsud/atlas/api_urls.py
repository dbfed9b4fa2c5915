from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .api import ImportJobViewSet, ImportReportViewSet, SourceViewSet
from .api_national import NationalSourceViewSet, NationalUploadViewSet

router = SimpleRouter()
router.register("atlas/sources", SourceViewSet, basename="atlas-source")
router.register("atlas/imports/jobs", ImportJobViewSet, basename="atlas-import-job")
router.register("atlas/imports", ImportReportViewSet, basename="atlas-import")
router.register(
    "atlas/national/sources", NationalSourceViewSet, basename="atlas-national-source"
)
router.register(
    "atlas/national/uploads", NationalUploadViewSet, basename="atlas-national-upload"
)

urlpatterns = [
    *router.urls,
    path("", include("sudsud.atlas.api_profile")),
    path("", include("sudsud.atlas.api_maps")),
    path("", include("sudsud.atlas.api_compare")),
    path("", include("sudsud.atlas.api_ranking")),
]
