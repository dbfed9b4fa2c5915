"""Numbers in the reader's language, fast enough for tables of hundreds of rows.

Django's ``number_format`` looks the language's separators up again for every
number; a profile page formats about a thousand (its map labels, its table), which
took a good part of its time. :func:`grouped` reads them once per language.
"""

from functools import lru_cache

from django.utils.formats import get_format, number_format
from django.utils.translation import get_language


@lru_cache(maxsize=32)
def _separators(language: str | None) -> tuple[str, str] | None:
    """(thousands, decimal) when the language groups by three, else None."""
    if get_format("NUMBER_GROUPING", language) != 3:
        return None
    return (
        str(get_format("THOUSAND_SEPARATOR", language)),
        str(get_format("DECIMAL_SEPARATOR", language)),
    )


def grouped(value: float, decimal_pos: int = 0) -> str:
    """``number_format(value, decimal_pos=…, force_grouping=True)``, the same text."""
    separators = _separators(get_language())
    if separators is None:  # another grouping (Indian, none): Django's own rules
        return number_format(value, decimal_pos=decimal_pos, force_grouping=True)
    thousands, decimal = separators
    # Django's digits: floats as "{:f}" writes them, decimals cut, not rounded.
    text = f"{value:f}" if isinstance(value, float) else str(int(value))
    sign, text = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _dot, fraction = text.partition(".")
    whole = f"{int(whole):,}".replace(",", thousands)
    if decimal_pos <= 0:
        return f"{sign}{whole}"
    return f"{sign}{whole}{decimal}{fraction.ljust(decimal_pos, '0')[:decimal_pos]}"
