from django.urls import path

from . import views

app_name = "places"

urlpatterns = [
    path("", views.PlaceListView.as_view(), name="place_list"),
    path("<int:code>/", views.PlaceDetailView.as_view(), name="place_detail"),
    path("<int:code>/edit/", views.PlaceUpdateView.as_view(), name="place_update"),
    path("groupings/", views.GroupingListView.as_view(), name="grouping_list"),
    path("groupings/new/", views.GroupingCreateView.as_view(), name="grouping_create"),
    path(
        "groupings/<slug:slug>/",
        views.GroupingDetailView.as_view(),
        name="grouping_detail",
    ),
    path(
        "groupings/<slug:slug>/edit/",
        views.GroupingUpdateView.as_view(),
        name="grouping_update",
    ),
    path(
        "groupings/<slug:slug>/members/add/",
        views.MembershipAddView.as_view(),
        name="membership_add",
    ),
    path(
        "groupings/<slug:slug>/members/<int:pk>/edit/",
        views.MembershipUpdateView.as_view(),
        name="membership_update",
    ),
    path(
        "groupings/<slug:slug>/members/<int:pk>/remove/",
        views.MembershipRemoveView.as_view(),
        name="membership_remove",
    ),
]
