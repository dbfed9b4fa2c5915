"""Forms of the action-plan and activity pages: parsing and field validation
only; the services in ``services.activities`` decide and write."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from sudsud.organisations.models import Organisation
from sudsud.places.selectors import country_list

from .forms import DATE_WIDGET, ServiceForm
from .models import (
    ActionPlan,
    Activity,
    ActivityStatus,
    ActivityType,
    BudgetLine,
    Deliverable,
    Domain,
    Memorandum,
    PartnerRole,
    Programme,
)
from .selectors.activities import ActivityFilters, Schedule, schedule_definition

COUNTRY_ROWS = 4
TEXT_AREAS = (
    "description_fr", "description_en", "benefit_origin", "benefit_host",
    "benefit_migrants",
)  # fmt: skip


def _set_queryset(form: forms.BaseForm, name: str, queryset: Any) -> None:
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


class PlanForm(ServiceForm):
    countries = forms.ModelMultipleChoiceField(
        label=_("Countries"),
        queryset=country_list(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Empty: the two countries of its memorandum."),
    )

    class Meta:
        model = ActionPlan
        fields = [
            "code", "title_fr", "title_en", "description_fr", "description_en",
            "memorandum", "start_date", "end_date",
        ]  # fmt: skip
        widgets = {"start_date": DATE_WIDGET, "end_date": DATE_WIDGET}

    def __init__(
        self, *args: Any, programme: Programme, countries: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(
            self, "memorandum", Memorandum.objects.filter(programme=programme)
        )
        _set_queryset(self, "countries", countries)
        if self.instance.pk:
            self.initial.setdefault("countries", list(self.instance.countries.all()))

    def service_fields(self) -> dict[str, Any]:
        fields = super().service_fields()
        fields["countries"] = list(self.cleaned_data["countries"])
        return fields


class ActivityForm(ServiceForm):
    """The activity's fields, then up to four rows of country and share (%)."""

    # Holds the errors about the countries as a whole (shown above the rows).
    countries = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Activity
        fields = [
            "plan", "code", "title_fr", "title_en", "description_fr",
            "description_en", "activity_type", "status", "domains", "implementers",
            "planned_start", "planned_end", "actual_start", "actual_end",
            "benefit_origin", "benefit_host", "benefit_migrants", "is_restricted",
        ]  # fmt: skip
        widgets = {
            "planned_start": DATE_WIDGET, "planned_end": DATE_WIDGET,
            "actual_start": DATE_WIDGET, "actual_end": DATE_WIDGET,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in TEXT_AREAS},
            "domains": forms.CheckboxSelectMultiple,
            "implementers": forms.CheckboxSelectMultiple,
        }  # fmt: skip

    def __init__(
        self, *args: Any, programme: Programme, implementers: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "plan", ActionPlan.objects.filter(programme=programme))
        _set_queryset(self, "domains", Domain.objects.filter(programme=programme))
        _set_queryset(self, "implementers", implementers)
        shares = list(self.instance.country_shares.all()) if self.instance.pk else []
        for row in range(1, COUNTRY_ROWS + 1):
            self.fields[f"country_{row}"] = forms.ModelChoiceField(
                label=_("Country %(row)d") % {"row": row},
                queryset=country_list(),
                required=False,
                to_field_name="iso3",
            )
            self.fields[f"share_{row}"] = forms.DecimalField(
                label=_("Share of country %(row)d (%%)") % {"row": row},
                required=False,
                min_value=0,
                max_value=100,
                decimal_places=2,
            )
            if row <= len(shares):
                self.initial[f"country_{row}"] = shares[row - 1].country.iso3
                self.initial[f"share_{row}"] = f"{shares[row - 1].share.normalize():f}"

    def country_rows(self) -> list[tuple[Any, Any]]:
        return [
            (self[f"country_{row}"], self[f"share_{row}"])
            for row in range(1, COUNTRY_ROWS + 1)
        ]

    def main_fields(self) -> list[Any]:
        hidden = {"countries"} | {
            f"{kind}_{row}"
            for kind in ("country", "share")
            for row in range(1, COUNTRY_ROWS + 1)
        }
        return [self[name] for name in self.fields if name not in hidden]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for row in range(1, COUNTRY_ROWS + 1):
            country, share = data.get(f"country_{row}"), data.get(f"share_{row}")
            if country is not None and share is None:
                self.add_error(f"share_{row}", _("Give this country's share."))
            if country is None and share is not None:
                self.add_error(f"country_{row}", _("Choose the country of this share."))
        return data

    def service_fields(self) -> dict[str, Any]:
        fields = super().service_fields()
        fields.pop("countries", None)
        fields["domains"] = list(self.cleaned_data["domains"])
        fields["implementers"] = list(self.cleaned_data["implementers"])
        fields["countries"] = [
            (self.cleaned_data[f"country_{row}"], self.cleaned_data[f"share_{row}"])
            for row in range(1, COUNTRY_ROWS + 1)
            if self.cleaned_data.get(f"country_{row}") is not None
        ]
        return fields


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=PartnerRole.choices)
    country = forms.ModelChoiceField(
        label=_("For country"),
        queryset=country_list().none(),
        required=False,
        help_text=_("Required for a lead ministry: the country it signs off for."),
    )

    def __init__(
        self, *args: Any, organisations: Any, countries: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "organisation", organisations)
        _set_queryset(self, "country", countries)


