"""The deletion pages (confirmation with the counts, refusals, who sees the link)
and ``DELETE`` on ``/api/v1/activities/{id}/`` and ``/api/v1/plans/{id}/``."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from rest_framework.test import APIClient

from sudsud.accounts.models import Role
from sudsud.programmes.models import ActionPlan, Activity, BudgetLine

from .factories_activities import make_world, scoped_user
from .factories_deletion import add_parts, approve

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def world(countries):
    return make_world(countries)


def _page(client, user, name, pk):
    client.force_login(user)
    return client.get(reverse(f"programmes:{name}", args=[pk]), **EN)


def _delete_url(activity):
    return reverse("programmes:activity_delete", args=[activity.pk])


@pytest.mark.parametrize(
    ("who", "sees_link"),
    [("admin", True), ("both", True), ("senegal", False), ("viewer", False)],
)
def test_activity_page_links_to_deletion_only_for_those_allowed(
    client, world, who, sees_link
):
    user = (
        scoped_user(world, Role.MINISTRY_OFFICER, "MAR", "SEN")
        if who == "both"
        else world.users[who]
    )
    body = _page(client, user, "activity_detail", world.bilateral.pk).content.decode()
    assert (_delete_url(world.bilateral) in body) is sees_link


def test_plan_page_links_to_deletion_only_for_those_allowed(client, world):
    url = reverse("programmes:plan_delete", args=[world.other_plan.pk])
    both = scoped_user(world, Role.COUNTRY_COORDINATOR, "MAR", "MLI")
    for user, expected in ((world.users["admin"], True), (both, True),
                           (world.users["coordinator_sen"], False)):  # fmt: skip
        body = _page(client, user, "plan_detail", world.other_plan.pk)
        assert (url in body.content.decode()) is expected


def test_confirmation_page_lists_what_goes_with_the_activity(client, world):
    add_parts(world)
    response = _page(
        client, world.users["admin"], "activity_delete", world.bilateral.pk
    )
    body = response.content.decode()
    assert response.status_code == 200
    for text in ("1 partner", "1 budget line", "1 deliverable", "1 stored document",
                 "2 results", "1 indicator", "1 indicator period with its targets",
                 "1 reported value not approved", "1 piece of evidence",
                 "1 stored file"):  # fmt: skip
        assert text in body, text
    assert 'id="delete-form"' in body
    assert BudgetLine.objects.exists()  # GET changes nothing


def test_confirmation_page_explains_a_refusal_without_a_delete_button(client, world):
    approve(add_parts(world))
    body = _page(
        client, world.users["admin"], "activity_delete", world.bilateral.pk
    ).content.decode()
    assert "This activity cannot be deleted" in body
    assert "1 approved indicator value" in body
    assert "Cancelled" in body
    assert 'id="delete-form"' not in body


def test_post_deletes_and_returns_to_the_plan_with_a_message(client, world):
    add_parts(world)
    client.force_login(world.users["admin"])
    response = client.post(_delete_url(world.bilateral), **EN)
    assert response.status_code == 302
    assert response.url == world.plan.get_absolute_url()
    assert not Activity.objects.filter(pk=world.bilateral.pk).exists()
    (message,) = get_messages(response.wsgi_request)
    assert str(message) == f"“{world.bilateral}” was deleted."


def test_post_refused_keeps_the_activity_and_says_why(client, world):
    approve(add_parts(world))
    client.force_login(world.users["admin"])
    response = client.post(_delete_url(world.bilateral), **EN)
    assert response.url == world.bilateral.get_absolute_url()
    assert Activity.objects.filter(pk=world.bilateral.pk).exists()
    (message,) = get_messages(response.wsgi_request)
    assert message.level_tag == "error"
    assert "approved indicator value" in str(message)


def test_deletion_page_is_403_for_an_editor_of_one_country_and_404_unseen(
    client, world
):
    client.force_login(world.users["senegal"])
    assert client.get(_delete_url(world.bilateral)).status_code == 403
    assert client.post(_delete_url(world.bilateral)).status_code == 403
    client.force_login(world.users["mali"])
    assert client.post(_delete_url(world.restricted)).status_code == 404
    assert Activity.objects.count() == 2


def test_plan_confirmation_says_it_still_has_activities(client, world):
    body = _page(
        client, world.users["admin"], "plan_delete", world.plan.pk
    ).content.decode()
    assert "This action plan still has 2 activities" in body
    assert 'id="delete-form"' not in body


def test_plan_deletion_confirms_then_deletes(client, world):
    add_parts(world, world.restricted, plan=world.other_plan)
    coordinator = scoped_user(world, Role.COUNTRY_COORDINATOR, "MAR", "MLI")
    response = _page(client, coordinator, "plan_delete", world.other_plan.pk)
    assert "2 results" in response.content.decode()
    url = reverse("programmes:plan_delete", args=[world.other_plan.pk])
    response = client.post(url, **EN)
    assert response.url == reverse("programmes:plan_list")
    assert not ActionPlan.objects.filter(pk=world.other_plan.pk).exists()


def test_plan_deletion_is_403_for_a_coordinator_of_one_country(client, world):
    client.force_login(world.users["coordinator_sen"])
    url = reverse("programmes:plan_delete", args=[world.plan.pk])
    assert client.post(url).status_code == 403
    assert ActionPlan.objects.filter(pk=world.plan.pk).exists()


# --- API ----------------------------------------------------------------------------


def _api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_delete_activity(world):
    add_parts(world)
    url = f"/api/v1/activities/{world.bilateral.pk}/"
    assert _api(world.users["senegal"]).delete(url).status_code == 403
    assert _api(world.users["viewer"]).delete(url).status_code == 403
    hidden = f"/api/v1/activities/{world.restricted.pk}/"
    assert _api(world.users["mali"]).delete(hidden).status_code == 404
    assert Activity.objects.count() == 2
    assert _api(world.users["admin"]).delete(url).status_code == 204
    assert not Activity.objects.filter(pk=world.bilateral.pk).exists()


def test_api_delete_activity_with_approved_values_is_409_in_the_readers_language(
    world,
):
    approve(add_parts(world))
    url = f"/api/v1/activities/{world.bilateral.pk}/"
    response = _api(world.users["admin"]).delete(url, **EN)
    assert response.status_code == 409
    assert "“Cancelled”" in response.json()["detail"]
    assert len(response.json()["reasons"]) == 1
    french = _api(world.users["admin"]).delete(url, HTTP_ACCEPT_LANGUAGE="fr")
    assert french.status_code == 409
    assert "ne peut pas être supprimée" in french.json()["detail"]
    assert Activity.objects.filter(pk=world.bilateral.pk).exists()


def test_api_delete_plan(world):
    url = f"/api/v1/plans/{world.plan.pk}/"
    response = _api(world.users["admin"]).delete(url, **EN)
    assert response.status_code == 409
    assert "still has 2 activities" in response.json()["detail"]
    other = f"/api/v1/plans/{world.other_plan.pk}/"
    assert _api(world.users["coordinator_sen"]).delete(other).status_code == 403
    assert _api(world.users["admin"]).delete(other).status_code == 204
    assert list(ActionPlan.objects.values_list("code", flat=True)) == ["PA-MAR-SEN"]
