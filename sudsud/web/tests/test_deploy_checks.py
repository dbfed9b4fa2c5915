"""The production settings pass Django's deployment checklist, and refuse to start
without a proper secret key."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
ALPHABET = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"


def _manage(*args: str, secret_key: str) -> subprocess.CompletedProcess[str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "SUDSUD_")) and key != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_SECRET_KEY=secret_key,
        DJANGO_ALLOWED_HOSTS="sudsud.example.org",
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    secret_key = "".join(secrets.choice(ALPHABET) for _ in range(60))

    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", secret_key=secret_key
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNINGS" not in result.stdout + result.stderr


def test_production_settings_refuse_a_short_secret_key():
    result = _manage("check", secret_key="too-short-to-be-safe")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
