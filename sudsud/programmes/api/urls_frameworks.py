"""API routes of the programmes app: frameworks."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .frameworks import FrameworkCatalogueViewSet

router = SimpleRouter()
router.register("frameworks", FrameworkCatalogueViewSet, basename="framework")

urlpatterns: list[URLPattern | URLResolver] = [*router.urls]
