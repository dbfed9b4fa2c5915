"""Counting requests in the cache, to limit what anyone can trigger anonymously
(password-reset e-mails). The cache is shared between processes (database or
Redis, see settings), so every app process agrees on the counts."""

import hashlib

from axes.helpers import get_client_ip_address
from django.core.cache import cache
from django.http import HttpRequest

HOUR = 60 * 60


def client_address(request: HttpRequest) -> str:
    """The visitor's address, behind ``SUDSUD_PROXY_COUNT`` proxies (as the sign-in
    lockout sees it)."""
    return get_client_ip_address(request) or "unknown"


def throttle_hit(scope: str, key: str, *, limit: int, window: int = HOUR) -> bool:
    """Count one request for ``key`` in ``scope``; ``False`` once more than
    ``limit`` were counted in the ``window`` (seconds) opened by the first one.
    Keys are hashed: no e-mail address is stored in the cache."""
    digest = hashlib.sha256(key.encode()).hexdigest()
    cache_key = f"sudsud:throttle:{scope}:{digest}"
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count <= limit
