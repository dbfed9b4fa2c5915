"""``services/results_values.py``: amounts are bounded to what the columns hold
(12 digits before the point, 4 after, rounded half-to-even) before anything is
saved, so no page ever reads a number it cannot handle."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sudsud.accounts.models import Role
from sudsud.programmes.services import reporting
from sudsud.programmes.services import results as services
from sudsud.programmes.services.results_values import amount_parse, breakdowns_clean

from .factories_results import bilateral_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(countries):
    return bilateral_period(countries, target_value=Decimal(100))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("999999999999.9999", Decimal("999999999999.9999")),
        ("1,5", Decimal("1.5000")),
        ("1.23456", Decimal("1.2346")),
        ("0.00005", Decimal("0.0000")),  # half-to-even
        ("0.00015", Decimal("0.0002")),
        (0, Decimal("0.0000")),
    ],
)
def test_amount_parse_keeps_four_places_rounding_half_even(raw, expected):
    assert amount_parse(raw) == (expected, "")


@pytest.mark.parametrize(
    "raw", ["1e30", "1000000000000", "-1", "NaN", "Infinity", "beaucoup"]
)
def test_amount_parse_refuses_what_the_columns_cannot_hold(raw, english):
    amount, problem = amount_parse(raw)

    assert amount is None
    assert problem


def test_breakdowns_clean_refuses_oversized_cells_with_a_message(period, english):
    with pytest.raises(ValidationError) as error:
        breakdowns_clean(period.indicator, {"country=SEN;sex=female": "1e30"})

    assert "at most 12 digits" in error.value.message_dict["breakdowns"][0]


def test_indicator_update_save_refuses_oversized_values_and_saves_nothing(
    make_user, period, countries, english
):
    staff = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])

    for fields in (
        {"value": Decimal("1e30")},
        {"breakdowns": {"country=SEN;sex=female": "1e30"}},
    ):
        with pytest.raises(ValidationError):
            reporting.indicator_update_save(
                actor=staff, period=period, country=countries["SEN"], **fields
            )

    assert not period.updates.exists()


def test_oversized_breakdown_leaves_the_pages_readable(
    client, make_user, period, countries
):
    staff = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])
    client.force_login(staff)
    url = reverse("programmes:update_edit", args=[period.pk])

    with pytest.raises(ValidationError):
        reporting.indicator_update_save(
            actor=staff,
            period=period,
            country=countries["SEN"],
            breakdowns={"country=SEN;sex=male": "1e30"},
        )

    assert client.get(f"{url}?country={countries['SEN'].pk}").status_code == 200
    assert client.get(period.indicator.get_absolute_url()).status_code == 200


def test_indicator_period_save_refuses_an_oversized_target(admin_user, period, english):
    with pytest.raises(ValidationError) as error:
        services.indicator_period_save(
            actor=admin_user,
            indicator=period.indicator,
            period=period,
            target_value=Decimal("1e13"),
        )

    assert "target_value" in error.value.message_dict
    period.refresh_from_db()
    assert period.target_value == Decimal(100)


def test_indicator_period_save_rounds_targets_to_four_places(admin_user, period):
    saved = services.indicator_period_save(
        actor=admin_user,
        indicator=period.indicator,
        period=period,
        target_value=Decimal("10.123456"),
        target_breakdowns={"country=SEN;sex=female": "2.00005"},
    )

    saved.refresh_from_db()
    assert saved.target_value == Decimal("10.1235")
    assert saved.target_breakdowns.get().value == Decimal("2.0000")
