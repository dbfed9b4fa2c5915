"""Administrators add, edit and remove the members of a grouping."""

from typing import Any

from django.contrib import messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from sudsud.places import selectors, services
from sudsud.places.forms import MembershipAddForm, MembershipForm
from sudsud.places.models import Grouping, GroupingMembership

from .common import AdminRequiredMixin, ServiceFormView, found


class GroupingMixin:
    """Finds the grouping named in the address (a 404 if there is none)."""

    grouping: Grouping

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)  # type: ignore[misc]
        self.grouping = found(selectors.grouping_get, kwargs["slug"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        context.update(
            grouping=self.grouping, membership=getattr(self, "membership", None)
        )
        return context

    def get_success_url_for(self, saved: Model) -> str:
        return self.grouping.get_absolute_url()


class MembershipMixin(GroupingMixin):
    """… and one of its memberships."""

    membership: GroupingMembership

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.membership = found(
            selectors.grouping_membership_get, self.grouping, kwargs["pk"]
        )


class MembershipAddView(GroupingMixin, ServiceFormView):
    template_name = "places/membership_form.html"
    form_class = MembershipAddForm

    def save(self, form: MembershipAddForm) -> Model:
        self.success_message = _("The member was added.")
        return services.grouping_membership_add(
            actor=self.request.user, grouping=self.grouping, **form.cleaned_data
        )


class MembershipUpdateView(MembershipMixin, ServiceFormView):
    template_name = "places/membership_form.html"
    form_class = MembershipForm

    def get_initial(self) -> dict[str, Any]:
        fields = ("start_date", "end_date", "note")
        return {name: getattr(self.membership, name) for name in fields}

    def save(self, form: MembershipForm) -> Model:
        self.success_message = _("The membership was saved.")
        return services.grouping_membership_update(
            actor=self.request.user, membership=self.membership, **form.cleaned_data
        )


class MembershipRemoveView(MembershipMixin, AdminRequiredMixin, TemplateView):
    """Asks for confirmation (GET), then removes the membership (POST)."""

    template_name = "places/membership_confirm_remove.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        services.grouping_membership_remove(
            actor=request.user, membership=self.membership
        )
        messages.success(request, _("The member was removed."))
        return redirect(self.grouping.get_absolute_url())
