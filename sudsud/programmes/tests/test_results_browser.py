"""The reporting journey in headless Chromium: implementing staff report a period's
actual broken down by country and sex, the Senegal coordinator approves it, and
the indicator page shows the approved actual."""

from decimal import Decimal

import pytest

from sudsud.accounts.models import Role
from sudsud.programmes.models import IndicatorUpdate, UpdateStatus

from .factories_results import bilateral_period

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"


def _sign_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form#login-form button[type=submit]")
    page.wait_for_url("**/")


def test_browser_report_then_approve_breakdown_by_country_and_sex(
    page, login, live_server, make_user, countries
):
    period = bilateral_period(countries, target_value=Decimal(100))
    indicator = period.indicator
    sen = countries["SEN"]
    staff = make_user(Role.IMPLEMENTING_STAFF, countries=[sen])
    coordinator = make_user(Role.COUNTRY_COORDINATOR, countries=[sen])

    login(staff.username)
    page.wait_for_url("**/")
    page.goto(indicator.get_absolute_url())
    page.click(f'a[href$="/periods/{period.pk}/report/?country={sen.pk}"]')
    page.wait_for_url(f"**/periods/{period.pk}/report/**")
    page.fill("input[name=value]", "12")
    page.fill("input[name=cell_0]", "5")  # Sénégal · Femmes
    page.fill("input[name=cell_1]", "7")  # Sénégal · Hommes
    page.fill("textarea[name=comment]", "Deux sessions de formation à Dakar")
    page.fill("input[name=evidence_link]", "https://example.org/liste.pdf")
    page.click("form#update-form button[name=action][value=submit]")
    page.wait_for_url(f"**{indicator.get_absolute_url()}")
    assert page.inner_text(f"#actual-{period.pk}").strip() == "—"
    update = IndicatorUpdate.objects.get(period=period, country=sen)
    assert update.status == UpdateStatus.SUBMITTED

    other = page.context.browser.new_context(base_url=live_server.url, locale="fr-FR")
    other.set_default_timeout(15_000)
    reviewer = other.new_page()
    _sign_in(reviewer, coordinator.username)
    reviewer.goto(indicator.get_absolute_url())
    reviewer.click(f'form[action$="/updates/{update.pk}/approve/"] button')
    reviewer.wait_for_url(f"**{indicator.get_absolute_url()}")

    actual = reviewer.inner_text(f"#actual-{period.pk}")
    assert actual.startswith("12")
    assert "12 %" in actual  # share of the target of 100
    breakdowns = reviewer.inner_text(f"#period-{period.pk} ~ div table.breakdown")
    assert "Femmes" in breakdowns
    other.close()
    update.refresh_from_db()
    assert update.status == UpdateStatus.APPROVED
    assert update.reviewed_by == coordinator
