"""Local development: debug on, a generated secret kept in the data directory."""

import secrets

from .base import *  # noqa: F403
from .base import DATA_DIR
from .env import env_bool, env_str

DEBUG = env_bool("DJANGO_DEBUG", default=True)


def _local_secret() -> str:
    # A per-installation secret, created once, so dev sessions survive restarts
    # without a secret ever being committed.
    path = DATA_DIR / "secret_key.txt"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = env_str("DJANGO_SECRET_KEY") or _local_secret()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
