"""Reaching the results of an activity from the activity's page."""

import re

import pytest
from django.urls import reverse

from sudsud.accounts.models import Role

from .factories import ActivityFactory, IndicatorFactory, ResultFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(countries):
    return ActivityFactory(countries=[(countries["SEN"], 100)])


def test_activity_page_lists_its_results_and_offers_to_add_one(
    client, make_user, countries, activity
):
    indicator = IndicatorFactory(
        result=ResultFactory(programme=activity.programme, activity=activity)
    )
    client.force_login(
        make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])
    )

    html = client.get(activity.get_absolute_url()).content.decode()

    assert indicator.get_absolute_url() in html
    assert f"{reverse('programmes:result_create')}?activity={activity.pk}" in html


def test_result_form_preselects_the_activity_it_was_opened_from(
    client, make_user, countries, activity
):
    client.force_login(
        make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])
    )

    html = client.get(
        reverse("programmes:result_create"), {"activity": activity.pk}
    ).content.decode()

    select = re.search(r'<select name="activity".*?</select>', html, flags=re.S)
    assert select is not None
    selected = re.search(r'<option value="(\d+)" selected>', select.group(0))
    assert selected is not None
    assert selected.group(1) == str(activity.pk)


def test_result_form_ignores_an_activity_the_user_may_not_see(
    client, make_user, countries
):
    hidden = ActivityFactory(countries=[(countries["MLI"], 100)], is_restricted=True)
    client.force_login(
        make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])
    )

    response = client.get(reverse("programmes:result_create"), {"activity": hidden.pk})

    assert response.status_code == 200
    select = re.search(
        r'<select name="activity".*?</select>', response.content.decode(), flags=re.S
    )
    assert select is not None
    assert f'value="{hidden.pk}"' not in select.group(0)
