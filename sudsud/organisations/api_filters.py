"""Query parameters of the organisations API, validated before any query: a bad or
out-of-range value is a 400 that names the parameter, never a server error."""

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet

from sudsud.places.selectors import country_list

from . import selectors
from .models import Contact, Organisation, OrganisationKind

# Identifiers are 64-bit (BigAutoField): larger values would overflow the database.
MAX_ID = 2**63 - 1
ARCHIVED_PARAMS: dict[str, bool | None] = {
    "true": True, "1": True, "false": False, "0": False, "all": None,
}  # fmt: skip


class Iso3Field(forms.ModelChoiceField):
    """A country by its ISO 3166 alpha-3 code, in any case."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = value.strip().upper()
        return super().to_python(value)


class Iso3Filter(django_filters.ModelChoiceFilter):
    field_class = Iso3Field


class IdFilter(django_filters.Filter):
    """A positive database identifier."""

    field_class = forms.IntegerField


class OrganisationFilter(django_filters.FilterSet):
    """Validates the list's parameters and hands them to the selector's filter."""

    q = django_filters.CharFilter(max_length=200)
    kind = django_filters.ChoiceFilter(choices=OrganisationKind.choices)
    country = Iso3Filter(queryset=country_list(), to_field_name="iso3")
    scope_country = Iso3Filter(queryset=country_list(), to_field_name="iso3")
    archived = django_filters.ChoiceFilter(
        choices=[(value, value) for value in ARCHIVED_PARAMS]
    )

    class Meta:
        model = Organisation
        fields: list[str] = []

    def filter_queryset(
        self, queryset: QuerySet[Organisation]
    ) -> QuerySet[Organisation]:
        data = self.form.cleaned_data
        return selectors.organisation_filter(
            queryset,
            q=data.get("q") or "",
            kind=data.get("kind") or "",
            country=data.get("country"),
            scope_country=data.get("scope_country"),
            archived=ARCHIVED_PARAMS[data.get("archived") or "false"],
        )


class ContactFilter(django_filters.FilterSet):
    organisation = IdFilter(field_name="organisation_id", min_value=1, max_value=MAX_ID)

    class Meta:
        model = Contact
        fields: list[str] = []
