"""The site shell in a real browser (keyboard, phone width), and the first-load
weight budget of the home and sign-in pages."""

import importlib.machinery
import importlib.util
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]
BUDGET_BYTES = 100 * 1024
PHONE = {"width": 360, "height": 740}


def _bench_module():
    """``bench/page_weight``, loaded as a module: the test weighs pages exactly
    as ``make bench`` does."""
    path = ROOT / "bench" / "page_weight"
    loader = importlib.machinery.SourceFileLoader("page_weight", str(path))
    spec = importlib.util.spec_from_loader("page_weight", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_home_keyboard_reaches_skip_link_first_and_enter_focuses_main(page):
    page.goto("/")

    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    page.keyboard.press("Enter")

    assert focused == "skip-link"
    page.wait_for_function("document.activeElement.id === 'main'")
    assert page.evaluate("document.activeElement.tagName") == "MAIN"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_home_has_no_horizontal_scroll_on_a_phone(page, live_server, language):
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language}
    page.context.add_cookies([{**cookie, "url": live_server.url}])
    page.set_viewport_size(PHONE)
    page.goto("/")

    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )

    assert page.evaluate("document.documentElement.lang") == language
    assert overflow <= 0


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["web:home", "accounts:login"])
def test_page_weight_budget(url_name):
    bench = _bench_module()
    response = Client().get(reverse(url_name))
    assert response.status_code == 200

    html, assets, missing = bench.first_load_bytes(response.content)

    assert missing == []
    assert assets > 0  # the stylesheet and htmx were found and counted
    assert html + assets <= BUDGET_BYTES
