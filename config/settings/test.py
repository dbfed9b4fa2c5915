"""Test settings: fast hashing, tasks run inline, no throttles left between tests."""

from .base import *  # noqa: F403
from .base import REST_FRAMEWORK
from .env import env_str

SECRET_KEY = "test-only-secret-key-not-for-production-0123456789abcdef"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
TASKS = {
    "default": {
        "BACKEND": env_str("SUDSUD_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
REST_FRAMEWORK = {**REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
ALLOWED_HOSTS = ["*"]
