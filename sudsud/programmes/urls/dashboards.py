"""URLs of the programmes app: dashboards. Included in the ``programmes`` namespace."""

from django.urls import URLPattern, path

from sudsud.programmes.views import dashboards as views

urlpatterns: list[URLPattern] = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path(
        "dashboard/plans/<int:pk>/",
        views.PlanDashboardView.as_view(),
        name="plan_dashboard",
    ),
    path(
        "dashboard/countries/<str:iso3>/",
        views.CountryDashboardView.as_view(),
        name="country_dashboard",
    ),
    path(
        "dashboard/indicators/<int:pk>/",
        views.IndicatorChartView.as_view(),
        name="indicator_chart",
    ),
    path("dashboard/timeline/", views.TimelineView.as_view(), name="timeline"),
]
