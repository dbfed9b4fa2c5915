"""The two steps of signing in with two-factor authentication.

After the password step the person is *not* signed in: their id waits in the
session until the code step succeeds, for a few minutes and a few attempts.
"""

import time
from typing import Any

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.http import HttpRequest, HttpResponse
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from .lockout import forget_failures
from .models import User

PENDING = "accounts_pending_signin"
MAX_CODE_ATTEMPTS = 5
PENDING_SECONDS = 5 * 60


def pending_start(request: HttpRequest, user: Any, next_url: str) -> None:
    request.session[PENDING] = {
        "user_id": user.pk,
        "backend": user.backend,
        "next": next_url,
        "attempts": 0,
        "since": time.time(),
    }


def pending_get(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    """The person waiting for the code step, or ``None`` (absent, stale, closed)."""
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["since"] > PENDING_SECONDS:
        pending_clear(request)
        return None
    user = User.objects.filter(pk=pending["user_id"], is_active=True).first()
    if user is None:
        pending_clear(request)
        return None
    return user, pending


def pending_failed(request: HttpRequest) -> bool:
    """Count a wrong code; ``True`` once attempts are used up (pending cleared)."""
    pending = request.session[PENDING]
    pending["attempts"] += 1
    request.session[PENDING] = pending
    if pending["attempts"] >= MAX_CODE_ATTEMPTS:
        pending_clear(request)
        return True
    return False


def pending_clear(request: HttpRequest) -> None:
    request.session.pop(PENDING, None)


def complete_signin(
    request: HttpRequest, user: Any, device: TOTPDevice | None = None
) -> None:
    """Sign in (and mark the session as verified by ``device``)."""
    pending = request.session.get(PENDING)
    if pending:
        user.backend = pending["backend"]
    pending_clear(request)
    auth_login(request, user)
    forget_failures(request, user.get_username())
    if device is not None:
        otp_login(request, device)


def with_language(response: HttpResponse, language: str) -> HttpResponse:
    """Switch the interface to ``language`` from the next page on."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
