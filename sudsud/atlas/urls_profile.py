"""Origin profile URLs, in the ``atlas`` namespace: ``sudsud/atlas/urls.py`` includes
them with ``path("", include("sudsud.atlas.urls_profile"))``."""

from django.urls import path

from .views.profile import AtlasHomeView, OriginProfileView

urlpatterns = [
    path("", AtlasHomeView.as_view(), name="home"),
    path("origins/<str:iso3>/", OriginProfileView.as_view(), name="origin_profile"),
]
