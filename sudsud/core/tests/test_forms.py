from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from sudsud.core.forms import AmountField


class AmountForm(forms.Form):
    value = AmountField(max_digits=16, decimal_places=4, localize=True)


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("60.0000", "60"), ("12.5000", "12,5"), ("100.0000", "100"), ("0.0000", "0")],
)
def test_amounts_come_back_without_the_stored_trailing_zeros(stored, shown):
    with translation.override("fr"):
        html = str(AmountForm(initial={"value": Decimal(stored)})["value"])
    assert f'value="{shown}"' in html


def test_amounts_are_still_read_as_decimals():
    form = AmountForm({"value": "60"})
    assert form.is_valid()
    assert form.cleaned_data["value"] == Decimal(60)
