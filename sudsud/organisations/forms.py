"""HTML forms: parsing and field validation only; services do the writing."""

from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from sudsud.places.selectors import country_list

from .models import Contact, Organisation, OrganisationKind

ARCHIVED_CHOICES = [
    ("", _("Active only")),
    ("archived", _("Archived only")),
    ("all", _("Active and archived")),
]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    kind = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("All types")), *OrganisationKind.choices],
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        required=False,
        queryset=country_list(),
        empty_label=_("All"),
    )
    scope_country = forms.ModelChoiceField(
        label=_("Responsible country"),
        required=False,
        queryset=country_list(),
        empty_label=_("All"),
    )
    archived = forms.ChoiceField(
        label=_("Status"), required=False, choices=ARCHIVED_CHOICES
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"

    def selector_filters(self) -> dict[str, Any]:
        """Keyword arguments for ``organisation_list_for_user``; invalid filters are
        ignored, so a stale link still shows a list."""
        data = self.cleaned_data if self.is_valid() else {}
        archived = {"archived": True, "all": None}.get(data.get("archived", ""), False)
        return {
            "q": data.get("q", ""),
            "kind": data.get("kind", ""),
            "country": data.get("country"),
            "scope_country": data.get("scope_country"),
            "archived": archived,
        }


class OrganisationForm(forms.ModelForm):
    website = forms.URLField(
        label=capfirst(Organisation._meta.get_field("website").verbose_name),
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Organisation
        fields = [
            "name", "name_ar", "acronym", "kind", "country", "scope_country", "city",
            "parent", "iati_identifier", "registration_number", "website", "email",
            "phone", "description", "is_restricted",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(
        self,
        *args: Any,
        scope_countries: Any,
        parents: Any,
        programme_wide: bool,
        parent_hidden: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["country"].queryset = country_list()  # type: ignore[attr-defined]
        self.fields["scope_country"].queryset = scope_countries  # type: ignore[attr-defined]
        self.fields["scope_country"].required = not programme_wide
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        if parent_hidden:
            del self.fields["parent"]  # kept unchanged by the service
        self.fields["name_ar"].widget.attrs.update({"dir": "rtl", "lang": "ar"})


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["full_name", "role", "email", "phone", "mandate_start", "mandate_end"]
        widgets = {
            "mandate_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "mandate_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("mandate_start"), data.get("mandate_end")
        if start and end and end < start:
            self.add_error(
                "mandate_end",
                _("The end of the mandate must be on or after its start."),
            )
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("Use the template: one organisation per row, header on line 1."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )
