"""Guards every service starts with, in every app: the named fields it may set, and
the permission (``actor=None`` is the system, which may do anything)."""

from collections.abc import Collection, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied


def check_fields(fields: Mapping[str, Any], allowed: Collection[str]) -> None:
    """A caller's mistake, not the user's: a field the service does not set."""
    unknown = set(fields).difference(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")


def require(allowed: bool, actor: Any, message: str) -> None:
    """``PermissionDenied(message)`` unless ``allowed`` or the actor is the system."""
    if actor is not None and not allowed:
        raise PermissionDenied(message)
