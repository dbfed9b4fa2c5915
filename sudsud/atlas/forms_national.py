"""Forms of national sources: source, edition, upload, column mapping, places."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sudsud.atlas.models import ColumnMapping, Edition, Source
from sudsud.atlas.national.mapping import FIELD_LABELS, LAYOUTS, Mapping
from sudsud.atlas.services.national import SOURCE_FIELDS
from sudsud.core.text import normalise_for_search
from sudsud.places.selectors import country_list

SEX_COLUMN_LABELS = {
    "both": _("Count column: both sexes"),
    "male": _("Count column: men"),
    "female": _("Count column: women"),
}


class NationalSourceForm(forms.ModelForm):
    class Meta:
        model = Source
        fields = list(SOURCE_FIELDS)  # what the service writes, as the API takes


class EditionForm(forms.ModelForm):
    class Meta:
        model = Edition
        fields = ["code", "published_year", "notes"]
        help_texts = {"code": _("For example “Registre consulaire 2021”.")}


class NationalUploadForm(forms.Form):
    file = forms.FileField(
        label=_("File (CSV or XLSX)"),
        help_text=_("The first row must hold the column names."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


class MappingForm(forms.Form):
    layout = forms.ChoiceField(label=_("Kind of file"), choices=list(LAYOUTS.items()))
    published = forms.BooleanField(
        label=_("Figures already published by the source (keep cells under 5)"),
        required=False,
    )
    save_as = forms.CharField(
        label=_("Save this mapping as"), required=False, max_length=120
    )

    def __init__(self, *args: Any, header: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        columns = [("", _("(none)")), *[(name, name) for name in header if name]]
        for name, label in FIELD_LABELS.items():
            self.fields[f"col_{name}"] = forms.ChoiceField(
                label=label, choices=columns, required=False
            )
            self.fields[f"fixed_{name}"] = forms.CharField(
                label=_("or fixed value for “%(field)s”") % {"field": label},
                required=False,
                max_length=120,
            )
        for sex, label in SEX_COLUMN_LABELS.items():
            self.fields[f"sex_{sex}"] = forms.ChoiceField(
                label=label, choices=columns, required=False
            )

    def mapping(self) -> Mapping:
        data = self.cleaned_data
        pick = {name: data.get(f"col_{name}", "") for name in FIELD_LABELS}
        fixed = {name: data.get(f"fixed_{name}", "") for name in FIELD_LABELS}
        wide = {sex: data.get(f"sex_{sex}", "") for sex in SEX_COLUMN_LABELS}
        return Mapping(
            layout=data["layout"],
            columns={k: v for k, v in pick.items() if v},
            fixed={k: v.strip() for k, v in fixed.items() if v.strip()},
            sex_columns={k: v for k, v in wide.items() if v},
            published=data.get("published", False),
        )


def mapping_initial(mapping: Mapping) -> dict[str, Any]:
    """Initial values of :class:`MappingForm` for a saved mapping."""
    initial: dict[str, Any] = {
        "layout": mapping.layout,
        "published": mapping.published,
    }
    initial.update({f"col_{k}": v for k, v in mapping.columns.items()})
    initial.update({f"fixed_{k}": v for k, v in mapping.fixed.items()})
    initial.update({f"sex_{k}": v for k, v in mapping.sex_columns.items()})
    return initial


class SavedMappingForm(forms.Form):
    saved = forms.ModelChoiceField(
        label=_("Saved mapping"), queryset=ColumnMapping.objects.none()
    )

    def __init__(self, *args: Any, source: Source, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["saved"]
        if isinstance(field, forms.ModelChoiceField):
            field.queryset = ColumnMapping.objects.filter(source=source)


class UnmatchedForm(forms.Form):
    """One place to choose for each country value no place matched; countries
    listed by their name in the page's language, accents aside (Égypte under E)."""

    def __init__(self, *args: Any, unmatched: list[dict[str, Any]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.countries = {place.pk: place for place in country_list()}
        ordered = sorted(
            self.countries.values(), key=lambda place: normalise_for_search(place.name)
        )
        choices = [("", "—"), *((place.pk, place.name) for place in ordered)]
        for index, item in enumerate(unmatched):
            self.fields[f"place_{index}"] = forms.TypedChoiceField(
                label=_("“%(value)s” (line %(line)d)")
                % {"value": item["value"], "line": item["line"]},
                choices=choices,
                coerce=int,
            )

    def choices(self, unmatched: list[dict[str, Any]]) -> list[tuple[str, Any]]:
        return [
            (item["value"], self.countries[self.cleaned_data[f"place_{index}"]])
            for index, item in enumerate(unmatched)
        ]
