"""Who may do what with places. Reads: anyone signed in. Writes: administrators."""

from typing import Any

from sudsud.accounts.scopes import scope_for


def can_view_places(user: Any) -> bool:
    return scope_for(user).authenticated


def can_change_places(user: Any) -> bool:
    """Places and groupings are shared reference data, so only programme
    administrators edit them (the services check the same rule)."""
    return scope_for(user).is_programme_admin
