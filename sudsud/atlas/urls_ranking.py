"""The destination ranking URL, in the ``atlas`` namespace: ``sudsud/atlas/urls.py``
includes it with ``path("", include("sudsud.atlas.urls_ranking"))``."""

from django.urls import path

from .views.ranking import RankingView

urlpatterns = [
    path("origins/<str:iso3>/ranking/", RankingView.as_view(), name="ranking"),
]
