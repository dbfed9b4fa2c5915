"""``services/results.py`` rules: what is locked once an actual is approved, which
indicators one may feed (``parent``), and the accent-insensitive search text."""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.programmes.models import (
    Aggregation,
    Dimension,
    IndicatorKind,
    Result,
    ResultLevel,
    UpdateStatus,
)
from sudsud.programmes.selectors.results import (
    indicator_parent_choices,
    result_list_for_user,
)
from sudsud.programmes.services import results as services

from .factories import (
    ActionPlanFactory,
    IndicatorFactory,
    IndicatorUpdateFactory,
    ResultFactory,
)
from .factories_results import bilateral_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(countries):
    return bilateral_period(countries, target_value=Decimal(100))


@pytest.fixture
def approved(period, countries):
    return IndicatorUpdateFactory(
        period=period, country=countries["SEN"], status=UpdateStatus.APPROVED
    )


@pytest.fixture
def coordinator(make_user, countries):
    return make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])


# --- Locks once an actual is approved ------------------------------------------


def test_period_dates_are_locked_once_an_actual_is_approved(
    period, approved, coordinator, english
):
    with pytest.raises(ValidationError, match="programme administrator") as error:
        services.indicator_period_save(
            actor=coordinator,
            indicator=period.indicator,
            period=period,
            end=dt.date(2025, 6, 30),
        )

    assert set(error.value.message_dict) == {"end"}
    period.refresh_from_db()
    assert period.end == dt.date(2025, 12, 31)


def test_period_dates_change_by_an_administrator_is_audited(
    period, approved, admin_user
):
    services.indicator_period_save(
        actor=admin_user,
        indicator=period.indicator,
        period=period,
        end=dt.date(2025, 6, 30),
    )

    entry = _last_entry(period)
    assert entry.changes["end"] == ["2025-12-31", "2025-06-30"]
    assert entry.note


def test_period_target_change_stays_allowed_and_is_noted(period, approved, coordinator):
    services.indicator_period_save(
        actor=coordinator,
        indicator=period.indicator,
        period=period,
        target_value=Decimal(120),
    )

    entry = _last_entry(period)
    assert entry.changes["target_value"] == ["100.0000", "120.0000"]
    assert entry.note


def test_period_dates_stay_free_without_an_approved_actual(period, coordinator):
    IndicatorUpdateFactory(
        period=period, country=period.indicator.result.activity.countries.first()
    )

    saved = services.indicator_period_save(
        actor=coordinator,
        indicator=period.indicator,
        period=period,
        end=dt.date(2025, 6, 30),
    )

    assert saved.end == dt.date(2025, 6, 30)


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": IndicatorKind.QUALITATIVE},
        {"aggregation": Aggregation.AVERAGE},
        {"measure": 2},
        {"dimensions": "sex-only"},
    ],
)
def test_indicator_definition_is_locked_once_an_actual_is_approved(
    fields, period, approved, coordinator, admin_user, english
):
    if fields.get("dimensions") == "sex-only":
        fields = {"dimensions": list(Dimension.objects.filter(code="sex"))}
    with pytest.raises(ValidationError, match="programme administrator"):
        services.indicator_update(
            actor=coordinator, indicator=period.indicator, **fields
        )

    changed = services.indicator_update(
        actor=admin_user, indicator=period.indicator, **fields
    )
    assert changed.pk == period.indicator.pk


def test_indicator_title_change_stays_allowed_after_approval(
    period, approved, coordinator
):
    changed = services.indicator_update(
        actor=coordinator, indicator=period.indicator, title_fr="Nouveau titre"
    )

    assert changed.title_fr == "Nouveau titre"


def _last_entry(period):
    from sudsud.programmes.selectors.results import indicator_history

    return indicator_history(period.indicator).first()


# --- Parents: only indicators one may change, of a higher level ------------------


@pytest.fixture
def senegal_plan_indicator(period, countries):
    programme = period.indicator.result.programme
    plan = ActionPlanFactory(programme=programme)
    plan.countries.set([countries["SEN"]])
    result = ResultFactory(programme=programme, plan=plan, level=ResultLevel.OUTCOME)
    return IndicatorFactory(result=result)


