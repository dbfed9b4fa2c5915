"""API routes of the programmes app: action plans and activities."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .activities import ActivityViewSet, PlanViewSet

router = SimpleRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("activities", ActivityViewSet, basename="activity")

urlpatterns: list[URLPattern | URLResolver] = [*router.urls]
