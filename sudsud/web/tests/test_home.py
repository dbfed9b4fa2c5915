"""The site shell: home page in each language, health check, security headers,
pages that work without JavaScript, and the error pages."""

import re

import pytest
from django.conf import settings
from django.template import loader
from django.test import Client
from django.urls import reverse

from sudsud.web.views import MODULES

pytestmark = pytest.mark.django_db


def _home(client: Client, language: str | None = None) -> str:
    if language:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("web:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_home_defaults_to_french(client):
    html = _home(client)

    assert '<html lang="fr" dir="ltr">' in html


def test_home_follows_the_language_cookie_in_english(client):
    html = _home(client, "en")

    assert '<html lang="en" dir="ltr">' in html
    assert "Modules" in html


def test_home_is_right_to_left_in_arabic(client):
    html = _home(client, "ar")

    assert '<html lang="ar" dir="rtl">' in html


def test_home_starts_with_a_skip_link_to_main(client):
    html = _home(client, "en")
    body = html.split("<body>", 1)[1]

    assert body.lstrip().startswith('<a class="skip-link" href="#main">')
    assert '<main id="main"' in html


def test_home_lists_the_eight_modules(client):
    html = _home(client, "en")

    assert len(MODULES) == 8
    assert html.count('<li class="card">') == 8
    for _url_name, title, _summary in MODULES:
        assert str(title).replace("&", "&amp;") in html


def test_home_links_existing_modules_for_signed_in_users(client, admin_user):
    client.force_login(admin_user)
    html = _home(client, "en")

    assert f'href="{reverse("organisations:organisation_list")}"' in html
    assert html.count("Coming soon") == sum(1 for url, _t, _s in MODULES if not url)


def test_healthz_answers_ok(client):
    response = client.get(reverse("web:healthz"))

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_home_sends_a_content_security_policy_without_inline_scripts(client):
    response = client.get(reverse("web:home"))
    policy = response["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]*)", policy)

    assert script_src is not None
    assert "'unsafe-inline'" not in script_src.group(1)
    assert "'unsafe-eval'" not in script_src.group(1)
    assert "frame-ancestors 'none'" in policy


def test_home_has_no_inline_script_or_script_only_control(client):
    html = _home(client)

    assert all("src=" in tag for tag in re.findall(r"<script[^>]*>", html))
    assert not re.search(r"\son[a-z]+=", html)  # no onclick=… handlers
    assert 'href="#"' not in html
    assert "javascript:" not in html


def test_language_switch_is_a_plain_form_that_works_without_javascript(client):
    html = _home(client)
    form = re.search(r'<form class="lang-switch"[^>]*>', html)

    assert form is not None
    assert 'method="post"' in form.group(0)
    assert f'action="{reverse("accounts:set_language")}"' in form.group(0)
    response = client.post(
        reverse("accounts:set_language"), {"language": "ar", "next": "/"}
    )
    assert response.status_code == 302
    assert '<html lang="ar" dir="rtl">' in _home(client)


def test_unknown_address_shows_the_404_page_in_the_site_shell(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert 'class="skip-link"' in response.content.decode()
    assert reverse("web:home") in response.content.decode()


def test_expired_form_shows_the_csrf_page_and_changes_nothing():
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        reverse("accounts:set_language"), {"language": "en", "next": "/"}
    )

    assert response.status_code == 403
    assert 'class="skip-link"' in response.content.decode()
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


@pytest.mark.django_db(databases=[])
def test_500_page_renders_without_request_or_database():
    # No database access is allowed in this test: the page must not need one.
    html = loader.get_template("500.html").render()

    assert html.lstrip().startswith("<!doctype html>")
    assert "{%" not in html
    assert 'href="/"' in html
