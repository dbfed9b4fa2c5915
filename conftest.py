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


@pytest.fixture
def countries(db):
    """The four partner countries and two others, as minimal places."""
    from sudsud.places.tests.factories import PlaceFactory

    return {
        "MAR": PlaceFactory(
            code=504,
            iso2="MA",
            iso3="MAR",
            name_fr="Maroc",
            name_en="Morocco",
            name_ar="المغرب",
        ),
        "SEN": PlaceFactory(
            code=686,
            iso2="SN",
            iso3="SEN",
            name_fr="Sénégal",
            name_en="Senegal",
            name_ar="السنغال",
        ),
        "CIV": PlaceFactory(
            code=384,
            iso2="CI",
            iso3="CIV",
            name_fr="Côte d’Ivoire",
            name_en="Côte d’Ivoire",
            name_ar="ساحل العاج",
        ),
        "MLI": PlaceFactory(
            code=466,
            iso2="ML",
            iso3="MLI",
            name_fr="Mali",
            name_en="Mali",
            name_ar="مالي",
        ),
        "FRA": PlaceFactory(
            code=250,
            iso2="FR",
            iso3="FRA",
            name_fr="France",
            name_en="France",
            name_ar="فرنسا",
        ),
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
