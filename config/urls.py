"""URL wiring only: each app owns its URLs. Pages are under a language-neutral path;
the language comes from the user's choice (cookie) or the browser."""

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("sudsud.web.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("sudsud.accounts.urls")),
    path("organisations/", include("sudsud.organisations.urls")),
    path("places/", include("sudsud.places.urls")),
    path("programme/", include("sudsud.programmes.urls")),
    path("api/", include("sudsud.api.urls")),
    path("django-admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
