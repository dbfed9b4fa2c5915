from django.urls import path
from rest_framework.routers import SimpleRouter

from .api import GroupingViewSet, MembershipViewSet, PlaceViewSet

router = SimpleRouter()
router.register("places", PlaceViewSet, basename="place")
router.register("groupings", GroupingViewSet, basename="grouping")

membership_list = MembershipViewSet.as_view({"post": "create"})
membership_detail = MembershipViewSet.as_view(
    {"get": "retrieve", "put": "update", "delete": "destroy"}
)

urlpatterns = [
    *router.urls,
    path(
        "groupings/<slug:slug>/members/",
        membership_list,
        name="grouping-membership-list",
    ),
    path(
        "groupings/<slug:slug>/members/<int:pk>/",
        membership_detail,
        name="grouping-membership-detail",
    ),
]
