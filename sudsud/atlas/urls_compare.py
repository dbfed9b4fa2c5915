"""Destination, corridor, comparison and edition-comparison URLs, in the ``atlas``
namespace: ``sudsud/atlas/urls.py`` includes them with
``path("", include("sudsud.atlas.urls_compare"))``."""

from django.urls import path

from .views.compare import CompareView, CorridorView, DestinationView, EditionsView

urlpatterns = [
    path("destinations/<str:iso3>/", DestinationView.as_view(), name="destination"),
    path(
        "corridors/<str:origin>/<str:destination>/",
        CorridorView.as_view(),
        name="corridor",
    ),
    path("compare/", CompareView.as_view(), name="compare"),
    path("origins/<str:iso3>/editions/", EditionsView.as_view(), name="editions"),
]
