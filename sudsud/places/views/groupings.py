"""Pages of groupings: list, detail with members, create and edit."""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from sudsud.places import selectors, services
from sudsud.places.forms import GroupingForm, OnDateForm
from sudsud.places.models import GroupingKind
from sudsud.places.permissions import can_change_places

from .common import ServiceFormView, found, paginate


class GroupingListView(LoginRequiredMixin, TemplateView):
    template_name = "places/grouping_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        q = self.request.GET.get("q", "").strip()
        kind = self.request.GET.get("kind", "")
        kind = kind if kind in GroupingKind.values else ""
        groupings = selectors.grouping_list(q=q, kind=kind)
        return super().get_context_data(
            page_obj=paginate(self.request, groupings),
            q=q,
            kind=kind,
            kinds=GroupingKind.choices,
            can_change=can_change_places(self.request.user),
            **kwargs,
        )


class GroupingDetailView(LoginRequiredMixin, TemplateView):
    template_name = "places/grouping_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        grouping = found(selectors.grouping_get, kwargs["slug"])
        on_form = OnDateForm(self.request.GET)
        on_date = on_form.cleaned_data.get("on") if on_form.is_valid() else None
        members = selectors.grouping_members(grouping, on_date=on_date)
        return super().get_context_data(
            grouping=grouping,
            page_obj=paginate(self.request, members),
            on_form=on_form,
            on_date=on_date,
            can_change=can_change_places(self.request.user),
            **kwargs,
        )


def grouping_input(form: GroupingForm) -> services.GroupingInput:
    data = dict(form.cleaned_data)
    data["name_ar"] = data.get("name_ar") or ""
    data["source"] = data.get("source") or ""
    return services.GroupingInput(**data)


class GroupingCreateView(ServiceFormView):
    template_name = "places/grouping_form.html"
    form_class = GroupingForm

    def save(self, form: GroupingForm) -> Model:
        self.success_message = _("The grouping was created.")
        return services.grouping_create(
            actor=self.request.user, data=grouping_input(form)
        )


class GroupingUpdateView(ServiceFormView):
    template_name = "places/grouping_form.html"
    form_class = GroupingForm

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.grouping = found(selectors.grouping_get, kwargs["slug"])

    def get_initial(self) -> dict[str, Any]:
        fields = GroupingForm.base_fields
        return {name: getattr(self.grouping, name) for name in fields}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(grouping=self.grouping, **kwargs)

    def save(self, form: GroupingForm) -> Model:
        self.success_message = _("The grouping was saved.")
        return services.grouping_update(
            actor=self.request.user, grouping=self.grouping, data=grouping_input(form)
        )
