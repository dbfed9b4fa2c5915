from typing import Any, cast

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest

from sudsud.accounts.models import User
from sudsud.accounts.scopes import scope_for


def me(request: HttpRequest) -> User:
    """The signed-in person (the views using it require sign-in)."""
    return cast(User, request.user)


def add_errors(form: Any, error: ValidationError) -> None:
    """Show a service's validation error next to the form's fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ProgrammeAdminRequiredMixin(LoginRequiredMixin):
    """Sign-in first, then 403 for anyone who is not a programme administrator."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        if (
            request.user.is_authenticated
            and not scope_for(request.user).is_programme_admin
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)
