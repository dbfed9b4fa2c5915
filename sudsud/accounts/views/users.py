"""User management for programme administrators: list, create, edit, deactivate."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from sudsud.accounts.forms import UserCreateForm, UserFilterForm, UserUpdateForm
from sudsud.accounts.models import User
from sudsud.accounts.selectors import user_get_for_user, user_list_for_user
from sudsud.accounts.services import (
    UserFields,
    user_create,
    user_deactivate,
    user_update,
)

from ._common import ProgrammeAdminRequiredMixin, add_errors, me

PAGE_SIZE = 25


class AdminView(ProgrammeAdminRequiredMixin, View):
    def get_person(self, pk: int) -> User:
        try:
            return user_get_for_user(user=self.request.user, pk=pk)
        except User.DoesNotExist as missing:
            raise Http404 from missing


class UserListView(AdminView):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = UserFilterForm(request.GET or None)
        filters: dict[str, Any] = {}
        if form.is_valid():
            data = form.cleaned_data
            filters = {
                "query": data["q"],
                "role": data["role"],
                "country_id": data["country"].pk if data["country"] else None,
                "is_active": data["active"],
            }
        people = user_list_for_user(user=request.user, **filters)
        page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("page"))
        query = request.GET.copy()
        query.pop("page", None)
        context = {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "filtered": any(filters.values()),
        }
        template = (
            "accounts/partials/user_table.html"
            if request.headers.get("HX-Request")
            else "accounts/user_list.html"
        )
        return render(request, template, context)


class UserCreateView(AdminView):
    def get(
        self, request: HttpRequest, form: UserCreateForm | None = None
    ) -> HttpResponse:
        return render(
            request, "accounts/user_form.html", {"form": form or UserCreateForm()}
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        form = UserCreateForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            fields = UserFields(
                **{name: data[name] for name in UserCreateForm.Meta.fields}
            )
            try:
                person = user_create(
                    actor=me(request),
                    fields=fields,
                    countries=data["countries"],
                    password=data["password"] or None,
                    site_url=request.build_absolute_uri("/"),
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The account %(name)s has been created.") % {"name": person},
                )
                return redirect("accounts:user_list")
        return self.get(request, form)


class UserUpdateView(AdminView):
    def get(
        self, request: HttpRequest, pk: int, form: UserUpdateForm | None = None
    ) -> HttpResponse:
        person = self.get_person(pk)
        if form is None:
            form = UserUpdateForm(
                instance=person, initial={"countries": person.countries.all()}
            )
        return render(
            request, "accounts/user_form.html", {"form": form, "person": person}
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self.get_person(pk)
        form = UserUpdateForm(request.POST, instance=User.objects.get(pk=pk))
        if form.is_valid():
            data = form.cleaned_data
            changes = {name: data[name] for name in UserUpdateForm.Meta.fields}
            try:
                user_update(
                    actor=me(request),
                    user=person,
                    changes=changes,
                    countries=data["countries"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(
                    request,
                    _("The account %(name)s has been saved.") % {"name": person},
                )
                return redirect("accounts:user_list")
        return self.get(request, pk, form)


class UserDeactivateView(AdminView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self.get_person(pk)
        return render(
            request, "accounts/user_confirm_deactivate.html", {"person": person}
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = self.get_person(pk)
        try:
            user_deactivate(actor=me(request), user=person)
        except PermissionDenied as refusal:
            messages.error(request, str(refusal))
            return redirect("accounts:user_list")
        messages.success(
            request, _("The account %(name)s has been deactivated.") % {"name": person}
        )
        return redirect("accounts:user_list")
