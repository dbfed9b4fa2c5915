"""Pages of places: list with search and filters, detail, edit."""

from typing import Any

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from sudsud.places import selectors, services
from sudsud.places.forms import PlaceFilterForm, PlaceForm
from sudsud.places.permissions import can_change_places

from .common import ServiceFormView, found, paginate


class PlaceListView(LoginRequiredMixin, TemplateView):
    template_name = "places/place_list.html"

    def get_template_names(self) -> list[str]:
        if self.request.headers.get("HX-Request"):
            return ["places/partials/place_results.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = PlaceFilterForm(self.request.GET)
        values = form.cleaned_data if form.is_valid() else {}
        grouping = values.get("grouping")
        places = selectors.place_list(
            q=values.get("q", ""),
            kind=values.get("kind", ""),
            grouping=grouping.slug if grouping else "",
        )
        page = paginate(self.request, places)
        filtered = any(values.get(key) for key in ("q", "kind", "grouping"))
        return super().get_context_data(
            form=form, page_obj=page, filtered=filtered, **kwargs
        )


class PlaceDetailView(LoginRequiredMixin, TemplateView):
    template_name = "places/place_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        place = found(selectors.place_get, kwargs["code"])
        return super().get_context_data(
            place=place,
            memberships=selectors.place_groupings(place),
            can_change=can_change_places(self.request.user),
            **kwargs,
        )


class PlaceUpdateView(ServiceFormView):
    template_name = "places/place_form.html"
    form_class = PlaceForm

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.place = found(selectors.place_get, kwargs["code"])
        self.success_message = _("The place was saved.")

    def get_initial(self) -> dict[str, Any]:
        fields = ("name_fr", "name_en", "name_ar", "is_active")
        return {name: getattr(self.place, name) for name in fields}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(place=self.place, **kwargs)

    def save(self, form: PlaceForm) -> Model:
        return services.place_update(
            actor=self.request.user, place=self.place, **form.cleaned_data
        )
