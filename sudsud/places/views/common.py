"""What the places pages share: 404s, pagination, admin-only forms over services."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.generic import FormView

from sudsud.places.models import Grouping, GroupingMembership, Place
from sudsud.places.permissions import can_change_places

PAGE_SIZE = 25


def found(fetch: Callable[..., Any], *args: Any) -> Any:
    """``fetch(*args)``, or a 404 when the record does not exist."""
    try:
        return fetch(*args)
    except (Place.DoesNotExist, Grouping.DoesNotExist, GroupingMembership.DoesNotExist):
        raise Http404 from None


def paginate(request: HttpRequest, items: QuerySet[Any]) -> Page:
    return Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))


def show_errors(form: Any, error: ValidationError) -> None:
    """Put a service's validation errors next to the matching fields."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        known = field in form.fields and field != NON_FIELD_ERRORS
        form.add_error(field if known else None, errors)


class AdminRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    def test_func(self) -> bool:
        return can_change_places(self.request.user)  # type: ignore[attr-defined]


class ServiceFormView(AdminRequiredMixin, FormView):
    """A form whose valid data goes to a service; its errors come back to the form."""

    success_message = ""

    def save(self, form: Any) -> Model:
        raise NotImplementedError

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            saved = self.save(form)
        except ValidationError as error:
            show_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.get_success_url_for(saved))

    def get_success_url_for(self, saved: Model) -> str:
        return saved.get_absolute_url()  # type: ignore[attr-defined]
