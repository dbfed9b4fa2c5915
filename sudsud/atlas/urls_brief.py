"""The printable country brief, in the ``atlas`` namespace: ``sudsud/atlas/urls.py``
includes it with ``path("", include("sudsud.atlas.urls_brief"))``."""

from django.urls import path

from .views.brief import OriginBriefView

urlpatterns = [
    path(
        "origins/<str:iso3>/brief.pdf", OriginBriefView.as_view(), name="origin_brief"
    ),
]
