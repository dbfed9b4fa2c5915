"""Values every page template needs: the navigation and the user's powers."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sudsud.accounts.scopes import scope_for

# (URL name, label, needs sign-in, programme administrators only)
NAVIGATION = [
    ("web:home", _("Home"), False, False),
    ("programmes:programme_detail_current", _("Programme"), True, False),
    ("programmes:inbox", _("What is waiting for me"), True, False),
    ("atlas:home", _("Diaspora atlas"), True, False),
    ("organisations:organisation_list", _("Organisations"), True, False),
    ("places:place_list", _("Places"), True, False),
    ("accounts:user_list", _("Users"), True, True),
    ("web:audit_list", _("Audit trail"), True, True),
]


def platform(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scope = scope_for(user)
    is_admin = scope.authenticated and scope.role == "programme_admin"
    items = [
        (url_name, label)
        for url_name, label, needs_login, admin_only in NAVIGATION
        if (scope.authenticated or not needs_login) and (is_admin or not admin_only)
    ]
    return {"nav_items": items, "user_scope": scope, "user_is_admin": is_admin}
