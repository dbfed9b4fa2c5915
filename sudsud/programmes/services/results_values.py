"""Numbers of the results framework: totals, targets and breakdown cells.

Every amount is checked the same way before it is saved, whoever sends it (page,
API, import): a finite number ≥ 0 with at most 12 digits before the decimal point
(the columns are ``max_digits=16, decimal_places=4``). More than 4 decimal places
are rounded half-to-even to 4 places; anything larger is refused with a message
rather than left to fail when a page reads it.
"""

from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sudsud.places.models import Place
from sudsud.programmes.models import (
    DimensionValue,
    Indicator,
    breakdown_key,
    parse_breakdown_key,
)

COUNTRY = "country"
WHOLE_DIGITS = 12
PLACES = Decimal("0.0001")


def amount_parse(raw: Any) -> tuple[Decimal | None, str]:
    """``raw`` as a Decimal with 4 places, or ``None`` and why it is refused."""
    try:
        amount = Decimal(str(raw).strip().replace(",", "."))
    except InvalidOperation:
        return None, _("Enter a number.")
    if not amount.is_finite():
        return None, _("Enter a number.")
    if amount < 0:
        return None, _("Enter a number that is not negative.")
    if amount.adjusted() >= WHOLE_DIGITS:
        return None, _(
            "Enter a number with at most %(digits)s digits before the decimal point."
        ) % {"digits": WHOLE_DIGITS}
    return amount.quantize(PLACES, rounding=ROUND_HALF_EVEN), ""


def amount_clean(field: str, raw: Any) -> Decimal | None:
    """An optional total (``None`` or empty stays ``None``) for ``field``; raises a
    ``ValidationError`` on ``field``."""
    if raw is None or str(raw).strip() == "":
        return None
    amount, problem = amount_parse(raw)
    if problem:
        raise ValidationError({field: problem})
    return amount


def _amount(key: str, raw: Any) -> tuple[Decimal | None, str]:
    amount, problem = amount_parse(raw)
    if problem:
        return None, _("The breakdown “%(key)s”: %(problem)s") % {
            "key": key,
            "problem": problem,
        }
    return amount, ""


def _cell_errors(
    cells: dict[str, str], known: set[tuple[str, str]], dimensions: set[str]
) -> list[str]:
    errors = []
    for dimension, value in sorted(cells.items()):
        if dimension not in dimensions:
            errors.append(
                _("The indicator is not broken down by “%(dimension)s”.")
                % {"dimension": dimension}
            )
        elif (dimension, value) not in known:
            errors.append(
                _("“%(value)s” is not a value of the dimension “%(dimension)s”.")
                % {"value": value, "dimension": dimension}
            )
    return errors


def _cell_problems(
    raw_key: str,
    cells: dict[str, str],
    known: set[tuple[str, str]],
    dimensions: set[str],
    country: Place | None,
) -> list[str]:
    problems = _cell_errors(cells, known, dimensions)
    if country is not None and cells.get(COUNTRY, country.iso3) != country.iso3:
        problems.append(
            _("The breakdown “%(key)s” is for another country.") % {"key": raw_key}
        )
    return problems


def _over_total(clean: Mapping[str, Decimal], total: Decimal) -> list[str]:
    """Breakdowns of one kind (the same dimensions: by sex, by sex and age…) that
    add up to more than the total: women 80 + men 70 cannot make 100."""
    sums: dict[tuple[str, ...], Decimal] = {}
    for key, amount in clean.items():
        dimensions = tuple(sorted(parse_breakdown_key(key)))
        sums[dimensions] = sums.get(dimensions, Decimal(0)) + amount
    return [
        _(
            "The breakdown by %(dimensions)s adds up to %(sum)s, more than the "
            "total %(total)s."
        )
        % {
            "dimensions": " × ".join(dimensions),
            "sum": _number(amount),
            "total": _number(total),
        }
        for dimensions, amount in sorted(sums.items())
        if amount > total
    ]


def breakdowns_clean(
    indicator: Indicator,
    values: Mapping[str, Any],
    *,
    country: Place | None = None,
    total: Decimal | None = None,
) -> dict[str, Decimal]:
    """Canonical keys → amounts ≥ 0; empty cells are left out. A ``country=`` part
    must be ``country``'s when one is given; with ``total``, the breakdowns of each
    kind may not add up to more. Raises a ``ValidationError`` on ``breakdowns``
    listing every problem."""
    dimensions = {d.code for d in indicator.dimensions.all()}
    known = set(
        DimensionValue.objects.filter(dimension__code__in=dimensions).values_list(
            "dimension__code", "code"
        )
    )
    clean: dict[str, Decimal] = {}
    errors: list[str] = []
    for raw_key, raw in values.items():
        if raw is None or str(raw).strip() == "":
            continue
        try:
            cells = parse_breakdown_key(raw_key)
        except ValueError:
            errors.append(_("“%(key)s” is not a valid breakdown.") % {"key": raw_key})
            continue
        problems = _cell_problems(raw_key, cells, known, dimensions, country)
        amount, problem = _amount(raw_key, raw)
        errors += problems + ([problem] if problem else [])
        if amount is not None and not problems and cells:
            clean[breakdown_key(cells)] = amount
    if not errors and total is not None:
        errors = _over_total(clean, total)
    if errors:
        raise ValidationError({"breakdowns": errors})
    return clean


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def breakdown_labels(keys: Any) -> dict[str, str]:
    """Readable labels of breakdown keys: ``country=SEN;sex=female`` → "Sénégal ·
    Femmes" (names in the active language; unknown codes are shown as they are)."""
    parsed = {key: parse_breakdown_key(key) for key in keys}
    pairs = {pair for cells in parsed.values() for pair in cells.items()}
    codes = {value for _dimension, value in pairs}
    names = {
        (value.dimension.code, value.code): value.name
        for value in DimensionValue.objects.filter(code__in=codes).select_related(
            "dimension"
        )
        if (value.dimension.code, value.code) in pairs
    }
    return {
        key: " · ".join(names.get(pair, pair[1]) for pair in sorted(cells.items()))
        for key, cells in parsed.items()
    }


def breakdown_summary(values: Mapping[str, Any] | None) -> str:
    """ "Breakdown changed: Sénégal · Femmes 5, Sénégal · Hommes 7" for an audit
    note (``None``: nothing to say; empty: the breakdown was cleared)."""
    if values is None:
        return ""
    if not values:
        return _("Breakdown cleared.")
    labels = breakdown_labels(values)
    cells = [
        f"{labels[key]} {_number(Decimal(str(value)))}"
        for key, value in sorted(values.items(), key=lambda item: labels[item[0]])
    ]
    return _("Breakdown changed: %(cells)s") % {"cells": ", ".join(cells)}