class BudgetLineForm(ServiceForm):
    class Meta:
        model = BudgetLine
        fields = ["funder", "implementer", "year", "planned", "committed", "spent"]

    def __init__(
        self, *args: Any, funders: Any, implementers: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        _set_queryset(self, "funder", funders)
        _set_queryset(self, "implementer", implementers)


class DeliverableForm(ServiceForm):
    link = forms.URLField(label=_("link"), required=False, assume_scheme="https")
    document = forms.FileField(
        label=_("Document"),
        required=False,
        widget=forms.FileInput,
        help_text=_("PDF, office document or picture."),
    )
    remove_document = forms.BooleanField(
        label=_("Remove the current document"), required=False
    )

    class Meta:
        model = Deliverable
        fields = ["title", "description", "due_date", "delivered_on", "link"]
        widgets = {"due_date": DATE_WIDGET, "delivered_on": DATE_WIDGET}

    def service_fields(self) -> dict[str, Any]:
        fields = super().service_fields()
        fields["document"] = self.cleaned_data.get("document") or None
        fields["remove_document"] = self.cleaned_data["remove_document"]
        return fields


class ActivityFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    plan = forms.ModelChoiceField(
        label=_("Action plan"), required=False, queryset=ActionPlan.objects.none()
    )
    country = forms.ModelChoiceField(
        label=_("Country"),
        required=False,
        queryset=country_list(),
        to_field_name="iso3",
    )
    domain = forms.ModelChoiceField(
        label=_("Domain"), required=False, queryset=Domain.objects.all()
    )
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All")), *ActivityType.choices]
    )
    status = forms.TypedChoiceField(
        label=_("Status"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("All")), *ActivityStatus.choices],
    )
    implementer = forms.ModelChoiceField(
        label=_("Implementer"), required=False, queryset=Organisation.objects.none()
    )
    lead_ministry = forms.ModelChoiceField(
        label=_("Lead ministry"), required=False, queryset=Organisation.objects.none()
    )
    period_from = forms.DateField(
        label=_("Period from"), required=False, widget=DATE_WIDGET
    )
    period_to = forms.DateField(
        label=_("Period to"), required=False, widget=DATE_WIDGET
    )
    schedule = forms.ChoiceField(
        label=_("Schedule"), required=False, choices=[("", _("All")), *Schedule.choices]
    )

    def __init__(
        self, *args: Any, plans: Any, implementers: Any, ministries: Any, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget.input_type = "search"
        _set_queryset(self, "plan", plans)
        _set_queryset(self, "implementer", implementers)
        _set_queryset(self, "lead_ministry", ministries)
        for name in ("plan", "country", "domain", "implementer", "lead_ministry"):
            cast(forms.ModelChoiceField, self.fields[name]).empty_label = _("All")
        self.fields["schedule"].help_text = schedule_definition()

    def filters(self) -> ActivityFilters:
        """The selector's filters; invalid values are ignored, so a stale link
        still shows a list."""
        data = self.cleaned_data if self.is_valid() else {}
        return ActivityFilters(
            q=data.get("q") or "", plan=data.get("plan"), country=data.get("country"),
            domain=data.get("domain"), activity_type=data.get("type") or "",
            status=data.get("status"), implementer=data.get("implementer"),
            lead_ministry=data.get("lead_ministry"),
            period_from=data.get("period_from"), period_to=data.get("period_to"),
            schedule=data.get("schedule") or self._older_late(),
        )  # fmt: skip

    def _older_late(self) -> str:
        """Links saved before "Schedule" existed said ``late=on``."""
        return Schedule.LATE if self.data.get("late") in ("on", "true", "1") else ""


class PlanImportForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet (XLSX)"),
        widget=forms.FileInput(attrs={"accept": ".xlsx"}),
        help_text=_("Use the platform's template: sheets “activities” and “budget”."),
    )
