"""Form fields shared by the apps."""

from decimal import Decimal
from typing import Any

from django import forms


class AmountField(forms.DecimalField):
    """A decimal amount shown without the stored trailing zeros: a value kept with
    four decimal places reads "60", not "60,0000", when the form comes back."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal) and value.is_finite():
            normal = value.normalize()
            # normalize() writes 100 as 1E+2: back to a plain integer then.
            value = (
                normal.quantize(Decimal(1))
                if normal == normal.to_integral()
                else normal
            )
        return super().prepare_value(value)
