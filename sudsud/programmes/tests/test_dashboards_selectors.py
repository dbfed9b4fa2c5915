from decimal import Decimal

import pytest

from sudsud.accounts.models import Role
from sudsud.programmes.models import ActivityStatus
from sudsud.programmes.selectors.dashboards import (
    dashboard_country_get,
    dashboard_figures,
    dashboard_indicator_get,
    timeline_activities,
)

from .factories_dashboards import TODAY, dashboard_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(countries):
    return dashboard_data(countries)


@pytest.fixture
def senegal_officer(make_user, countries):
    return make_user(Role.MINISTRY_OFFICER, countries=[countries["SEN"]])


def _counts(tallies):
    return {t.key: t.count for t in tallies}


def _money(lines):
    return {m.label: (m.planned, m.committed, m.spent) for m in lines}


def test_dashboard_figures_count_activities_by_status_plan_country_domain(
    data, admin_user
):
    figures = dashboard_figures(user=admin_user, today=TODAY)
    assert _counts(figures.by_status) == {
        str(ActivityStatus.PIPELINE.value): 1,
        str(ActivityStatus.IMPLEMENTATION.value): 2,
        str(ActivityStatus.CLOSED.value): 1,
    }
    assert _counts(figures.by_plan) == {str(p.pk): 2 for p in data.plans}
    assert _counts(figures.by_country) == {"SEN": 2, "MAR": 1, "MLI": 1, "CIV": 1}
    assert figures.by_country[0].key == "SEN"
    assert _counts(figures.by_domain) == {"d1": 2, "d2": 1}


def test_dashboard_figures_count_late_activities(data, admin_user):
    lateness = dashboard_figures(user=admin_user, today=TODAY).lateness
    assert (lateness.total, lateness.late) == (4, 2)
    assert (lateness.late_end, lateness.late_start) == (1, 1)


def test_dashboard_figures_bucket_share_of_targets_reached(data, admin_user):
    figures = dashboard_figures(user=admin_user, today=TODAY)
    assert figures.targets_measured == 4
    assert _counts(figures.targets) == {
        "lt25": 1,
        "25-49": 0,
        "50-74": 1,
        "75-99": 0,
        "100": 2,
    }


def test_dashboard_figures_sum_budget_by_funder_and_implementer(data, admin_user):
    figures = dashboard_figures(user=admin_user, today=TODAY)
    assert _money(figures.by_funder) == {
        "BMZ": (Decimal(4000), Decimal(4000), Decimal(3000)),
        "EUTF": (Decimal(3000), Decimal(500), Decimal(200)),
    }
    assert [m.label for m in figures.by_funder] == ["BMZ", "EUTF"]
    assert _money(figures.by_implementer) == {
        "GIZ": (Decimal(5000), Decimal(4500), Decimal(3200)),
        "EF": (Decimal(2000), Decimal(0), Decimal(0)),
    }


def test_dashboard_figures_leave_out_restricted_activities_out_of_scope(
    data, senegal_officer
):
    figures = dashboard_figures(user=senegal_officer, today=TODAY)
    assert figures.lateness.total == 3
    assert str(ActivityStatus.CLOSED.value) not in _counts(figures.by_status)
    assert "MLI" not in _counts(figures.by_country)
    assert figures.targets_measured == 3
    assert _counts(figures.targets)["lt25"] == 0
    assert "BMZ" not in _money(figures.by_funder)


def test_dashboard_figures_include_restricted_activities_in_scope(
    data, make_user, countries
):
    mali = make_user(Role.MINISTRY_OFFICER, countries=[countries["MLI"]])
    figures = dashboard_figures(user=mali, today=TODAY)
    assert figures.lateness.total == 4
    assert "BMZ" in _money(figures.by_funder)


def test_dashboard_figures_of_a_plan_count_only_its_activities(data, admin_user):
    figures = dashboard_figures(user=admin_user, plan=data.plans[1], today=TODAY)
    assert figures.lateness.total == 2
    assert figures.by_plan == []
    assert figures.targets_measured == 1  # the restricted activity's indicator


def test_dashboard_figures_of_a_country_weight_budgets_by_share(
    data, admin_user, countries
):
    figures = dashboard_figures(user=admin_user, country=countries["SEN"], today=TODAY)
    assert figures.lateness.total == 2
    assert figures.by_country == []
    # A1 covers Senegal alone (1000), A2 half (2000 × 50 %).
    assert _money(figures.by_funder) == {
        "EUTF": (Decimal(2000), Decimal(500), Decimal(200))
    }
    assert _money(figures.by_implementer)["EF"][0] == Decimal(1000)
    assert figures.targets_measured == 2


def test_dashboard_figures_hide_organisations_the_reader_may_not_see(
    data, senegal_officer, countries
):
    eutf = data.org["EUTF"]
    eutf.is_restricted, eutf.scope_country = True, countries["MLI"]
    eutf.save()
    labels = [m.label for m in dashboard_figures(user=senegal_officer).by_funder]
    assert "EUTF" not in labels
    assert len(labels) == 1


def test_dashboard_figures_are_empty_without_data(admin_user):
    figures = dashboard_figures(user=admin_user)
    assert figures.lateness.total == 0
    assert figures.by_status == figures.targets == figures.by_funder == []


def test_dashboard_figures_are_empty_for_anonymous_visitors(data):
    from django.contrib.auth.models import AnonymousUser

    figures = dashboard_figures(user=AnonymousUser())
    assert figures.lateness.total == 0
    assert figures.targets_measured == 0
    assert figures.by_funder == []


def test_timeline_activities_flag_late_ones(data, senegal_officer):
    rows = {
        a.code: a.is_late
        for a in timeline_activities(user=senegal_officer, today=TODAY)
    }
    assert rows == {"A1": True, "A2": True, "A4": False}


def test_dashboard_indicator_get_hides_indicators_of_hidden_activities(
    data, senegal_officer, admin_user
):
    _, i2, i3 = data.indicators
    assert dashboard_indicator_get(user=senegal_officer, pk=i2.pk) is None
    assert dashboard_indicator_get(user=senegal_officer, pk=i3.pk) == i3
    assert dashboard_indicator_get(user=admin_user, pk=i2.pk) == i2


def test_dashboard_country_get_finds_by_iso3_in_any_case(countries, admin_user):
    assert dashboard_country_get(user=admin_user, iso3="sen") == countries["SEN"]
    assert dashboard_country_get(user=admin_user, iso3="XXX") is None
    assert dashboard_country_get(user=admin_user, iso3="SENEGAL") is None
