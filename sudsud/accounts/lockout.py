"""Two sign-in lockouts with two limits, on top of django-axes.

Axes counts failed sign-ins for each group of ``AXES_LOCKOUT_PARAMETERS`` —
(user name, address) and address alone — and locks out once the largest count
(always the address's) reaches one ``AXES_FAILURE_LIMIT``. That limit may be a
callable: this one answers the low per-person limit once that person has used it
up from this address, and the high per-address limit otherwise. So guessing one
account's password stops after ``SUDSUD_LOGIN_FAILURE_LIMIT`` tries, and spraying
guesses at many accounts from one address after ``SUDSUD_LOGIN_IP_FAILURE_LIMIT``.
"""

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.helpers import get_client_ip_address, get_client_username
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def _person_failures(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    address = getattr(request, "axes_ip_address", None)
    username = get_client_username(request, credentials)
    if not address or not username:
        return 0
    attempts = AccessAttempt.objects.filter(
        username=username,
        ip_address=address,
        attempt_time__gte=get_cool_off_threshold(request),
    )
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


def failure_limit(request: HttpRequest, credentials: dict[str, Any] | None) -> int:
    """``AXES_FAILURE_LIMIT``: compared by axes with the address's failure count,
    which is never below the person's."""
    per_person = settings.SUDSUD_LOGIN_FAILURE_LIMIT
    if _person_failures(request, credentials) >= per_person:
        return per_person
    return settings.SUDSUD_LOGIN_IP_FAILURE_LIMIT


def forget_failures(request: HttpRequest, username: str) -> None:
    """After a successful sign-in, clear that person's failures from this address
    only: the address's count of other names' failures stays (axes'
    ``AXES_RESET_ON_SUCCESS`` would clear it too, letting a sprayer reset it by
    signing in to an account of their own)."""
    address = getattr(request, "axes_ip_address", None)
    address = address or get_client_ip_address(request)
    if address and username:
        reset(ip=address, username=username)
