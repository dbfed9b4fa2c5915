"""URLs of the programmes app: frameworks. Included in the ``programmes`` namespace."""

from django.urls import URLPattern, path

from sudsud.programmes.views import frameworks as views

urlpatterns: list[URLPattern] = [
    path("frameworks/", views.FrameworkListView.as_view(), name="framework_list"),
    path(
        "frameworks/import/",
        views.FrameworkImportView.as_view(),
        name="framework_import",
    ),
    path(
        "frameworks/<int:pk>/",
        views.FrameworkDetailView.as_view(),
        name="framework_detail",
    ),
    path(
        "frameworks/<int:pk>/report/",
        views.FrameworkReportView.as_view(),
        name="framework_report",
    ),
    path(
        "indicators/<int:pk>/frameworks/",
        views.IndicatorFrameworksView.as_view(),
        name="indicator_frameworks",
    ),
]
