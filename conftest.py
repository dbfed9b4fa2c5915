"""Fixtures shared by every app's tests: people with roles and scopes, the partner
countries, the ``../shared`` folder, and a real headless Chromium."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SHARED_DIR = Path(os.environ.get("SUDSUD_SHARED_DIR", ROOT.parent / "shared"))


@pytest.fixture
def shared_dir() -> Path:
    """``../shared``, or a skip that says why: a user's fresh clone does not have it."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"needs the shared reference folder {SHARED_DIR}, which is absent")
    return SHARED_DIR


@pytest.fixture
def english():
    """Run code outside a request in English, for tests that assert a message's words.

    Requests pick their own language (French by default); service and form tests
    that compare wording use this so they do not depend on the catalogues.
    """
    from django.utils import translation

    with translation.override("en"):
        yield


# (M49 code, ISO alpha-2, ISO alpha-3, French, English, Arabic)
TEST_COUNTRIES = [
    (504, "MA", "MAR", "Maroc", "Morocco", "المغرب"),
    (686, "SN", "SEN", "Sénégal", "Senegal", "السنغال"),
    (384, "CI", "CIV", "Côte d’Ivoire", "Côte d’Ivoire", "ساحل العاج"),
    (466, "ML", "MLI", "Mali", "Mali", "مالي"),
    (250, "FR", "FRA", "France", "France", "فرنسا"),
]


@pytest.fixture
def countries(db):
    """The four partner countries and France, as minimal places keyed by ISO3."""
    from sudsud.places.tests.factories import PlaceFactory

    return {
        iso3: PlaceFactory(
            code=code, iso2=iso2, iso3=iso3, name_fr=fr, name_en=en, name_ar=ar
        )
        for code, iso2, iso3, fr, en, ar in TEST_COUNTRIES
    }


@pytest.fixture
def admin_user(db):
    from sudsud.accounts.models import Role
    from sudsud.accounts.tests.factories import UserFactory

    return UserFactory(username="admin", role=Role.PROGRAMME_ADMIN, is_staff=True)


@pytest.fixture
def make_user(db):
    """``make_user(role, countries=[...])``: an active user with that role and scope."""
    from sudsud.accounts.tests.factories import UserFactory

    def make(role: str, *, countries=(), **fields):
        user = UserFactory(role=role, **fields)
        user.countries.set(countries)
        return user

    return make


# --- Browser tests --------------------------------------------------------------

CHROMIUM = os.environ.get(
    "SUDSUD_CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium"
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip(
            f"browser tests need Debian's chromium at {CHROMIUM} (apt-get install chromium)"
        )
    # Playwright's sync API runs an event loop in this thread; Django refuses ORM
    # calls from such a thread unless told the test process knows what it does.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) on the live server, French by default."""
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(15_000)
    new_page = context.new_page()
    yield new_page
    context.close()


@pytest.fixture
def login(page):
    """``login(user, password)`` signs in through the real sign-in form."""

    def sign_in(
        username: str,
        password: str = "correct horse battery staple",  # noqa: S107 - test fixture
    ) -> None:
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("form#login-form button[type=submit]")

    return sign_in
