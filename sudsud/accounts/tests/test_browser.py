"""Journeys in a real browser: sign in, switch language, mistype a password."""

import re

import pytest
from playwright.sync_api import expect

from sudsud.accounts.models import Role
from sudsud.accounts.tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def person(transactional_db):
    return UserFactory(
        username="mariam", first_name="Mariam", last_name="Traoré", role=Role.VIEWER
    )


def test_sign_in_shows_the_user_name_in_the_header(page, login, person):
    login("mariam")
    expect(page.locator(".user-menu")).to_contain_text("Mariam Traoré")
    expect(page.locator(".user-menu a[href='/accounts/profile/']")).to_be_visible()


def test_language_buttons_switch_to_arabic_and_back(page, login, person):
    login("mariam")
    page.click(".lang-switch button[value=ar]")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    person.refresh_from_db()
    assert person.language == "ar"  # kept for the next sign-in
    page.click(".lang-switch button[value=fr]")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")


def test_wrong_password_shows_an_error(page, login, person):
    login("mariam", "not the password")
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.locator("#login-form .errorlist")).to_be_visible()
    expect(page.locator(".user-menu")).not_to_contain_text("Mariam")
