from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from sudsud.accounts.scopes import scope_editable_country_ids
from sudsud.core.selectors import audit_entries_for
from sudsud.organisations import permissions, selectors, services
from sudsud.organisations.forms import OrganisationFilterForm, OrganisationForm
from sudsud.organisations.models import Organisation
from sudsud.places.selectors import country_list

from .common import add_service_errors

PAGE_SIZE = 25


class OrganisationListView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        form = OrganisationFilterForm(request.GET or None)
        organisations = selectors.organisation_list_for_user(
            user=request.user, **form.selector_filters()
        )
        page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
        partial = request.headers.get("HX-Request") == "true"
        template = (
            "organisations/partials/organisation_results.html"
            if partial
            else "organisations/organisation_list.html"
        )
        context = {
            "form": form,
            "page_obj": page,
            "organisations": page.object_list,
            "can_create": permissions.can_create_organisation(request.user),
            "can_export": permissions.can_export_organisations(request.user),
        }
        return render(request, template, context)


def _detail_context(user: Any, organisation: Organisation) -> dict[str, Any]:
    show_contacts = permissions.can_view_contacts(user, organisation)
    show_history = permissions.can_view_history(user, organisation)
    return {
        "organisation": organisation,
        "parent": selectors.organisation_visible_parent(
            user=user, organisation=organisation
        ),
        "children": selectors.organisation_children(
            user=user, organisation=organisation
        ),
        "show_contacts": show_contacts,
        "contacts": selectors.contact_list_for_user(
            user=user, organisation=organisation
        )
        if show_contacts
        else [],
        "can_edit": permissions.can_edit_organisation(user, organisation),
        "can_edit_contacts": permissions.can_edit_contacts(user, organisation),
        "show_history": show_history,
        "history": audit_entries_for(organisation)[:50] if show_history else [],
    }


class OrganisationDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = selectors.organisation_get_for_user(user=request.user, pk=pk)
        context = _detail_context(request.user, organisation)
        return render(request, "organisations/organisation_detail.html", context)


def _organisation_form(
    request: HttpRequest, organisation: Organisation | None = None
) -> OrganisationForm:
    editable = scope_editable_country_ids(request.user)
    countries = country_list()
    return OrganisationForm(
        request.POST or None,
        instance=organisation,
        scope_countries=countries
        if editable is None
        else countries.filter(pk__in=editable),
        parents=selectors.organisation_parent_choices(
            user=request.user, organisation=organisation
        ),
        programme_wide=editable is None,
        # A parent the user may not see is kept as it is, never shown nor offered.
        parent_hidden=organisation is not None
        and organisation.parent_id is not None
        and not permissions.can_view_parent(request.user, organisation),
    )


def _render_form(
    request: HttpRequest, form: OrganisationForm, organisation: Any
) -> HttpResponse:
    context = {"form": form, "organisation": organisation}
    return render(request, "organisations/organisation_form.html", context)


class OrganisationCreateView(LoginRequiredMixin, View):
    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if request.user.is_authenticated and not permissions.can_create_organisation(
            request.user
        ):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return _render_form(request, _organisation_form(request), None)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = _organisation_form(request)
        if form.is_valid():
            try:
                organisation = services.organisation_create(
                    actor=request.user, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The organisation was created."))
                return redirect(organisation)
        return _render_form(request, form, None)


class _EditableOrganisationMixin(LoginRequiredMixin):
    def editable_organisation(self, request: HttpRequest, pk: int) -> Organisation:
        organisation = selectors.organisation_get_for_user(user=request.user, pk=pk)
        if not permissions.can_edit_organisation(request.user, organisation):
            raise PermissionDenied
        return organisation


class OrganisationUpdateView(_EditableOrganisationMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = self.editable_organisation(request, pk)
        return _render_form(
            request, _organisation_form(request, organisation), organisation
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = self.editable_organisation(request, pk)
        form = _organisation_form(request, organisation)
        if form.is_valid():
            try:
                services.organisation_update(
                    actor=request.user, organisation=organisation, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The changes were saved."))
                return redirect(organisation)
        return _render_form(request, form, organisation)


class _ArchiveToggleView(_EditableOrganisationMixin, View):
    archive = True

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = self.editable_organisation(request, pk)
        context = {"organisation": organisation, "archive": self.archive}
        return render(
            request, "organisations/organisation_confirm_archive.html", context
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = self.editable_organisation(request, pk)
        if self.archive:
            services.organisation_archive(actor=request.user, organisation=organisation)
            messages.success(request, _("The organisation was archived."))
        else:
            services.organisation_restore(actor=request.user, organisation=organisation)
            messages.success(request, _("The organisation was restored."))
        return redirect(organisation)


class OrganisationArchiveView(_ArchiveToggleView):
    archive = True


class OrganisationRestoreView(_ArchiveToggleView):
    archive = False
