"""Test settings: fast hashing, tasks run inline, no throttles left between tests."""

import os

from .base import *  # noqa: F403
from .base import DATA_DIR, DATABASES, REST_FRAMEWORK
from .env import env_str

SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {
        "BACKEND": env_str(
            "SUDSUD_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
ALLOWED_HOSTS = ["*"]

# The SQLite test database is created in the data folder, which a fresh clone lacks.
DATA_DIR.mkdir(parents=True, exist_ok=True)
# Tests never run collectstatic: look files up per request instead of scanning a
# missing STATIC_ROOT at start-up (which only warns).
WHITENOISE_AUTOREFRESH = True

# One test database per test process, so two suites (or two developers' runs) on the
# same machine never share one; pytest-xdist adds its own worker suffix.
_db = DATABASES["default"]
if _db["ENGINE"].endswith("sqlite3"):
    _db["TEST"] = {"NAME": str(DATA_DIR / f"test-sudsud-{os.getpid()}.sqlite3")}
else:
    _db["TEST"] = {"NAME": f"test_{_db['NAME']}_{os.getpid()}"}
