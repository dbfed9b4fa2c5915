"""Production: every secret from the environment, HTTPS enforced, HSTS on."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import SECRET_KEY
from .env import env_bool, env_int, env_list

if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters."
    )

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SUDSUD_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env_int("SUDSUD_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
# Preloading binds every subdomain of the ministry's domain to HTTPS for good. On by
# default, as `check --deploy` recommends; docs/configuration.md tells the IT team
# when to turn it off (SUDSUD_HSTS_PRELOAD=0).
SECURE_HSTS_PRELOAD = env_bool("SUDSUD_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SECURE = True

# Programme administrators cannot work without a second factor in production.
SUDSUD_REQUIRE_2FA_ROLES = env_list("SUDSUD_REQUIRE_2FA_ROLES", ["programme_admin"])
