"""Deleting an activity in headless Chromium, through its confirmation page: the
page lists what goes with it, the deletion returns to the plan with a message,
and an activity with approved values explains why it stays."""

import pytest
from playwright.sync_api import expect

from sudsud.programmes.models import Activity, BudgetLine

from .factories_activities import make_world
from .factories_deletion import add_parts, approve

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_browser_delete_an_activity_through_its_confirmation_page(
    page, login, countries
):
    world = make_world(countries)
    parts = add_parts(world)
    storage = parts.deliverable.document.storage
    document = parts.deliverable.document.name
    kept = world.restricted
    approve(add_parts(world, kept))

    login(world.users["admin"].username)
    page.wait_for_url("**/")
    page.goto(world.bilateral.get_absolute_url())
    page.click("#activity-delete")
    page.wait_for_url(f"**/activities/{world.bilateral.pk}/delete/")
    # Partners, budget lines, deliverables, results, indicators, periods, values
    # and evidence: one line each.
    expect(page.locator("ul.deletion-counts > li")).to_have_count(8)
    expect(page.locator("ul.deletion-counts")).to_contain_text("2")
    assert BudgetLine.objects.filter(
        pk=parts.line.pk
    ).exists()  # asking deletes nothing

    page.locator("#delete-form button[type=submit]").click()
    page.wait_for_url(f"**{world.plan.get_absolute_url()}")
    expect(page.locator(".messages .message-success")).to_contain_text("A-BIL")
    assert not Activity.objects.filter(pk=world.bilateral.pk).exists()
    assert not BudgetLine.objects.filter(pk=parts.line.pk).exists()
    assert not storage.exists(document)  # removed once the deletion committed

    page.goto(kept.get_absolute_url())
    page.click("#activity-delete")
    expect(page.locator("#deletion-refused")).to_be_visible()
    expect(page.locator("#delete-form")).to_have_count(0)
    assert Activity.objects.filter(pk=kept.pk).exists()
