"""Pages of the results framework and the reporting workflow: wiring, permissions,
forms and their French errors, the inbox."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from sudsud.accounts.models import Role
from sudsud.programmes.models import (
    Dimension,
    Indicator,
    IndicatorUpdate,
    Result,
    ResultLevel,
    UpdateStatus,
)

from .factories import IndicatorPeriodFactory, IndicatorUpdateFactory
from .factories_results import bilateral_period

pytestmark = pytest.mark.django_db


@pytest.fixture
def period(countries):
    return bilateral_period(countries, target_value=Decimal(100))


@pytest.fixture
def staff(make_user, countries):
    return make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])


@pytest.fixture
def coordinator(make_user, countries):
    return make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])


def test_result_list_shows_the_tree_with_indicators_and_values(
    client, period, staff, countries
):
    indicator = period.indicator
    IndicatorUpdateFactory(
        period=period,
        country=countries["SEN"],
        status=UpdateStatus.APPROVED,
        value=Decimal(40),
    )
    client.force_login(staff)

    response = client.get(reverse("programmes:result_list"))

    content = response.content.decode()
    assert response.status_code == 200
    assert indicator.get_absolute_url() in content
    assert "40" in content
    assert "Pays, Sexe" in content  # breakdowns available


def test_result_list_filters_by_level_and_rejects_nothing_silently(
    client, period, staff
):
    client.force_login(staff)

    response = client.get(reverse("programmes:result_list"), {"level": "impact"})

    assert response.status_code == 200
    assert period.indicator.get_absolute_url() not in response.content.decode()


def test_result_list_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("programmes:result_list"))

    assert response.status_code == 302


def test_indicator_detail_shows_periods_updates_and_history(
    client, period, staff, countries
):
    client.force_login(staff)

    response = client.get(period.indicator.get_absolute_url())

    content = response.content.decode()
    assert response.status_code == 200
    assert "Sénégal" in content
    assert "Maroc" in content
    report = reverse("programmes:update_edit", args=[period.pk])
    assert f"{report}?country={countries['SEN'].pk}" in content
    assert f"{report}?country={countries['MAR'].pk}" not in content


def test_indicator_detail_hides_indicators_of_restricted_activities(
    client, period, make_user, countries
):
    activity = period.indicator.result.activity
    activity.is_restricted = True
    activity.save()
    client.force_login(make_user(Role.VIEWER, countries=[countries["MLI"]]))

    assert client.get(period.indicator.get_absolute_url()).status_code == 404


def test_result_create_page_saves_through_the_service(client, period, staff):
    activity = period.indicator.result.activity
    client.force_login(staff)

    response = client.post(
        reverse("programmes:result_create"),
        {
            "level": ResultLevel.OUTCOME,
            "code": "OC-9",
            "title_fr": "Meilleure gouvernance",
            "activity": activity.pk,
            "order": 0,
        },
    )

    assert response.status_code == 302
    assert Result.objects.get(code="OC-9").activity == activity


def test_result_create_refuses_programme_results_to_scoped_staff(client, period, staff):
    client.force_login(staff)

    response = client.post(
        reverse("programmes:result_create"),
        {"level": "impact", "code": "IMP", "title_fr": "Impact", "order": 0},
    )

    assert response.status_code == 403
    assert not Result.objects.filter(code="IMP").exists()


def test_indicator_create_page_sets_dimensions(client, period, staff):
    client.force_login(staff)
    sex = Dimension.objects.get(code="sex")

    response = client.post(
        reverse("programmes:indicator_create", args=[period.indicator.result_id]),
        {
            "code": "IND-NEW",
            "title_fr": "Personnes formées",
            "kind": "quantitative",
            "measure": 1,
            "aggregation": "sum",
            "dimensions": [sex.pk],
            "order": 0,
        },
    )

    indicator = Indicator.objects.get(code="IND-NEW")
    assert response.status_code == 302
    assert list(indicator.dimensions.all()) == [sex]


def test_period_form_saves_target_breakdowns_by_country_and_sex(client, period, staff):
    client.force_login(staff)
    url = reverse("programmes:period_create", args=[period.indicator.pk])
    form = client.get(url).context["form"]
    fields = {
        f"cell_{i}": str(n + 1) for i, n in enumerate(range(len(form.grid.cells)))
    }

    response = client.post(
        url,
        {"start": "2026-01-01", "end": "2026-12-31", "target_value": "50", **fields},
    )

    assert response.status_code == 302
    new = period.indicator.periods.get(start=dt.date(2026, 1, 1))
    keys = {b.key for b in new.target_breakdowns.all()}
    assert "country=SEN;sex=female" in keys
    assert "country=MAR;sex=male" in keys
    assert len(keys) == 4


def test_period_form_negative_breakdown_gets_a_french_error(client, period, staff):
    client.force_login(staff)
    url = reverse("programmes:period_update", args=[period.pk])

    response = client.post(
        url,
        {
            "start": "2025-01-01",
            "end": "2025-12-31",
            "target_value": "abc",
            "cell_0": "-3",
        },
    )

    content = response.content.decode()
    assert response.status_code == 200
    assert "supérieure ou égale à 0" in content
    assert "Saisissez un nombre" in content
    assert not period.target_breakdowns.exists()


def test_update_edit_saves_draft_with_breakdown_and_submits(
    client, period, staff, countries
):
    client.force_login(staff)
    url = reverse("programmes:update_edit", args=[period.pk])
    sen = countries["SEN"].pk
    form = client.get(url, {"country": sen}).context["form"]
    assert [c.key for c in form.grid.cells] == [
        "country=SEN;sex=female",
        "country=SEN;sex=male",
    ]

    response = client.post(
        url,
        {
            "country": sen,
            "value": "12",
            "cell_0": "5",
            "cell_1": "7",
            "evidence_link": "https://example.org/liste.pdf",
            "action": "submit",
        },
    )

    update = IndicatorUpdate.objects.get(period=period, country=countries["SEN"])
    assert response.status_code == 302
    assert update.status == UpdateStatus.SUBMITTED
    assert update.evidence.get().link == "https://example.org/liste.pdf"
    assert {b.key: b.value for b in update.breakdowns.all()} == {
        "country=SEN;sex=female": Decimal(5),
        "country=SEN;sex=male": Decimal(7),
    }


def test_update_edit_refuses_a_country_out_of_scope(client, period, staff, countries):
    client.force_login(staff)
    url = reverse("programmes:update_edit", args=[period.pk])

    response = client.get(url, {"country": countries["MAR"].pk})

    assert response.status_code == 403


def test_update_action_approve_by_coordinator_and_refused_to_staff(
    client, period, staff, coordinator, countries
):
    update = IndicatorUpdateFactory(
        period=period, country=countries["SEN"], status=UpdateStatus.SUBMITTED
    )
    url = reverse("programmes:update_action", args=[update.pk, "approve"])
    client.force_login(staff)
    assert client.post(url).status_code == 403

    client.force_login(coordinator)
    response = client.post(url)

    update.refresh_from_db()
    assert response.status_code == 302
    assert update.status == UpdateStatus.APPROVED


def test_update_action_return_needs_a_reason_in_french(
    client, period, coordinator, countries
):
    update = IndicatorUpdateFactory(
        period=period, country=countries["SEN"], status=UpdateStatus.SUBMITTED
    )
    client.force_login(coordinator)
    url = reverse("programmes:update_action", args=[update.pk, "return"])

    response = client.post(url, {"reason": ""})

    update.refresh_from_db()
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()
    assert update.status == UpdateStatus.SUBMITTED


def test_update_action_unknown_step_is_not_found(
    client, period, coordinator, countries
):
    update = IndicatorUpdateFactory(period=period, country=countries["SEN"])
    client.force_login(coordinator)

    url = reverse("programmes:update_action", args=[update.pk, "delete"])

    assert client.post(url).status_code == 404


def test_inbox_lists_what_waits_for_each_role(
    client, period, staff, coordinator, countries
):
    IndicatorUpdateFactory(
        period=period, country=countries["SEN"], status=UpdateStatus.SUBMITTED
    )
    ended = IndicatorPeriodFactory(
        indicator=period.indicator,
        start=dt.date(2020, 1, 1),
        end=dt.date(2020, 12, 31),
    )
    client.force_login(coordinator)
    content = client.get(reverse("programmes:inbox")).content.decode()
    assert "Actuals soumis" not in content  # msgids are English; no catalogue needed
    assert 'id="to-review"' in content
    assert "2020-01-01" in content

    client.force_login(staff)
    response = client.get(reverse("programmes:inbox"))
    assert 'id="to-review"' not in response.content.decode()
    missing = response.context["inbox"].missing
    assert [(item.period, item.country) for item in missing] == [
        (ended, countries["SEN"])
    ]


def test_inbox_badge_counts(client, period, coordinator, countries):
    IndicatorUpdateFactory(
        period=period, country=countries["SEN"], status=UpdateStatus.SUBMITTED
    )
    client.force_login(coordinator)

    response = client.get(reverse("programmes:inbox_badge"))

    assert response.status_code == 200
    assert '<span class="badge badge-warn">1</span>' in response.content.decode()


def test_programme_page_links_to_the_inbox(client, programme, coordinator):
    client.force_login(coordinator)

    content = client.get("/programme/").content.decode()

    assert reverse("programmes:inbox_badge") in content
