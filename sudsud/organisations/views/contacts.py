from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from sudsud.organisations import permissions, selectors, services
from sudsud.organisations.forms import ContactForm
from sudsud.organisations.models import Contact, Organisation

from .common import add_service_errors


def _editable_organisation(request: HttpRequest, pk: int) -> Organisation:
    organisation = selectors.organisation_get_for_user(user=request.user, pk=pk)
    if not permissions.can_edit_contacts(request.user, organisation):
        raise PermissionDenied
    return organisation


def _editable_contact(request: HttpRequest, pk: int) -> Contact:
    contact = selectors.contact_get_for_user(user=request.user, pk=pk)
    if not permissions.can_edit_contacts(request.user, contact.organisation):
        raise PermissionDenied
    return contact


def _render(
    request: HttpRequest,
    form: ContactForm,
    organisation: Organisation,
    contact: Contact | None = None,
) -> HttpResponse:
    context = {"form": form, "organisation": organisation, "contact": contact}
    return render(request, "organisations/contact_form.html", context)


class ContactCreateView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return _render(request, ContactForm(), _editable_organisation(request, pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        organisation = _editable_organisation(request, pk)
        form = ContactForm(request.POST)
        if form.is_valid():
            try:
                services.contact_create(
                    actor=request.user, organisation=organisation, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The contact was added."))
                return redirect(organisation)
        return _render(request, form, organisation)


class ContactUpdateView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        contact = _editable_contact(request, pk)
        form = ContactForm(instance=contact)
        return _render(request, form, contact.organisation, contact)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        contact = _editable_contact(request, pk)
        form = ContactForm(request.POST, instance=contact)
        if form.is_valid():
            try:
                services.contact_update(
                    actor=request.user, contact=contact, **form.cleaned_data
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The contact was saved."))
                return redirect(contact.organisation)
        return _render(request, form, contact.organisation, contact)


class ContactDeleteView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        contact = _editable_contact(request, pk)
        context = {"contact": contact, "organisation": contact.organisation}
        return render(request, "organisations/contact_confirm_delete.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        contact = _editable_contact(request, pk)
        services.contact_delete(actor=request.user, contact=contact)
        messages.success(request, _("The contact was deleted."))
        return redirect(contact.organisation)
