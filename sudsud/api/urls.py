"""``/api/v1/``: one include per domain app, plus the schema and its docs."""

from csp.decorators import csp_update
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

app_name = "api"

v1 = [
    path("", include("sudsud.accounts.api_urls")),
    path("", include("sudsud.places.api_urls")),
    path("", include("sudsud.organisations.api_urls")),
    path("", include("sudsud.programmes.api_urls")),
    path("", include("sudsud.atlas.api_urls")),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The "split" view serves Swagger UI's start-up script as a file, so the
    # documentation page works under our content security policy (no inline script).
    path(
        "v1/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(
            SpectacularSwaggerSplitView.as_view(url_name="api:schema")
        ),
        name="docs",
    ),
]
