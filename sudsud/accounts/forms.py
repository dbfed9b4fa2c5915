"""HTML forms of accounts: parsing and validation only; the services write."""

import re
from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from .models import LANGUAGE_CHOICES, Role, User
from .selectors import country_choices

CODE_PATTERN = re.compile(r"^\d{6}$")


class CodeForm(forms.Form):
    """A six-digit code from an authenticator app (spaces tolerated)."""

    token = forms.CharField(
        label=_("Six-digit code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "pattern": r"[0-9 ]*",
                "autofocus": True,
            }
        ),
        help_text=_("The code your authenticator app shows now."),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not CODE_PATTERN.match(token):
            raise forms.ValidationError(_("Enter the six digits your app shows."))
        return token


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["first_name", "last_name", "email"]


class LanguageForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Preferred language"),
        choices=LANGUAGE_CHOICES,
        help_text=_("The interface switches to it each time you sign in."),
    )


class ActiveFilter(forms.TypedChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            label=_("Status"),
            required=False,
            choices=[("", _("All")), ("yes", _("Active")), ("no", _("Deactivated"))],
            coerce=lambda value: {"yes": True, "no": False}.get(value),
            empty_value=None,
            **kwargs,
        )


class UserFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Name, user name or e-mail."),
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices]
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        required=False,
        queryset=country_choices(),
        empty_label=_("All countries"),
    )
    active = ActiveFilter()


class _UserAdminForm(forms.ModelForm):
    """The account fields an administrator fills in. The scope rule (a country
    or a programme-wide scope for the roles that work country by country) is the
    services' (``accounts.services.users``); the views put its error on
    ``countries``."""

    countries = forms.ModelMultipleChoiceField(
        label=_("Country scope"),
        required=False,
        queryset=country_choices(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Countries whose restricted records this person sees and edits."),
    )


class UserCreateForm(_UserAdminForm):
    password = forms.CharField(
        label=_("Initial password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Leave empty to e-mail the person a link to choose their own password "
            "(recommended)."
        ),
    )

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "language",
            "role",
            "programme_wide",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if not password and not cleaned.get("email"):
            self.add_error("email", _("Give an e-mail address or an initial password."))
        if password:
            try:
                person = User(
                    **{
                        name: cleaned.get(name, "")
                        for name in ("username", "first_name", "last_name", "email")
                    }
                )
                password_validation.validate_password(password, person)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class UserUpdateForm(_UserAdminForm):
    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "email",
            "language",
            "role",
            "programme_wide",
            "is_active",
        ]
