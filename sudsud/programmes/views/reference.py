"""Pages of the programme: its reference sheet and the administrators' edit forms."""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from sudsud.accounts.scopes import scope_allows_export
from sudsud.programmes import forms, permissions, selectors, services
from sudsud.programmes.models import Programme


def _funding_totals(programme: Programme) -> list[tuple[str, Decimal]]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for funding in programme.fundings.all():
        totals[funding.currency] += funding.amount
    return sorted(totals.items())


class ProgrammeDetailView(LoginRequiredMixin, TemplateView):
    """The programme's reference sheet; without ``code``, THE programme."""

    template_name = "programmes/programme_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user, code = self.request.user, self.kwargs.get("code")
        if code:
            programme = selectors.programme_get_for_user(user=user, code=code)
            if programme is None:
                raise Http404
        else:
            programme = selectors.programme_current_for_user(user=user)
        context = super().get_context_data(programme=programme, **kwargs)
        if programme is not None:
            context.update(_detail_context(user, programme))
        return context


def _detail_context(user: Any, programme: Programme) -> dict[str, Any]:
    partners = programme.partner_countries.all()
    memoranda = programme.memoranda.all()
    return {
        "funding_totals": _funding_totals(programme),
        "can_export": scope_allows_export(user),
        "can_edit_programme": permissions.can_edit_programme(user, programme),
        "can_edit_domains": permissions.can_edit_domain(user),
        "editable_partner_ids": {
            p.pk for p in partners if permissions.can_edit_partner_country(user, p)
        },
        "editable_memorandum_ids": {
            m.pk for m in memoranda if permissions.can_edit_memorandum(user, m)
        },
    }


def _add_errors(form: Any, error: ValidationError) -> None:
    """Put a service's errors next to their fields, or above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, field_errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, field_errors)


class ReferenceEditView(LoginRequiredMixin, FormView):
    """Load the record, refuse those who may not edit it (403), hand the form's
    fields to the service, and show its errors next to the fields."""

    template_name = "programmes/reference_form.html"
    object: Any

    def get_object(self) -> Any:
        raise NotImplementedError

    def may_edit(self, user: Any, obj: Any) -> bool:
        raise NotImplementedError

    def save(self, form: Any) -> Any:
        raise NotImplementedError

    def get_programme(self) -> Programme:
        return self.object.programme

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        found = self.get_object()
        if found is None:
            raise Http404
        if not self.may_edit(request.user, found):
            raise PermissionDenied
        self.object = found
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            object=self.object, programme=self.get_programme(), **kwargs
        )

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            saved = self.save(form)
        except ValidationError as error:
            _add_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("“%(name)s” saved.") % {"name": saved})
        return redirect(self.get_programme())


class ProgrammeUpdateView(ReferenceEditView):
    form_class = forms.ProgrammeForm

    def get_object(self) -> Any:
        user = self.request.user
        return selectors.programme_get_for_user(user=user, code=self.kwargs["code"])

    def may_edit(self, user: Any, obj: Any) -> bool:
        return permissions.can_edit_programme(user, obj)

    def save(self, form: Any) -> Any:
        fields = form.service_fields()
        return services.programme_update(
            actor=self.request.user, programme=self.object, **fields
        )

    def get_programme(self) -> Programme:
        return self.object


class DomainUpdateView(ReferenceEditView):
    form_class = forms.DomainForm

    def get_object(self) -> Any:
        return selectors.domain_get_for_user(
            user=self.request.user, pk=self.kwargs["pk"]
        )

    def may_edit(self, user: Any, obj: Any) -> bool:
        return permissions.can_edit_domain(user, obj)

    def save(self, form: Any) -> Any:
        fields = form.service_fields()
        return services.domain_update(
            actor=self.request.user, domain=self.object, **fields
        )


class PartnerCountryUpdateView(ReferenceEditView):
    form_class = forms.PartnerCountryForm

    def get_object(self) -> Any:
        user = self.request.user
        return selectors.partner_country_get_for_user(user=user, pk=self.kwargs["pk"])

    def may_edit(self, user: Any, obj: Any) -> bool:
        return permissions.can_edit_partner_country(user, obj)

    def get_form_kwargs(self) -> dict[str, Any]:
        ministries = selectors.ministry_choices(
            user=self.request.user, country_ids=[self.object.country_id]
        )
        return {**super().get_form_kwargs(), "ministries": ministries}

    def save(self, form: Any) -> Any:
        return services.partner_country_update(
            actor=self.request.user,
            partner_country=self.object,
            **form.service_fields(),
        )


class MemorandumUpdateView(ReferenceEditView):
    form_class = forms.MemorandumForm

    def get_object(self) -> Any:
        return selectors.memorandum_get_for_user(
            user=self.request.user, pk=self.kwargs["pk"]
        )

    def may_edit(self, user: Any, obj: Any) -> bool:
        return permissions.can_edit_memorandum(user, obj)

    def get_form_kwargs(self) -> dict[str, Any]:
        countries = [self.object.first_country_id, self.object.second_country_id]
        ministries = selectors.ministry_choices(
            user=self.request.user, country_ids=countries
        )
        return {**super().get_form_kwargs(), "ministries": ministries}

    def save(self, form: Any) -> Any:
        return services.memorandum_update(
            actor=self.request.user, memorandum=self.object, **form.service_fields()
        )


def memorandum_document(request: HttpRequest, pk: int) -> FileResponse:
    """The signed copy of a memorandum, for signed-in people."""
    memorandum = selectors.memorandum_get_for_user(user=request.user, pk=pk)
    if memorandum is None or not memorandum.document:
        raise Http404
    return FileResponse(
        memorandum.document.open("rb"),
        as_attachment=True,
        filename=f"memorandum-{memorandum.pk}.pdf",
        content_type="application/pdf",
    )
