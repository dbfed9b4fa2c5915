"""Origin profile URLs, in the ``atlas`` namespace: ``sudsud/atlas/urls.py`` includes
them with ``path("", include("sudsud.atlas.urls_profile"))``."""

from django.urls import path

from .views.maps import OriginMapView
from .views.profile import AtlasHomeView, OriginProfileView

urlpatterns = [
    path("", AtlasHomeView.as_view(), name="home"),
    path("origins/<str:iso3>/", OriginProfileView.as_view(), name="origin_profile"),
    path(
        "origins/<str:iso3>/map.svg",
        OriginMapView.as_view(kind="svg"),
        name="origin_map_svg",
    ),
    path(
        "origins/<str:iso3>/map.png",
        OriginMapView.as_view(kind="png"),
        name="origin_map_png",
    ),
]
