"""With ``REDIS_URL`` set, the cache (throttles, shared state between app processes)
lives in Redis. Checked against the real server that CI starts on 127.0.0.1."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
REDIS_URL = os.environ.get("SUDSUD_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")

PROBE = """
import django
django.setup()
from django.conf import settings
from django.core.cache import cache
assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache"), settings.CACHES
cache.set("sudsud-probe", {"pays": "Sénégal"}, 30)
print(cache.get("sudsud-probe")["pays"])
cache.delete("sudsud-probe")
"""


def _redis_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def test_cache_uses_redis_when_redis_url_is_set(tmp_path):
    if not _redis_reachable():
        if os.environ.get("CI"):
            pytest.fail("CI must provide Redis on 127.0.0.1:6379")
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "REDIS_URL": REDIS_URL,
        "SUDSUD_DATA_DIR": str(tmp_path),
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "Sénégal"
