"""The monitoring journey of issue 3 in headless Chromium, through the real pages.

An administrator creates a bilateral Morocco–Senegal activity in the action plan,
a result, an indicator broken down by country and sex and a period with its
targets; implementing staff in Senegal report and submit the period's actual; the
Senegal coordinator finds it in "what is waiting for me" and approves it; the
programme dashboard and the IATI file then show the measured period.

Only the users, the programme's reference data, the action plan and the system
dimensions are prepared in Python. Inputs are found by their ``name`` (the
programme pages' labels are not translated yet) and breakdown cells and
dimensions by their French labels, which come from the data.
"""

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Page, expect

from sudsud.accounts.models import Role
from sudsud.programmes.models import Memorandum
from sudsud.programmes.services.activities import plan_create
from sudsud.programmes.services.results import dimensions_ensure

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple"
ACTIVITY_CODE = "MA-SN-JOURNEY-01"
RESULT_CODE = "R-JOURNEY-1"
SAVE = re.compile(r"^(Enregistrer|Save)$")
MEASURED = re.compile(r"measured|mesur", re.IGNORECASE)


def _sign_in(page: Page, username: str) -> None:
    page.goto(reverse("accounts:login"))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form#login-form button[type=submit]")
    expect(page.locator("form#login-form")).to_have_count(0)


def _save(page: Page, form: str, url: str) -> None:
    """Submit ``form``; it must redirect to ``url`` (else: the form's errors)."""
    with page.expect_navigation():
        page.locator(form).get_by_role("button", name=SAVE).click()
    errors = page.locator(".errorlist").all_inner_texts()
    assert re.search(url, page.url), f"{form} not saved: {errors}"


def _new_page(page: Page, live_server) -> Page:
    browser = page.context.browser
    assert browser is not None
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(15_000)
    return context.new_page()


def _measured(page: Page) -> int:
    page.goto(reverse("programmes:dashboard"))
    term = page.locator("dl.facts dt").filter(has_text=MEASURED)
    text = term.locator("xpath=following-sibling::dd[1]").inner_text()
    number = re.match(r"\s*(\d+)", text)
    assert number, f"no count in {text!r}"
    return int(number.group(1))


def _iati_periods(page: Page, identifier: str, start: dt.date) -> list[ET.Element]:
    """The activity's IATI periods starting on ``start``, from the downloaded file."""
    page.goto(reverse("programmes:iati_export"))
    generate = page.locator(f'form[action="{reverse("programmes:iati_download")}"]')
    assert generate.count(), "no generate button: the IATI file has errors"
    generate.locator("button").click()  # a background job builds the file
    href = page.locator('a[href^="/jobs/"][href$="/download"]').get_attribute("href")
    assert href, "no download link on the job's page"
    response = page.request.get(href)
    assert response.ok
    assert response.headers["content-type"] in {"application/xml", "text/xml"}
    root = ET.fromstring(response.body())  # noqa: S314 - our own server's file
    activity = next(
        a
        for a in root.iter("iati-activity")
        if a.findtext("iati-identifier") == identifier
    )
    return [
        p
        for p in activity.iter("period")
        if p.find(f"period-start[@iso-date='{start.isoformat()}']") is not None
    ]


def _create_activity(page: Page, plan, today: dt.date) -> None:
    page.goto(reverse("programmes:plan_list"))
    page.get_by_role("link", name=plan.code, exact=True).click()
    page.wait_for_url(f"**{reverse('programmes:plan_detail', args=[plan.pk])}")
    page.locator(f'a[href$="/activities/new/?plan={plan.pk}"]').first.click()
    expect(page.locator("select[name=plan]")).to_have_value(str(plan.pk))
    page.fill("input[name=code]", ACTIVITY_CODE)
    page.fill("input[name=title_fr]", "Formation croisée des conseillers migration")
    page.select_option("select[name=activity_type]", "bilateral")
    page.select_option("select[name=status]", "2")
    page.get_by_label("Mobilité Sud-Sud").check()
    page.locator("input[name=implementers]").first.check()
    page.fill("input[name=planned_start]", (today - dt.timedelta(days=30)).isoformat())
    page.fill("input[name=planned_end]", (today + dt.timedelta(days=300)).isoformat())
    for row, iso3 in ((1, "MAR"), (2, "SEN")):
        page.select_option(f"select[name=country_{row}]", iso3)
        page.fill(f"input[name=share_{row}]", "50")
    _save(page, "form.stacked", r"/activities/\d+/$")
    expect(page.locator("#countries + .table-wrap")).to_contain_text("Sénégal")


