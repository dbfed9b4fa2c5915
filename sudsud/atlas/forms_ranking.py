"""Choices of the destination ranking, read from the query string by the page and
the API alike. Every field is optional: missing values take their default; wrong
values are reported next to their field (the API answers 400)."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Edition
from .selectors.ranking import CRITERIA, DEFAULT_MIN_SIZE, DEFAULT_WEIGHTS


def _year(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=1900, max_value=2100
    )


def _weight(label: Any) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=100)


class RankingForm(forms.Form):
    edition = forms.ModelChoiceField(
        label=_("Edition"), queryset=Edition.objects.none(), required=False
    )
    year_from = _year(_("Growth from year"))
    year = _year(_("Year"))
    national = forms.ModelChoiceField(
        label=_("National source"), queryset=Edition.objects.none(), required=False
    )
    size = _weight(_("Weight of size"))
    growth = _weight(_("Weight of growth"))
    women = _weight(_("Weight of the share of women"))
    national_weight = _weight(_("Weight of the national source"))
    min_size = forms.IntegerField(
        label=_("Minimum number of people"), required=False, min_value=0
    )

    def __init__(self, *args: Any, editions: Any, nationals: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = editions  # type: ignore[attr-defined]
        self.fields["edition"].empty_label = None  # type: ignore[attr-defined]
        self.fields["national"].queryset = nationals  # type: ignore[attr-defined]
        self.fields["national"].empty_label = _("(latest)")  # type: ignore[attr-defined]
        for criterion in CRITERIA:
            key = "national_weight" if criterion == "national" else criterion
            self.fields[key].initial = DEFAULT_WEIGHTS[criterion]
        self.fields["min_size"].initial = DEFAULT_MIN_SIZE

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("year_from"), data.get("year")
        if start is not None and end is not None and start >= end:
            self.add_error("year_from", _("The growth year must come before the year."))
        if not self.errors and not any(self._weights().values()):
            raise ValidationError(_("Give at least one criterion a weight above 0."))
        return data

    def chosen_weights(self) -> dict[str, int]:
        """The weights chosen, each defaulting to its initial value (all of them
        when every weight is 0)."""
        found = self._weights()
        return found if any(found.values()) else dict(DEFAULT_WEIGHTS)

    def _weights(self) -> dict[str, int]:
        data = getattr(self, "cleaned_data", {})
        found = {}
        for criterion in CRITERIA:
            key = "national_weight" if criterion == "national" else criterion
            value = data.get(key)
            found[criterion] = DEFAULT_WEIGHTS[criterion] if value is None else value
        return found

    def chosen_min_size(self) -> int:
        value = getattr(self, "cleaned_data", {}).get("min_size")
        return DEFAULT_MIN_SIZE if value is None else value
