"""One settings module, read from the environment.

Development defaults are safe and need nothing installed: SQLite, no Redis, console email.
Production (DJANGO_DEBUG=False) refuses to start without a real secret key.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

_DEV_SECRET = "dev-only-insecure-secret-key-do-not-use-in-production"  # noqa: S105
SECRET_KEY = env_str("DJANGO_SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not DEBUG and (not SECRET_KEY or SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters "
        "when DJANGO_DEBUG is false."
    )

# Old keys still accepted for signatures after a rotation (sessions, exports' signatures).
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", "")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    # Only for its translations of zxcvbn's feedback (accounts.validators).
    "django_zxcvbn_password_validator",
    "accounts",
    "discovery",
    "evidence",
    "requirements_app",
    "frameworks",
    "reviews",
    "exports",
    "deliverables",
    "api",
]

MIDDLEWARE = [
    # First: an oversized request is refused from its headers, before anything reads it.
    "config.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # After sessions (it reads the language cookie, the session is there for the profile's
    # choice below) and before CommonMiddleware, as Django's documentation asks.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The consultant's own language (their profile) wins over the browser's.
    "accounts.middleware.ProfileLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that a lockout answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.organization",
                "reviews.context_processors.notifications",
            ],
        },
    },
]

# Database: SQLite by default, anything dj-database-url understands through DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True
        )
    }
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
            # Reusing the connection saves the PRAGMAs on connect and, after a write, the
            # WAL checkpoint SQLite runs when the last connection closes.
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {
                # WAL lets readers run beside the writer; IMMEDIATE takes the write lock at
                # BEGIN, so read-then-write transactions wait for it instead of failing
                # with "database is locked" when they try to upgrade a read lock.
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# NIST SP 800-63B-4 and OWASP ASVS 5 (6.2.x): length over composition rules, no forced
# rotation, and a check against commonly used passwords.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": env_int("PASSWORD_MIN_LENGTH", 15)},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "accounts.validators.MaximumLengthValidator"},
    # Common words with digits, keyboard walks and repeats pass the rules above at 15
    # characters ("password12345678", "qwertyuiopasdfgh"): zxcvbn estimates the guesses.
    {"NAME": "accounts.validators.GuessablePasswordValidator"},
]
# zxcvbn's score (0-4) a password must reach: 3 is "safely unguessable", moderate protection
# against an offline attack on a stolen slow hash (about 10^10 guesses).
PASSWORD_MINIMAL_STRENGTH = env_int("PASSWORD_MIN_STRENGTH", 3)
if not 0 <= PASSWORD_MINIMAL_STRENGTH <= 4:
    raise ImproperlyConfigured("PASSWORD_MIN_STRENGTH must be between 0 and 4")
# Words a password must not lean on, besides the user's own name and email.
PASSWORD_EXTRA_DICTIONARY = ["support", "blueprint", "supportblueprint"]

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "discovery:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Failed sign-ins are throttled per (account, address) pair for a cool-off period: a
# guesser is slowed down, and nobody is locked out for good.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_USERNAME_FORM_FIELD = "username"
AXES_VERBOSE = False
# Reverse proxies in front of the app that append to X-Forwarded-For (nginx, a load
# balancer): the client address is the entry the outermost one wrote (accounts.addresses).
# 0 trusts no header. AXES_PROXY_COUNT is the older name.
PROXY_COUNT = env_int("PROXY_COUNT", env_int("AXES_PROXY_COUNT", 0))
AXES_CLIENT_IP_CALLABLE = "accounts.addresses.client_address"
# Across usernames: one address trying many accounts is paused too (accounts.throttles).
SIGNIN_FAILURES_PER_ADDRESS = env_int("SIGNIN_FAILURES_PER_ADDRESS", 30)
SIGNIN_ADDRESS_WINDOW = 15 * 60
# Password reset requests: per address, and per email (silently, so that nothing tells
# whether an address has an account).
PASSWORD_RESETS_PER_ADDRESS = env_int("PASSWORD_RESETS_PER_ADDRESS", 10)
PASSWORD_RESETS_PER_EMAIL = env_int("PASSWORD_RESETS_PER_EMAIL", 3)
PASSWORD_RESET_WINDOW = 60 * 60

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# English and Brazilian Portuguese. Each app keeps its catalogue in <app>/locale/; the
# root templates/ use locale/. The compiled .mo files are committed (README, "Languages").
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("pt-br", "Português (Brasil)")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
# Media (PDFs, logos, uploaded exports) go through Django's storage API: files under
# MEDIA_ROOT by default; with S3_BUCKET set, any S3-compatible store (AWS S3, MinIO, Ceph,
# moto) through django-storages, so that web servers and workers on several machines see
# the same files. Objects are private (no ACL is set, so the bucket's default applies; keep
# the bucket's public access blocked): downloads go through the app's own access checks,
# and any URL the storage makes is signed and expires after S3_URL_EXPIRY seconds.
#   S3_BUCKET, S3_ENDPOINT_URL (empty for AWS), S3_REGION, S3_ACCESS_KEY_ID,
#   S3_SECRET_ACCESS_KEY (both empty: boto3's own chain, e.g. an instance role),
#   S3_ADDRESSING_STYLE (path or virtual; path by default when an endpoint is given),
#   S3_PREFIX (a folder inside the bucket), S3_URL_EXPIRY (300).
S3_BUCKET = env_str("S3_BUCKET")
S3_ENDPOINT_URL = env_str("S3_ENDPOINT_URL")
_media_storage: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if S3_BUCKET:
    _media_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": S3_ENDPOINT_URL or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_str("S3_ACCESS_KEY_ID") or None,
            "secret_key": env_str("S3_SECRET_ACCESS_KEY") or None,
            "addressing_style": env_str(
                "S3_ADDRESSING_STYLE", "path" if S3_ENDPOINT_URL else "auto"
            ),
            "signature_version": "s3v4",
            "location": env_str("S3_PREFIX").strip("/"),
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env_int("S3_URL_EXPIRY", 300),
            # Like the file system: a new upload never replaces another's file of the same
            # name (PDF jobs replace their own file explicitly, deliverables.jobs).
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": _media_storage,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Form posts larger than this, and uploads larger than the next, are refused with 413 from
# their Content-Length, before any of the body is read (config.middleware).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
UPLOAD_MAX_REQUEST_BYTES = 5 * 1024 * 1024 + 256 * 1024  # a 5 MB export and its form

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email, through Django 6.1's MAILERS: the console in development (DEBUG on, no EMAIL_HOST),
# SMTP otherwise: with EMAIL_HOST (the mail catcher in docker-compose), or Django's own
# default of the local mail server when DEBUG is off, since a production server that writes
# its email to the console sends none (check --deploy says so). EMAIL_BACKEND names any
# other backend. The app queues every email and sends it from a Celery task after the
# commit (accounts.mail).
_email_host = env_str("EMAIL_HOST")
_email_backend = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if _email_host or not DEBUG
    else "django.core.mail.backends.console.EmailBackend",
)
MAILERS: dict[str, dict[str, object]] = {"default": {"BACKEND": _email_backend}}
if _email_backend.endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": _email_host or "localhost",
        "port": env_int("EMAIL_PORT", 25),
        "username": env_str("EMAIL_HOST_USER"),
        "password": env_str("EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("EMAIL_USE_TLS", False),
        "timeout": env_int("EMAIL_TIMEOUT", 10),
    }
# Without REDIS_URL: "thread" sends in a background thread after the commit, with the
# worker's retries; "sync" sends inline (tests).
EMAIL_EMBEDDED_RUN = env_str("EMAIL_EMBEDDED_RUN", "thread")
if EMAIL_EMBEDDED_RUN not in {"thread", "sync"}:
    raise ImproperlyConfigured(
        f"EMAIL_EMBEDDED_RUN must be thread or sync, not {EMAIL_EMBEDDED_RUN!r}"
    )
# Webhooks (api.webhooks): a subscription's URL must be https and resolve to a public
# address, checked on save and again before every delivery (DNS may change). True lets
# http and loopback/private receivers through: for tests and a development machine only.
WEBHOOKS_ALLOW_PRIVATE = env_bool("WEBHOOKS_ALLOW_PRIVATE", False)
# Without REDIS_URL: "thread" delivers in a background thread after the commit, with the
# task's backoff; "sync" delivers inline (tests).
WEBHOOK_EMBEDDED_RUN = env_str("WEBHOOK_EMBEDDED_RUN", "thread")
if WEBHOOK_EMBEDDED_RUN not in {"thread", "sync"}:
    raise ImproperlyConfigured(
        f"WEBHOOK_EMBEDDED_RUN must be thread or sync, not {WEBHOOK_EMBEDDED_RUN!r}"
    )
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Support Blueprint <noreply@localhost>")

# Client review links: days until a new link expires, and failed token lookups allowed per
# client address per minute (counted in the database, so the limit holds across processes;
# lookups of a good link never count). REVIEW_RATE_LIMIT_PER_MINUTE is the older name.
REVIEW_LINK_DAYS = env_int("REVIEW_LINK_DAYS", 30)
REVIEW_LINK_FAILURES_PER_MINUTE = env_int(
    "REVIEW_LINK_FAILURES_PER_MINUTE", env_int("REVIEW_RATE_LIMIT_PER_MINUTE", 10)
)
# Where emails point consultants back to (links in notification emails are absolute).
SITE_URL = env_str("SITE_URL", "http://localhost:8000").rstrip("/")

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

# Celery: Redis when REDIS_URL is set. Without it tasks run in-process through the same
# task code, so the embedded default needs no server.
REDIS_URL = env_str("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
# How the embedded mode (no REDIS_URL) runs the PDF task: "thread" runs the same Celery task
# code in a background thread after the request's commit, so the page answers at once and
# polls like it would with a worker; "sync" runs it inline before the response, for tests
# whose uncommitted rows a second thread's connection cannot see.
PDF_EMBEDDED_RUN = env_str("PDF_EMBEDDED_RUN", "thread")
# Largest ticket export a consultant may upload (Ticket history), in MB; the upload view's
# own request limit (config.middleware) is this and room for its form.
EVIDENCE_MAX_UPLOAD_MB = int(os.environ.get("EVIDENCE_MAX_UPLOAD_MB", "200"))
UPLOAD_MAX_REQUEST_BYTES_BY_VIEW = {
    "evidence:page": EVIDENCE_MAX_UPLOAD_MB * 1024 * 1024 + 256 * 1024,
}
if PDF_EMBEDDED_RUN not in {"thread", "sync"}:
    raise ImproperlyConfigured(f"PDF_EMBEDDED_RUN must be thread or sync, not {PDF_EMBEDDED_RUN!r}")
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_WORKER_MAX_TASKS_PER_CHILD = 100
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 400_000  # KiB
CELERY_TASK_SOFT_TIME_LIMIT = 60
CELERY_TASK_TIME_LIMIT = 90
# How long Redis waits before it gives an unacknowledged message (its worker died) to
# another worker: twice the render's hard time limit, so a live render is never handed out
# twice, and a dead worker's job moves again within minutes instead of the default hour.
# Retry countdowns stay below it (an ETA longer than this would be redelivered in a loop).
CELERY_VISIBILITY_TIMEOUT = 2 * CELERY_TASK_TIME_LIMIT
TASK_RETRY_COUNTDOWN_MAX = CELERY_VISIBILITY_TIMEOUT - 60
# A job queued this long without starting (its message was lost with a Redis that had no
# persistence, or never reached it), or rendering this long (its worker died), is sent
# again by every worker's sweep (config.celery).
PDF_STUCK_QUEUED_SECONDS = env_int("PDF_STUCK_QUEUED_SECONDS", CELERY_VISIBILITY_TIMEOUT + 60)
PDF_STUCK_RENDERING_SECONDS = env_int("PDF_STUCK_RENDERING_SECONDS", CELERY_VISIBILITY_TIMEOUT + 60)
# A hung or stopped broker must not hold a web request: bounded socket waits and few retries.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "socket_timeout": 3,
    "max_retries": 1,
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
}
CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"visibility_timeout": CELERY_VISIBILITY_TIMEOUT}
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.2,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# Security headers. HTTPS settings are on whenever DEBUG is off.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # On by default so that `check --deploy` is clean (security.W021); a deployment whose
    # subdomains cannot all serve HTTPS turns it off with DJANGO_HSTS_PRELOAD=false.
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Content Security Policy, enforced: scripts only from our origin and with the per-request
# nonce; htmx runs with allowEval=false, so no 'unsafe-eval' is needed.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    # The nonce lets one <style> element carry an organization's brand colour (a
    # validated hex value); style attributes stay blocked.
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "redact_secrets": {"()": "config.logredact.RedactSecretsFilter"},
        "one_line_client_errors": {"()": "config.logredact.OneLineClientErrors"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact_secrets", "one_line_client_errors"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every stylesheet it parses at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "django.request": {"level": "ERROR"},
    },
}