def _create_indicator(page: Page, activity_pk: str) -> None:
    page.goto(reverse("programmes:result_list"))
    page.locator(f'a[href="{reverse("programmes:result_create")}"]').first.click()
    page.select_option("select[name=level]", "output")
    page.fill("input[name=code]", RESULT_CODE)
    page.fill("input[name=title_fr]", "Les conseillers sont formés")
    page.select_option("select[name=activity]", activity_pk)
    _save(page, "form#result-form", reverse("programmes:result_list") + "$")
    card = page.locator("section.card").filter(has_text=RESULT_CODE)
    card.locator('a[href$="/indicators/new/"]').click()
    page.fill("input[name=code]", "I-JOURNEY-1")
    page.fill("input[name=title_fr]", "Conseillers formés")
    page.select_option("select[name=kind]", "quantitative")
    page.select_option("select[name=measure]", "1")
    page.fill("input[name=unit]", "personnes")
    page.select_option("select[name=aggregation]", "sum")
    page.fill("input[name=baseline_value]", "0")
    page.get_by_label("Pays", exact=True).check()
    page.get_by_label("Sexe", exact=True).check()
    _save(page, "form#indicator-form", r"/indicators/\d+/$")


def _create_period(page: Page, start: dt.date, end: dt.date) -> None:
    page.locator('a[href$="/periods/new/"]').first.click()
    page.fill("input[name=start]", start.isoformat())
    page.fill("input[name=end]", end.isoformat())
    page.fill("input[name=target_value]", "100")
    targets = {
        "Maroc · Femmes": "20",
        "Maroc · Hommes": "30",
        "Sénégal · Femmes": "25",
        "Sénégal · Hommes": "25",
    }
    for label, value in targets.items():
        page.get_by_label(label, exact=True).fill(value)
    _save(page, "form#period-form", r"/indicators/\d+/$")
    expect(page.locator("table.breakdown").first).to_contain_text("Femmes")


def _report_actual(staff: Page, indicator_url: str) -> None:
    staff.goto(indicator_url)
    row = staff.get_by_role("row").filter(has_text="Sénégal")
    row.locator('a[href*="/report/?country="]').click()
    staff.fill("input[name=value]", "12")
    staff.get_by_label("Sénégal · Femmes", exact=True).fill("5")
    staff.get_by_label("Sénégal · Hommes", exact=True).fill("7")
    staff.fill("textarea[name=comment]", "Deux sessions de formation à Dakar")
    staff.click("form#update-form button[name=action][value=submit]")
    staff.wait_for_url(f"**{indicator_url}")


def _approve(reviewer: Page, indicator_url: str) -> None:
    reviewer.goto(reverse("programmes:programme_detail_current"))
    reviewer.click("#inbox-link")
    reviewer.wait_for_url(f"**{reverse('programmes:inbox')}")
    waiting = reviewer.locator('table[aria-labelledby="to-review"]')
    waiting.get_by_role("row").filter(has_text="Sénégal").locator(
        f'a[href="{indicator_url}"]'
    ).click()
    reviewer.wait_for_url(f"**{indicator_url}")
    row = reviewer.get_by_role("row").filter(has_text="Sénégal")
    with reviewer.expect_navigation():
        row.locator('form[action$="/approve/"] button').click()
    expect(reviewer.locator("dd[id^=actual-]")).to_contain_text("12")


def _plan(programme, countries, actor):
    """The Morocco–Senegal action plan, under the two countries' memorandum."""
    memorandum = Memorandum.objects.get(
        programme=programme,
        first_country=countries["MAR"],
        second_country=countries["SEN"],
    )
    return plan_create(
        actor=actor,
        programme=programme,
        code="PA-MA-SN",
        title_fr="Plan d'action Maroc–Sénégal",
        memorandum=memorandum,
    )


def _actual_values(period: ET.Element) -> dict[tuple, str | None]:
    """``{(("country", "SEN"), ("sex", "female")): "5", (): "12", …}``."""
    return {
        tuple(
            sorted((d.get("name"), d.get("value")) for d in a.findall("dimension"))
        ): (a.get("value"))
        for a in period.findall("actual")
    }


def test_journey_activity_to_approved_actual_changes_dashboard_and_iati(
    page, login, live_server, make_user, countries, programme, settings
):
    settings.SUDSUD_IATI_REPORTING_ORG_REF = "XM-TEST"
    dimensions_ensure()
    admin = make_user(Role.PROGRAMME_ADMIN, is_staff=True)
    staff = make_user(Role.IMPLEMENTING_STAFF, countries=[countries["SEN"]])
    coordinator = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])
    plan = _plan(programme, countries, admin)
    today = timezone.localdate()
    start, identifier = today.replace(month=1, day=1), f"XM-TEST-{ACTIVITY_CODE}"

    login(admin.username)
    expect(page.locator("form#login-form")).to_have_count(0)
    _create_activity(page, plan, today)
    _create_indicator(page, page.url.rstrip("/").rsplit("/", 1)[-1])
    _create_period(page, start, today.replace(month=12, day=31))
    indicator_url = page.url.removeprefix(live_server.url)
    measured_before = _measured(page)
    (before,) = _iati_periods(page, identifier, start)
    assert before.find("target[@value='100']") is not None
    assert _actual_values(before) == {}

    for user, step in ((staff, _report_actual), (coordinator, _approve)):
        other = _new_page(page, live_server)
        _sign_in(other, user.username)
        step(other, indicator_url)
        other.context.close()

    assert _measured(page) == measured_before + 1
    (after,) = _iati_periods(page, identifier, start)
    assert _actual_values(after) == {
        (): "12",
        (("country", "SEN"), ("sex", "female")): "5",
        (("country", "SEN"), ("sex", "male")): "7",
    }
