"""Forms of the administrators' edit pages: parsing and field validation only; the
services decide and write."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sudsud.organisations.models import Organisation

from .models import Domain, Memorandum, PartnerCountry, Programme

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ServiceForm(forms.ModelForm):
    """A model form whose ``service_fields()`` are handed to a service, which
    saves; ``save()`` is never called."""

    def service_fields(self) -> dict[str, Any]:
        names = [name for name in self._meta.fields or () if name in self.fields]
        return {name: self.cleaned_data[name] for name in names}


class ProgrammeForm(ServiceForm):
    class Meta:
        model = Programme
        fields = [
            "name_fr",
            "name_en",
            "name_ar",
            "description_fr",
            "description_en",
            "description_ar",
            "start_date",
            "end_date",
            "iati_identifier",
        ]
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}


class DomainForm(ServiceForm):
    class Meta:
        model = Domain
        fields = [
            "name_fr",
            "name_en",
            "name_ar",
            "description_fr",
            "description_en",
            "description_ar",
            "order",
        ]


class PartnerCountryForm(ServiceForm):
    """``ministries``: the choices, only organisations the user may see. A lead
    ministry hidden from the user (``restricted_lead_ministry``) is not offered
    for change: the field is left out."""

    restricted_lead_ministry = False

    class Meta:
        model = PartnerCountry
        fields = ["lead_ministry", "notes"]

    def __init__(self, *args: Any, ministries: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.lead_ministry_id is not None and (
            getattr(instance, "visible_lead_ministry", None) is None
        ):
            self.restricted_lead_ministry = True
            del self.fields["lead_ministry"]
            return
        field = cast(forms.ModelChoiceField, self.fields["lead_ministry"])
        if ministries is not None:
            field.queryset = ministries
        field.empty_label = _("— to be completed —")
        field.help_text = _(
            "Ministries and agencies of this country in the organisation registry. "
            "Missing? Add it to the registry first."
        )


class MemorandumForm(ServiceForm):
    """``ministries``: the signatory choices, only organisations the user may see;
    signatories hidden from the user are neither shown nor removed (the service
    keeps them)."""

    signatory_ministries = forms.ModelMultipleChoiceField(
        label=_("Signatory ministries"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    document = forms.FileField(
        label=_("Signed document (PDF)"),
        required=False,
        # A plain file input: removal has its own labelled checkbox.
        widget=forms.FileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    remove_document = forms.BooleanField(
        label=_("Remove the current document"), required=False
    )

    class Meta:
        model = Memorandum
        fields = ["title_fr", "title_en", "title_ar", "signed_on", "notes"]
        widgets = {"signed_on": DATE_WIDGET}
        help_texts = {"signed_on": _("Leave empty until the signed copy is checked.")}

    def __init__(self, *args: Any, ministries: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if ministries is not None:
            signatories = self.fields["signatory_ministries"]
            cast(forms.ModelMultipleChoiceField, signatories).queryset = ministries
        if self.instance.pk:
            visible = getattr(self.instance, "visible_signatories", [])
            self.initial.setdefault("signatory_ministries", [org.pk for org in visible])

    def service_fields(self) -> dict[str, Any]:
        fields = super().service_fields()
        fields["signatory_ministries"] = self.cleaned_data["signatory_ministries"]
        fields["document"] = self.cleaned_data.get("document") or None
        fields["remove_document"] = self.cleaned_data["remove_document"]
        return fields
