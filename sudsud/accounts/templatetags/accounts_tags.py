import datetime as dt

from django import template
from django.conf import settings

register = template.Library()


@register.filter
def minutes(duration: dt.timedelta | None) -> int:
    """Whole minutes in a duration, rounded up (for "try again in N minutes")."""
    if not duration:
        return 0
    return max(1, -(-int(duration.total_seconds()) // 60))


@register.filter
def is_address_lockout(failure_limit: int | None) -> bool:
    """Whether a lockout page's limit is the per-address one (many user names
    guessed from one connection) rather than the per-person one."""
    return failure_limit is not None and (
        failure_limit != settings.SUDSUD_LOGIN_FAILURE_LIMIT
    )
