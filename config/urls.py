"""URL wiring only: each app owns its URLs. Pages are under a language-neutral path;
the language comes from the user's choice (cookie) or the browser."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, include, path
from django.views.generic import RedirectView
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tasks_db.models import DBTaskResult
from rest_framework.authtoken.models import TokenProxy

# The support admin must not create API tokens, TOTP devices or task results behind
# the services' back (no audit entry): those are managed in the platform's own pages.
# Roles replace Django's groups, so groups are not offered either.
for _model in (TokenProxy, TOTPDevice, DBTaskResult, Group):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("sudsud.web.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("sudsud.accounts.urls")),
    path("organisations/", include("sudsud.organisations.urls")),
    path("places/", include("sudsud.places.urls")),
    path("programme/", include("sudsud.programmes.urls")),
    path("atlas/", include("sudsud.atlas.urls")),
    path("api/", include("sudsud.api.urls")),
    # The support admin signs people in only through our sign-in, which asks for the
    # second factor; its own password-only login page is never offered.
    path(
        "django-admin/login/",
        RedirectView.as_view(pattern_name="accounts:login", query_string=True),
    ),
    path("django-admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "sudsud.web.views.bad_request"
