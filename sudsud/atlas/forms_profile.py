"""The origin profile's choices (edition, two years, a grouping, a sex), read from the query
string by the page and the API alike. Every field is optional: what is missing or
wrong falls back to the default, and wrong input is also reported next to its field."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sudsud.places.models import Grouping

from .models import Edition, Sex


class ProfileForm(forms.Form):
    edition = forms.ModelChoiceField(
        label=_("Edition"), queryset=Edition.objects.none(), required=False
    )
    grouping = forms.ModelChoiceField(
        label=_("Grouping"),
        queryset=Grouping.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("(none)"),
    )
    sex = forms.ChoiceField(
        label=_("Sex"), choices=Sex.choices, required=False, initial=Sex.BOTH
    )

    def __init__(self, *args: Any, editions: Any, groupings: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = editions  # type: ignore[attr-defined]
        self.fields["edition"].empty_label = None  # type: ignore[attr-defined]
        self.fields["grouping"].queryset = groupings  # type: ignore[attr-defined]
        # "from" and "to" are Python keywords, hence declared here.
        self.fields["from"] = forms.IntegerField(
            label=_("From year"), required=False, min_value=1900, max_value=2100
        )
        self.fields["to"] = forms.IntegerField(
            label=_("To year"), required=False, min_value=1900, max_value=2100
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("from"), data.get("to")
        if start is not None and end is not None and start >= end:
            self.add_error("to", _("The second year must come after the first."))
        return data
