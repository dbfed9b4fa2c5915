"""URLs of the programmes app: data exports and breakdown dimensions."""

from django.urls import URLPattern, path

from sudsud.programmes.views import data as views

urlpatterns: list[URLPattern] = [
    path("data/exports/", views.DataExportsView.as_view(), name="data_exports"),
    path(
        "data/exports/<slug:kind>.<slug:extension>",
        views.DataExportDownloadView.as_view(),
        name="data_export_download",
    ),
    path("dimensions/", views.DimensionListView.as_view(), name="dimension_list"),
    path("dimensions/new/", views.DimensionFormView.as_view(), name="dimension_create"),
    path(
        "dimensions/<int:pk>/",
        views.DimensionDetailView.as_view(),
        name="dimension_detail",
    ),
    path(
        "dimensions/<int:pk>/edit/",
        views.DimensionFormView.as_view(),
        name="dimension_update",
    ),
    path(
        "dimensions/<int:pk>/delete/",
        views.DimensionDeleteView.as_view(),
        name="dimension_delete",
    ),
    path(
        "dimensions/<int:pk>/values/new/",
        views.DimensionValueFormView.as_view(),
        name="dimension_value_create",
    ),
    path(
        "dimensions/<int:pk>/values/<int:child_pk>/edit/",
        views.DimensionValueFormView.as_view(),
        name="dimension_value_update",
    ),
    path(
        "dimensions/<int:pk>/values/<int:child_pk>/delete/",
        views.DimensionDeleteView.as_view(),
        name="dimension_value_delete",
    ),
]