@pytest.fixture
def mali_indicator(period, countries):
    programme = period.indicator.result.programme
    plan = ActionPlanFactory(programme=programme)
    plan.countries.set([countries["MLI"]])
    result = ResultFactory(programme=programme, plan=plan, level=ResultLevel.OUTPUT)
    return IndicatorFactory(result=result)


def test_indicator_parent_must_be_of_a_result_the_actor_may_change(
    make_user, countries, senegal_plan_indicator, mali_indicator, english
):
    mali = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["MLI"]])

    with pytest.raises(ValidationError, match="results you may change"):
        services.indicator_update(
            actor=mali, indicator=mali_indicator, parent=senegal_plan_indicator
        )

    choices = indicator_parent_choices(user=mali, result=mali_indicator.result)
    assert senegal_plan_indicator not in choices


def test_indicator_parent_must_be_of_a_higher_level(
    coordinator, period, senegal_plan_indicator, english
):
    sibling = IndicatorFactory(result=period.indicator.result)  # an output too

    with pytest.raises(ValidationError, match="higher level"):
        services.indicator_update(
            actor=coordinator, indicator=period.indicator, parent=sibling
        )
    linked = services.indicator_update(
        actor=coordinator, indicator=period.indicator, parent=senegal_plan_indicator
    )

    assert linked.parent == senegal_plan_indicator
    choices = indicator_parent_choices(
        user=coordinator, result=period.indicator.result, exclude=period.indicator
    )
    assert list(choices) == [senegal_plan_indicator]


def test_indicator_form_offers_only_allowed_parents(
    client, make_user, countries, senegal_plan_indicator, mali_indicator
):
    mali = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["MLI"]])
    client.force_login(mali)

    response = client.get(
        reverse("programmes:indicator_update", args=[mali_indicator.pk])
    )

    offered = list(response.context["form"].fields["parent"].queryset)
    assert senegal_plan_indicator not in offered


def test_indicator_api_refuses_a_parent_the_user_may_not_change(
    make_user, countries, senegal_plan_indicator, mali_indicator
):
    api = APIClient()
    api.force_authenticate(
        make_user(Role.IMPLEMENTING_STAFF, countries=[countries["MLI"]])
    )

    response = api.patch(
        f"/api/v1/indicators/{mali_indicator.pk}/",
        {"parent": senegal_plan_indicator.pk},
        format="json",
    )

    assert response.status_code == 400
    assert "parent" in response.json()
    mali_indicator.refresh_from_db()
    assert mali_indicator.parent is None


def test_indicator_update_refuses_editors_of_other_results(
    make_user, countries, senegal_plan_indicator
):
    mali = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["MLI"]])

    with pytest.raises(PermissionDenied):
        services.indicator_update(
            actor=mali, indicator=senegal_plan_indicator, title_fr="x"
        )


# --- Accent-insensitive search ----------------------------------------------------


def test_result_search_ignores_accents_and_case(admin_user, period):
    programme = period.indicator.result.programme
    found = services.result_create(
        actor=admin_user,
        programme=programme,
        level=ResultLevel.OUTCOME,
        code="EF-1",
        title_fr="Éducation financière des ménages",
    )
    services.indicator_create(
        actor=admin_user, result=found, code="EF-1.1", title_fr="Bénéficiaires"
    )

    assert list(result_list_for_user(user=admin_user, q="education FINANCIERE")) == [
        found
    ]
    assert list(result_list_for_user(user=admin_user, q="beneficiaires")) == [found]
    assert found.search_text == "ef-1 education financiere des menages"


def test_result_update_refreshes_the_search_text(admin_user, period):
    result = period.indicator.result

    services.result_update(actor=admin_user, result=result, title_fr="Santé")

    result.refresh_from_db()
    assert "sante" in result.search_text


def test_search_text_migration_fills_existing_rows(period):
    Result.objects.update(search_text="")
    migration = importlib.import_module(
        "sudsud.programmes.migrations.0003_results_search_text"
    )

    migration.fill_search_text(apps, None)

    result = Result.objects.get(pk=period.indicator.result_id)
    assert result.search_text.startswith(result.code.lower())
