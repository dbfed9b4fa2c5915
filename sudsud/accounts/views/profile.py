"""The signed-in person's own page: details, language, API token, two-factor."""

import base64
import io
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.i18n import set_language

from sudsud.accounts import signin
from sudsud.accounts.forms import CodeForm, LanguageForm, ProfileForm
from sudsud.accounts.models import User
from sudsud.accounts.selectors import (
    api_token_for,
    totp_device_confirmed,
    totp_device_pending,
)
from sudsud.accounts.services import (
    api_token_create,
    api_token_revoke,
    totp_device_confirm,
    totp_device_remove,
    totp_device_start,
    user_set_language,
    user_update,
)

from ._common import add_errors, me


class ProfileView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, **forms: Any) -> HttpResponse:
        user = me(request)
        context = {
            "profile_form": ProfileForm(instance=user),
            "language_form": LanguageForm(initial={"language": user.language}),
            "two_factor_on": totp_device_confirmed(user) is not None,
            "token": api_token_for(user),
            **forms,
        }
        return render(request, "accounts/profile.html", context)

    def post(self, request: HttpRequest) -> HttpResponse:
        # A separate copy: validating the form must not change the signed-in user
        # before the service takes its "before" snapshot for the audit trail.
        form = ProfileForm(request.POST, instance=User.objects.get(pk=me(request).pk))
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in ProfileForm.Meta.fields}
            try:
                user_update(actor=me(request), user=me(request), changes=fields)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Your details have been saved."))
                return redirect("accounts:profile")
        return self.get(request, profile_form=form)


class LanguageUpdateView(LoginRequiredMixin, View):
    def post(self, request: HttpRequest) -> HttpResponse:
        form = LanguageForm(request.POST)
        if not form.is_valid():
            return ProfileView().get(request, language_form=form)
        language = form.cleaned_data["language"]
        user_set_language(actor=me(request), user=me(request), language=language)
        return signin.with_language(redirect("accounts:profile"), language)


class SetLanguageView(View):
    """The header's language buttons (fields ``language`` and ``next``, as for
    Django's ``set_language``, which sets the cookie and checks that ``next`` stays
    on this site); a signed-in person's preferred language is saved too, so the
    next sign-in keeps it."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        response = set_language(request)
        language = request.POST.get("language", "")
        if language not in dict(settings.LANGUAGES):
            # Django accepts any language it has a catalogue for; we offer three.
            response.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
            return response
        if request.user.is_authenticated and me(request).language != language:
            user_set_language(actor=me(request), user=me(request), language=language)
        return response


class TokenCreateView(LoginRequiredMixin, View):
    """Shows the new key once, in the response to the POST that made it."""

    def post(self, request: HttpRequest) -> HttpResponse:
        token = api_token_create(actor=me(request), user=me(request))
        response = render(request, "accounts/token_created.html", {"key": token.key})
        response["Cache-Control"] = "no-store"
        return response


class TokenRevokeView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "accounts/token_confirm_revoke.html")

    def post(self, request: HttpRequest) -> HttpResponse:
        if api_token_revoke(actor=me(request), user=me(request)):
            messages.success(request, _("Your API token has been revoked."))
        return redirect("accounts:profile")


def qr_code_data_uri(text: str) -> str:
    """An SVG QR code as a ``data:`` URI (the CSP allows data: images)."""
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=5, border=2)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


class TwoFactorSetupView(LoginRequiredMixin, View):
    """POST without a code starts; GET shows the QR code; POST with a code confirms."""

    def get(self, request: HttpRequest, form: CodeForm | None = None) -> HttpResponse:
        device = totp_device_pending(me(request))
        if device is None:
            return redirect("accounts:profile")
        context = {
            "qr_code": qr_code_data_uri(device.config_url),
            "secret": base64.b32encode(device.bin_key).decode(),
            "form": form or CodeForm(),
        }
        return render(request, "accounts/two_factor_setup.html", context)

    def post(self, request: HttpRequest) -> HttpResponse:
        device = totp_device_pending(me(request))
        if "token" not in request.POST or device is None:
            try:
                totp_device_start(actor=me(request), user=me(request))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("accounts:profile")
            return redirect("accounts:two_factor_setup")
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                totp_device_confirm(
                    actor=me(request), device=device, token=form.cleaned_data["token"]
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Two-factor authentication is on."))
                return redirect("accounts:profile")
        return self.get(request, form)


class TwoFactorDisableView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, form: CodeForm | None = None) -> HttpResponse:
        return render(
            request, "accounts/two_factor_disable.html", {"form": form or CodeForm()}
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                totp_device_remove(
                    actor=me(request),
                    user=me(request),
                    token=form.cleaned_data["token"],
                )
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Two-factor authentication is off."))
                return redirect("accounts:profile")
        return self.get(request, form)
