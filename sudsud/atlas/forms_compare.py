"""Choices of the destination, comparison and edition-comparison views, read from the
query string by the pages and the API alike. Every field is optional: what is
missing or wrong falls back to the default (the page also reports it next to its
field; the API answers 400)."""

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sudsud.places.models import Place, PlaceKind

from .models import Edition


def _year(label: Any) -> forms.IntegerField:
    return forms.IntegerField(
        label=label, required=False, min_value=1900, max_value=2100
    )


MAX_ORIGINS = 8


def _editions() -> Any:
    return Edition.objects.select_related("source").order_by("-published_year", "pk")


class EditionYearForm(forms.Form):
    """The destination view: one edition, one year."""

    edition = forms.ModelChoiceField(
        label=_("Edition"), queryset=Edition.objects.none(), required=False
    )
    year = _year(_("Year"))

    def __init__(self, *args: Any, editions: Any = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        field = self.fields["edition"]
        field.queryset = _editions() if editions is None else editions  # type: ignore[attr-defined]
        field.empty_label = None  # type: ignore[attr-defined]


class CompareForm(EditionYearForm):
    """The side-by-side comparison: origins (ISO alpha-3, comma-separated), one
    edition and two years."""

    origins = forms.CharField(
        label=_("Countries of origin (ISO codes)"), required=False
    )

    field_order = ["origins", "edition", "year_from", "year"]

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["year_from"] = _year(_("From year"))
        self.fields["year"].label = _("To year")
        self.order_fields(self.field_order)

    def clean_origins(self) -> list[Place]:
        codes = [c.upper() for c in re.split(r"[\s,;]+", self.cleaned_data["origins"])]
        codes = list(dict.fromkeys(c for c in codes if c))
        if len(codes) > MAX_ORIGINS:
            raise ValidationError(
                _("Compare at most %(count)d countries.") % {"count": MAX_ORIGINS}
            )
        found = {
            p.iso3: p
            for p in Place.objects.filter(kind=PlaceKind.COUNTRY, iso3__in=codes)
        }
        unknown = [c for c in codes if c not in found]
        if unknown:
            raise ValidationError(
                _("Unknown country code: %(codes)s.") % {"codes": ", ".join(unknown)}
            )
        return [found[c] for c in codes]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("year_from"), data.get("year")
        if start is not None and end is not None and start >= end:
            self.add_error("year", _("The second year must come after the first."))
        return data


class EditionPairForm(forms.Form):
    """The edition comparison: one year, two editions."""

    year = _year(_("Year"))
    a = forms.ModelChoiceField(
        label=_("Earlier edition"), queryset=Edition.objects.none(), required=False
    )
    b = forms.ModelChoiceField(
        label=_("Later edition"), queryset=Edition.objects.none(), required=False
    )

    def __init__(self, *args: Any, editions: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for key in ("a", "b"):
            self.fields[key].queryset = editions  # type: ignore[attr-defined]
            self.fields[key].empty_label = _("(default)")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        a, b = data.get("a"), data.get("b")
        if a is not None and a == b:
            self.add_error("b", _("Choose two different editions."))
        return data
