"""Forms of the ``data`` part: the export filters and the dimension editors."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sudsud.places.models import Place

from .models import ActionPlan, Activity, Dimension, DimensionValue
from .selectors.data import DataFilters
from .services.dimensions_admin import DimensionData


class ExportFilterForm(forms.Form):
    plan = forms.ModelChoiceField(
        label=_("Action plan"), queryset=ActionPlan.objects.none(), required=False
    )
    activity = forms.ModelChoiceField(
        label=_("Activity"), queryset=Activity.objects.none(), required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Place.objects.none(), required=False
    )
    period_from = forms.DateField(
        label=_("Periods from"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    period_to = forms.DateField(
        label=_("Periods to"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(
        self,
        *args: Any,
        plans: QuerySet[ActionPlan],
        activities: QuerySet[Activity],
        countries: QuerySet[Place],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = plans  # type: ignore[attr-defined]
        self.fields["activity"].queryset = activities  # type: ignore[attr-defined]
        self.fields["country"].queryset = countries  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("period_from"), cleaned.get("period_to")
        if start and end and end < start:
            self.add_error("period_to", _("The end of the range is before its start."))
        return cleaned

    def filters(self) -> DataFilters:
        """The filters of a valid form (none when the form is not bound)."""
        if not self.is_bound:
            return DataFilters()
        data = self.cleaned_data
        return DataFilters(
            plan=data.get("plan"),
            activity=data.get("activity"),
            country=data.get("country"),
            period_from=data.get("period_from"),
            period_to=data.get("period_to"),
        )


class DimensionForm(forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ["code", "name_fr", "name_en", "name_ar", "order"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.is_system:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("A built-in dimension keeps its code.")

    def data_for_service(self) -> DimensionData:
        data = self.cleaned_data
        return DimensionData(
            code=data["code"],
            name_fr=data["name_fr"],
            name_en=data["name_en"],
            name_ar=data.get("name_ar") or "",
            order=data.get("order") or 0,
        )

    def validate_unique(self) -> None:
        """The service checks uniqueness (and reports it next to the code)."""


class DimensionValueForm(DimensionForm):
    class Meta:
        model = DimensionValue
        fields = ["code", "name_fr", "name_en", "name_ar", "order"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super(DimensionForm, self).__init__(*args, **kwargs)
        if self.instance.pk and self.instance.dimension.is_system:
            self.fields["code"].disabled = True
            self.fields["code"].help_text = _("A built-in value keeps its code.")
