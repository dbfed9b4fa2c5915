import re

import pytest

pytestmark = pytest.mark.django_db


def test_schema_describes_every_app_endpoint(admin_client):
    response = admin_client.get("/api/v1/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for expected in ("/api/v1/organisations/", "/api/v1/places/", "/api/v1/me/"):
        assert expected in paths


def test_docs_page_has_no_inline_script_so_the_csp_allows_it(admin_client):
    html = admin_client.get("/api/v1/docs/").content.decode()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts
    assert all(
        "src=" in attributes and not body.strip() for attributes, body in scripts
    )


def test_only_the_docs_page_allows_inline_styles(admin_client):
    home_policy = admin_client.get("/")["Content-Security-Policy"]
    docs_policy = admin_client.get("/api/v1/docs/")["Content-Security-Policy"]
    assert "style-src 'self';" in home_policy + ";"
    assert "unsafe-inline" not in home_policy
    assert "style-src 'self' 'unsafe-inline'" in docs_policy
    assert "script-src 'self'" in docs_policy


def test_schema_of_every_endpoint_builds_without_warning(tmp_path):
    from django.core.management import call_command

    # --fail-on-warn turns any unresolvable serializer or enum clash into an error.
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yml"),
    )
    assert "/api/v1/activities/" in (tmp_path / "schema.yml").read_text()
