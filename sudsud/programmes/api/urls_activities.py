"""API routes of the programmes app: action plans, activities and what makes
them up (partners, budget lines, deliverables)."""

from django.urls import URLPattern, URLResolver
from rest_framework.routers import SimpleRouter

from .activities import ActivityViewSet, PlanViewSet
from .activities_parts import (
    ActivityPartnerViewSet,
    BudgetLineViewSet,
    DeliverableViewSet,
)

ACTIVITY = r"activities/(?P<activity_pk>\d+)"

router = SimpleRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("activities", ActivityViewSet, basename="activity")
router.register(f"{ACTIVITY}/partners", ActivityPartnerViewSet, "activity-partner")
router.register(f"{ACTIVITY}/budget-lines", BudgetLineViewSet, "activity-budget-line")
router.register(f"{ACTIVITY}/deliverables", DeliverableViewSet, "activity-deliverable")

urlpatterns: list[URLPattern | URLResolver] = [*router.urls]
