"""Journeys through the real sign-in form and pages, in headless Chromium."""

import pytest

from sudsud.accounts.models import Role

from .factories import OrganisationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_browser_create_then_find_without_accents(page, login, make_user, countries):
    user = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["SEN"]])
    login(user.username)
    page.wait_for_url("**/")
    page.goto("/organisations/new/")
    page.fill("input[name=name]", "Association des Sénégalais de Tanger")
    page.select_option("select[name=kind]", "diaspora_association")
    page.select_option("select[name=country]", str(countries["MAR"].pk))
    page.select_option("select[name=scope_country]", str(countries["SEN"].pk))
    page.click("form#organisation-form button[type=submit]")
    page.wait_for_url("**/organisations/*/")
    assert "Association des Sénégalais de Tanger" in page.inner_text("h1")

    page.goto("/organisations/")
    page.fill("input[name=q]", "senegalais")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**q=senegalais**")
    results = page.inner_text("#organisation-results")
    assert "Association des Sénégalais de Tanger" in results


def test_browser_mali_user_gets_not_found_for_senegal_record(
    page, login, make_user, countries
):
    record = OrganisationFactory(
        name="Réseau confidentiel de Dakar",
        country=countries["SEN"],
        scope_country=countries["SEN"],
        is_restricted=True,
    )
    user = make_user(Role.COUNTRY_COORDINATOR, countries=[countries["MLI"]])
    login(user.username)
    page.wait_for_url("**/")
    response = page.goto(f"/organisations/{record.pk}/")
    assert response is not None
    assert response.status == 404
    assert "Réseau confidentiel de Dakar" not in page.content()
