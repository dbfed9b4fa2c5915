"""Settings shared by every environment. Deployment-specific values come from the
environment (``docs/configuration.md`` lists each variable)."""

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Everything the platform writes (SQLite database, uploads, backups) lives here, so an
# office installation backs up one folder.
DATA_DIR = Path(env_str("SUDSUD_DATA_DIR", str(BASE_DIR / "var"))).resolve()

SECRET_KEY = env_str("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # Ours first, so our templates (login, password reset…) win over contrib's.
    "sudsud.core",
    "sudsud.places",
    "sudsud.accounts",
    "sudsud.organisations",
    "sudsud.programmes",
    "sudsud.atlas",
    "sudsud.web",
    "sudsud.api",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After OTP (verification) and messages: roles that must use two-factor
    # authentication are sent to turn it on.
    "sudsud.accounts.middleware.RequireTwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Axes must be last: it turns a lockout raised by authentication into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "sudsud.web.context_processors.platform",
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    url = env_str("DATABASE_URL")
    if url:
        return dict(
            dj_database_url.parse(
                url, conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60)
            )
        )
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "sudsud.sqlite3",
        "OPTIONS": {
            # WAL lets readers work while the background worker writes; IMMEDIATE
            # avoids "database is locked" on upgrade from read to write.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        },
        "TEST": {"NAME": str(DATA_DIR / "test-sudsud.sqlite3")},
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    # Shared between processes (unlike local memory), so several app processes
    # behind a load balancer agree on throttles and caches.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "sudsud_cache",
        }
    }
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SUDSUD_SESSION_AGE_SECONDS", 60 * 60 * 12)

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {
        "NAME": f"{_VALIDATORS}.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"

# Throttle repeated failed sign-ins (django-axes): after SUDSUD_LOGIN_FAILURE_LIMIT
# failures for the same user name from the same address, that pair is locked out for
# the cool-off period; after SUDSUD_LOGIN_IP_FAILURE_LIMIT failures from one address
# (whatever the user names), the address is. ``sudsud.accounts.lockout`` applies
# the two limits; a successful sign-in clears only its own user name's count.
SUDSUD_LOGIN_FAILURE_LIMIT = env_int("SUDSUD_LOGIN_FAILURE_LIMIT", 5)
SUDSUD_LOGIN_IP_FAILURE_LIMIT = env_int("SUDSUD_LOGIN_IP_FAILURE_LIMIT", 30)
AXES_FAILURE_LIMIT = "sudsud.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = env_int("SUDSUD_LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
AXES_IPWARE_PROXY_COUNT = env_int("SUDSUD_PROXY_COUNT", 0)
# Password-reset e-mails: at most this many requests per hour per address of origin
# and per e-mail address; beyond, the same neutral page is shown and nothing is sent.
SUDSUD_PASSWORD_RESET_LIMIT = env_int("SUDSUD_PASSWORD_RESET_LIMIT", 5)
# Roles (comma-separated) whose members must turn on two-factor authentication
# before using anything else (``sudsud.accounts.middleware``). Empty here so that
# development and tests need no authenticator app; production.py requires it of
# programme administrators.
SUDSUD_REQUIRE_2FA_ROLES = env_list("SUDSUD_REQUIRE_2FA_ROLES", [])

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["sudsud.core.formats"]  # Arabic digit grouping
TIME_ZONE = env_str("SUDSUD_TIME_ZONE", "Africa/Casablanca")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "assets"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Uploads: a hard ceiling on what one request may carry, and a lower one for files
# that the platform parses (imports), checked with a clear message.
SUDSUD_MAX_UPLOAD_BYTES = env_int("SUDSUD_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
# The hard ceiling: a request carrying more is cut off while it is read (400), so a
# huge upload never fills the disk. Between the two limits the form says politely
# that the file is too large.
SUDSUD_MAX_REQUEST_BYTES = 2 * SUDSUD_MAX_UPLOAD_BYTES
DATA_UPLOAD_MAX_MEMORY_SIZE = SUDSUD_MAX_UPLOAD_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_HANDLERS = [
    "sudsud.core.upload_handlers.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "sudsud@localhost")

# Background tasks: by default a queue in the database, run by `manage.py db_worker`.
# With SUDSUD_TASKS_BACKEND=django_tasks_fennel.CeleryBackend they go through Redis to
# Celery workers (`celery -A django_tasks_fennel.app worker`) on one or more hosts.
CELERY_TASKS_BACKEND = "django_tasks_fennel.CeleryBackend"
TASKS_BACKEND = env_str("SUDSUD_TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
if TASKS_BACKEND == CELERY_TASKS_BACKEND:
    INSTALLED_APPS.append("django_tasks_fennel")
    # A Redis database of its own: the queue must not share the cache's database.
    CELERY_BROKER_URL = env_str("SUDSUD_CELERY_BROKER_URL", REDIS_URL)
    if not CELERY_BROKER_URL:
        raise ImproperlyConfigured(
            "SUDSUD_CELERY_BROKER_URL (or REDIS_URL) must be set for the Celery backend."
        )
    CELERY_RESULT_BACKEND = env_str("SUDSUD_CELERY_RESULT_BACKEND", CELERY_BROKER_URL)
    CELERY_RESULT_EXTENDED = True
    CELERY_RESULT_EXPIRES = env_int("SUDSUD_CELERY_RESULT_EXPIRES_SECONDS", 7 * 86400)
    # A task is acknowledged once it has run, so a worker that dies mid-import
    # (host restart) leaves it on the queue for another worker, not lost.
    CELERY_TASK_ACKS_LATE = True
    CELERY_TASK_REJECT_ON_WORKER_LOST = True
    CELERY_WORKER_PREFETCH_MULTIPLIER = 1
    CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
    # Longer than the longest import, or Redis hands the task to a second worker.
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "visibility_timeout": env_int("SUDSUD_CELERY_VISIBILITY_TIMEOUT", 6 * 3600)
    }

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "sudsud.api.pagination.StandardPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": ["rest_framework.throttling.UserRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"user": env_str("SUDSUD_API_RATE", "2000/hour")},
    "EXCEPTION_HANDLER": "sudsud.api.exceptions.api_exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "sudsud API",
    "DESCRIPTION": "API of the South-South Migration Cooperation platform.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a ``kind`` field with different choices: name each enum
    # after its choices class, so the schema is stable (and check --deploy is clean).
    "ENUM_NAME_OVERRIDES": {
        "PlaceKindEnum": "sudsud.places.models.PlaceKind",
        "GroupingKindEnum": "sudsud.places.models.GroupingKind",
        "OrganisationKindEnum": "sudsud.organisations.models.OrganisationKind",
        "FundingKindEnum": "sudsud.programmes.models.FundingKind",
        "IndicatorKindEnum": "sudsud.programmes.models.IndicatorKind",
        "ActivityStatusEnum": "sudsud.programmes.models.ActivityStatus",
        "UpdateStatusEnum": "sudsud.programmes.models.UpdateStatus",
        "PartnerRoleEnum": "sudsud.programmes.models.PartnerRole",
        "RoleEnum": "sudsud.accounts.models.Role",
        "JobStatusEnum": "sudsud.core.models.JobStatus",
    },
}

# Content security policy: nothing from other hosts; no inline scripts. The API
# documentation page (Swagger UI) alone is allowed inline styles (sudsud/api/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

OTP_TOTP_ISSUER = env_str("SUDSUD_OTP_ISSUER", "sudsud")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("SUDSUD_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Monitoring: an open activity whose planned end falls within this many days is
# "at risk" (docs/monitoring.md gives the whole rule).
SUDSUD_AT_RISK_DAYS = env_int("SUDSUD_AT_RISK_DAYS", 90)
if SUDSUD_AT_RISK_DAYS < 0:
    raise ImproperlyConfigured("SUDSUD_AT_RISK_DAYS must be 0 or more.")

# Atlas: a national file (which may list people one by one) that is not imported
# within this many days of its upload is deleted by `manage.py purge_national_uploads`
# (docs/atlas.md, "Personal data"). Imported files are deleted at once.
SUDSUD_NATIONAL_UPLOAD_DAYS = env_int("SUDSUD_NATIONAL_UPLOAD_DAYS", 7)
if SUDSUD_NATIONAL_UPLOAD_DAYS < 1:
    raise ImproperlyConfigured("SUDSUD_NATIONAL_UPLOAD_DAYS must be 1 or more.")

# The deployment's documented choice for disputed areas on maps
# (see docs/configuration.md).
SUDSUD_DISPUTED_BOUNDARIES = env_str("SUDSUD_DISPUTED_BOUNDARIES", "un")

# IATI publication (docs/configuration.md, section IATI). The official 2.03 XSD files
# are not shipped: point SUDSUD_IATI_SCHEMA_DIR at a folder holding them to validate
# exports against the schema (the ruleset checks run in any case).
SUDSUD_IATI_SCHEMA_DIR = env_str("SUDSUD_IATI_SCHEMA_DIR")
SUDSUD_IATI_REPORTING_ORG_REF = env_str("SUDSUD_IATI_REPORTING_ORG_REF")
SUDSUD_IATI_REPORTING_ORG_NAME = env_str("SUDSUD_IATI_REPORTING_ORG_NAME")
SUDSUD_IATI_SECTOR = env_str("SUDSUD_IATI_SECTOR", "15190")
