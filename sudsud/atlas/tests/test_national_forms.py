"""The country lists of the national import forms."""

import pytest
from django.utils import translation

from sudsud.atlas.forms_national import UnmatchedForm
from sudsud.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def _labels(form):
    return [label for _value, label in form.fields["place_0"].choices][1:]


def test_unmatched_countries_are_sorted_by_name_in_the_page_language(countries):
    PlaceFactory(code=818, iso2="EG", iso3="EGY", name_fr="Égypte", name_en="Egypt")
    unmatched = [{"value": "Misr", "line": 2}]
    with translation.override("fr"):
        french = _labels(UnmatchedForm(unmatched=unmatched))
    with translation.override("en"):
        english = _labels(UnmatchedForm(unmatched=unmatched))
    assert french.index("Égypte") < french.index("France")  # not after "Sénégal"
    assert french == sorted(french, key=lambda name: name.replace("É", "E"))
    assert english.index("Egypt") < english.index("France") < english.index("Morocco")


def test_unmatched_form_gives_back_the_places_chosen(countries):
    unmatched = [{"value": "Franse", "line": 3}]
    form = UnmatchedForm({"place_0": str(countries["FRA"].pk)}, unmatched=unmatched)
    assert form.is_valid(), form.errors
    assert form.choices(unmatched) == [("Franse", countries["FRA"])]
    assert not UnmatchedForm({"place_0": "999999"}, unmatched=unmatched).is_valid()
