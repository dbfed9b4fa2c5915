"""HTML forms: parsing and field validation only; services do the writing."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Grouping, GroupingKind, PlaceKind
from .selectors import country_list


class PlaceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        help_text=_("Name in French, English or Arabic, ISO or M49 code"),
        widget=forms.SearchInput,
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *PlaceKind.choices],
    )
    grouping = forms.ModelChoiceField(
        label=_("Member of"),
        required=False,
        queryset=Grouping.objects.order_by("kind", "name_fr"),
        to_field_name="slug",
        empty_label=_("Any grouping"),
    )


class PlaceForm(forms.Form):
    name_fr = forms.CharField(label=_("Name (French)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_ar = forms.CharField(label=_("Name (Arabic)"), max_length=200, required=False)
    is_active = forms.BooleanField(
        label=_("In use"),
        required=False,
        help_text=_("Places not in use are left out of choice lists."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_ar"].widget.attrs.update(dir="rtl", lang="ar")


class GroupingForm(forms.Form):
    slug = forms.SlugField(
        label=_("Code"),
        max_length=50,
        help_text=_("Short identifier used in addresses and the API, e.g. ecowas."),
    )
    name_fr = forms.CharField(label=_("Name (French)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200)
    name_ar = forms.CharField(label=_("Name (Arabic)"), max_length=200, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupingKind.choices)
    m49_code = forms.IntegerField(
        label=_("M49 region code"), required=False, min_value=1
    )
    source = forms.CharField(label=_("Source"), max_length=300, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name_ar"].widget.attrs.update(dir="rtl", lang="ar")


class MembershipForm(forms.Form):
    start_date = forms.DateField(
        label=_("Member since"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty if the source does not say."),
    )
    end_date = forms.DateField(
        label=_("Member until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty while the membership lasts."),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class MembershipAddForm(MembershipForm):
    # Querysets are lazy and copied for each form, so the list is always current.
    place = forms.ModelChoiceField(label=_("Country or area"), queryset=country_list())

    field_order = ["place", "start_date", "end_date", "note"]


class OnDateForm(forms.Form):
    on = forms.DateField(
        label=_("Members on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty to see every membership, past and present."),
    )
