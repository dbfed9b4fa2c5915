import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation
from django.utils.formats import number_format

from sudsud.core.numbers import grouped
from sudsud.core.templatetags.numbers import grouped as grouped_filter

VALUES = [
    0,
    7,
    999,
    1000,
    741357,
    3627829,
    1234567890,
    -2500,
    -1234.56,
    12.25,
    0.05,
    99.95,
]


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
@pytest.mark.parametrize("decimal_pos", [0, 1])
def test_grouped_writes_what_number_format_writes(language, decimal_pos):
    with translation.override(language):
        for value in VALUES:
            expected = number_format(
                value, decimal_pos=decimal_pos, force_grouping=True
            )
            assert grouped(value, decimal_pos) == expected, value


def test_grouped_separates_thousands_in_french():
    with translation.override("fr"):
        assert grouped(741357) == "741\N{NO-BREAK SPACE}357"
        assert grouped(12.25, 1) == "12,2"


@pytest.mark.parametrize("language", ["fr", "en", "ar"])
def test_grouped_filter_writes_what_floatformat_0g_writes(language):
    values = [None, "", 0, 741357, -2500, 12.5, 13.49, "3627829", "n/a"]
    with translation.override(language):
        for value in values:
            assert grouped_filter(value) == floatformat(value, "0g"), value
