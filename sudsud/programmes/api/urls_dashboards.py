"""API routes of the programmes app: dashboards."""

from django.urls import URLPattern, URLResolver, path

from .dashboards import CountryFiguresView, OverviewFiguresView, PlanFiguresView

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "dashboards/overview/",
        OverviewFiguresView.as_view(),
        name="dashboard-overview",
    ),
    path(
        "dashboards/plans/<int:pk>/",
        PlanFiguresView.as_view(),
        name="dashboard-plan",
    ),
    path(
        "dashboards/countries/<str:iso3>/",
        CountryFiguresView.as_view(),
        name="dashboard-country",
    ),
]
