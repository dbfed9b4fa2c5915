import datetime as dt

from django import template

register = template.Library()


@register.filter
def minutes(duration: dt.timedelta | None) -> int:
    """Whole minutes in a duration, rounded up (for "try again in N minutes")."""
    if not duration:
        return 0
    return max(1, -(-int(duration.total_seconds()) // 60))
