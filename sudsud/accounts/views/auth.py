"""Signing in (password, then a code when two-factor authentication is on) and out."""

import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.generic import FormView

from sudsud.accounts import signin
from sudsud.accounts.forms import CodeForm
from sudsud.accounts.selectors import totp_device_confirmed
from sudsud.accounts.services import totp_device_verify, user_password_changed
from sudsud.accounts.throttle import client_address, throttle_hit

log = logging.getLogger(__name__)


class SignInView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form: Any) -> HttpResponse:
        user = form.get_user()
        if totp_device_confirmed(user) is not None:
            signin.pending_start(self.request, user, self.get_success_url())
            return redirect("accounts:login_code")
        signin.complete_signin(self.request, user)
        response = redirect(self.get_success_url())
        return signin.with_language(response, user.language)


class SignInCodeView(FormView):
    """Second step: the code from the authenticator app."""

    template_name = "accounts/login_code.html"
    form_class = CodeForm

    def dispatch(
        self, request: HttpRequest, *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        found = signin.pending_get(request)
        if found is None:
            messages.warning(
                request, _("Your sign-in has expired. Please start again.")
            )
            return redirect("accounts:login")
        self.pending_user, self.pending = found
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: CodeForm) -> HttpResponse:
        user = self.pending_user
        device = totp_device_verify(user=user, token=form.cleaned_data["token"])
        if device is None:
            if signin.pending_failed(self.request):
                messages.error(
                    self.request, _("Too many wrong codes. Please sign in again.")
                )
                return redirect("accounts:login")
            form.add_error("token", _("This code is not valid. Try the current one."))
            return self.form_invalid(form)
        next_url = self.pending["next"]
        signin.complete_signin(self.request, user, device)
        return signin.with_language(redirect(next_url), user.language)


class SignOutView(auth_views.LogoutView):
    """POST only (Django's default); returns to the home page."""

    next_page = "web:home"


class PasswordResetView(auth_views.PasswordResetView):
    """At most ``SUDSUD_PASSWORD_RESET_LIMIT`` requests an hour per address of
    origin and per e-mail address. Beyond, the page is the same ("if an account
    uses this address…") so it reveals nothing, but no e-mail is sent."""

    success_url = reverse_lazy("accounts:password_reset_done")
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form: Any) -> HttpResponse:
        limit = settings.SUDSUD_PASSWORD_RESET_LIMIT
        email = form.cleaned_data["email"].strip().lower()
        address = client_address(self.request)
        by_address = throttle_hit("password-reset-address", address, limit=limit)
        by_email = throttle_hit("password-reset-email", email, limit=limit)
        if by_address and by_email:
            return super().form_valid(form)
        log.warning("Password reset throttled (address %s).", address)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    success_url = reverse_lazy("accounts:password_reset_complete")

    @transaction.atomic
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user_password_changed(actor=form.user, user=form.user, via="reset")
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    success_url = reverse_lazy("accounts:password_change_done")

    @transaction.atomic
    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        user_password_changed(actor=self.request.user, user=form.user, via="change")
        return response
