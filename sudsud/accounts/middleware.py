"""Two-factor authentication required for some roles (``SUDSUD_REQUIRE_2FA_ROLES``).

A signed-in person of such a role without a confirmed authenticator app is sent to
their account page to turn it on; only that, signing out, changing language and
static files keep working. API requests on their session are refused in JSON.
Requests that carry only an API token are not signed in here (the API
authenticates them later) and go on.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .selectors import two_factor_required

API_PREFIX = "/api/"
ALLOWED_NAMES = (
    "accounts:profile",
    "accounts:language",
    "accounts:two_factor_setup",
    "accounts:logout",
    "accounts:set_language",
    "set_language",
)


def _allowed(request: HttpRequest) -> bool:
    if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return True
    return request.path in {reverse(name) for name in ALLOWED_NAMES}


class RequireTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not two_factor_required(request.user) or _allowed(request):
            return self.get_response(request)
        message = _(
            "Your role requires two-factor authentication. Turn it on to continue."
        )
        if request.path_info.startswith(API_PREFIX):
            return JsonResponse({"detail": message}, status=403)
        messages.warning(request, message, fail_silently=True)
        return redirect(reverse("accounts:profile") + "#two-factor")
