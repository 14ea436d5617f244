"""Settings for the review desk, read from the environment.

Every value a deployment changes comes from an environment variable; the helpers below fail
loudly on a value they cannot read instead of guessing.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r} is not a boolean; use 1/0, true/false, yes/no.")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r} is not a whole number.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_SECRET_KEY (a long random string), or DJANGO_DEBUG=1 for development."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

# TLS hardening behind one switch, for a desk served over HTTPS by a proxy that terminates
# TLS and says so in X-Forwarded-Proto (the proxy must set that header itself, always).
HTTPS = env_bool("DJANGO_HTTPS", False)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]  # the proxy's own checks may come over plain HTTP
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
# Pages read the CSRF token from the page (base.html's hx-headers), never from the cookie.
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # Django's widget templates, for the form renderer below
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks_db",
    "review",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "review.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "review.outage.OutageMiddleware",
    "review.middleware.SessionMiddleware",  # Django's, answering a failed save as an outage
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # After CSRF's cookie is read, before its check reads the body (that runs with the views).
    "review.middleware.RequestSizeMiddleware",
    "review.middleware.SessionIdleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "review.middleware.HtmxErrorMiddleware",  # inside HtmxMiddleware: reads request.htmx
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# Content-Security-Policy on every page (Django's own middleware): scripts, styles, fonts,
# images, requests and form posts from the desk itself only; nobody may frame it. The one
# allowance is style *attributes*: the flag colours travel as `style="--hl:#rrggbb"` custom
# properties on marks (and bar widths as `--w`), which CSS turns into colours and widths.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "style-src-attr": [CSP.UNSAFE_INLINE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}
# Browser features the desk never uses (review.middleware.PermissionsPolicyMiddleware).
REVIEW_PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "browsing-topics",
    )
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "review.context_processors.desk",
            ],
        },
    },
]

# Forms render with the site's own template engine, so a widget can use a template of the
# desk's (review.forms.ListSelect); Django's widget templates come from "django.forms".
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# SQLite is the embedded default. The options are the ones measured in ENVIRONMENT.md to give
# 0 "database is locked" errors with 8 concurrent writers: IMMEDIATE transactions take the
# write lock up front (no deadlocking upgrade), WAL lets readers run beside the writer.
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}
# Each gunicorn worker keeps its connection for DATABASE_CONN_MAX_AGE seconds (a new
# PostgreSQL connection per request costs a server process fork), checked before reuse so a
# restarted database is reconnected to, not failed on.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {**SQLITE_OPTIONS, **DATABASES["default"].get("OPTIONS", {})}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED_STATEMENTS", True
):
    # On PostgreSQL a statement a connection has run five times is prepared (psycopg's
    # threshold): planning, more than half of PostgreSQL's time in the load test, is then
    # mostly skipped (32 editors: 10-20% more requests per second in alternating runs).
    # Django leaves this off for transaction-mode poolers, which cannot keep a prepared
    # statement between transactions: DATABASE_PREPARED_STATEMENTS=0 behind one of those.
    DATABASES["default"]["OPTIONS"] = {
        "server_side_binding": True,
        "prepare_threshold": 5,
        **DATABASES["default"].get("OPTIONS", {}),
    }
# No request-wide transaction: every write is atomic in its service, reads take no lock (on
# SQLite a request-wide IMMEDIATE transaction made every GET hold the write lock through
# rendering), and a page renders after its write has committed.
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Where `collectstatic` gathers the static files that whitenoise serves.
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("DJANGO_TESTING", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "review:article_list"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after a working day without a request (REVIEW_SESSION_IDLE_SECONDS); the
# expiry moves forward at most every REVIEW_SESSION_REFRESH_SECONDS (review.middleware).
SESSION_COOKIE_AGE = env_int("REVIEW_SESSION_IDLE_SECONDS", 8 * 3600)
REVIEW_SESSION_REFRESH_SECONDS = env_int("REVIEW_SESSION_REFRESH_SECONDS", 300)
SESSION_SAVE_EVERY_REQUEST = False
# Django's database sessions, read with one plain statement (review/sessions.py).
SESSION_ENGINE = "review.sessions"

# Login throttling (django-axes): after REVIEW_LOGIN_FAILURE_LIMIT wrong passwords in a row
# for one username, or from one address, further attempts are refused without checking the
# password until REVIEW_LOGIN_COOLOFF_MINUTES pass or an admin deletes the access attempt.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: a locked attempt never reaches a hasher
    "review.auth_backend.DeskModelBackend",  # ModelBackend, its permissions in one query
]
AXES_FAILURE_LIMIT = env_int("REVIEW_LOGIN_FAILURE_LIMIT", 10)
AXES_LOCKOUT_PARAMETERS = env_list("REVIEW_LOGIN_LOCKOUT_BY", ["username", "ip_address"])
AXES_COOLOFF_TIME = timedelta(minutes=env_int("REVIEW_LOGIN_COOLOFF_MINUTES", 30))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "review.accounts.client_ip"
AXES_SENSITIVE_PARAMETERS = ["password", "old_password", "new_password1", "new_password2"]
AXES_VERBOSE = False
# Proxies in front of the desk that append to X-Forwarded-For (0: use the socket's address).
REVIEW_PROXY_COUNT = env_int("REVIEW_PROXY_COUNT", 1 if HTTPS else 0)

# Django 6.1's MAILERS replaces EMAIL_BACKEND. Development prints mail to the console; in
# production the backend must be chosen (notifications and password resets go through it).
EMAIL_BACKEND_NAME = os.environ.get("DJANGO_EMAIL_BACKEND", "")
if not EMAIL_BACKEND_NAME:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set DJANGO_EMAIL_BACKEND (e.g. django.core.mail.backends.smtp.EmailBackend with "
            "DJANGO_EMAIL_HOST), or ...dummy.EmailBackend to send no mail at all."
        )
    EMAIL_BACKEND_NAME = "django.core.mail.backends.console.EmailBackend"
MAILERS = {
    "default": {
        "BACKEND": EMAIL_BACKEND_NAME,
        "OPTIONS": {
            key: value
            for key, value in {
                "host": os.environ.get("DJANGO_EMAIL_HOST"),
                "port": env_int("DJANGO_EMAIL_PORT", 0) or None,
                "username": os.environ.get("DJANGO_EMAIL_USER"),
                "password": os.environ.get("DJANGO_EMAIL_PASSWORD"),
                "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", False) or None,
                # A slow mail server must not hold a request (mail goes out after commit).
                "timeout": env_int("DJANGO_EMAIL_TIMEOUT", 10),
            }.items()
            if value
        }
        if EMAIL_BACKEND_NAME.endswith("smtp.EmailBackend")
        else {},
    }
}
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "review-desk@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The largest manuscript the import accepts, in bytes of UTF-8.
REVIEW_MAX_IMPORT_BYTES = env_int("REVIEW_MAX_IMPORT_BYTES", 5 * 1024 * 1024)
# The public address used in e-mail links and exported annotation ids and targets. Required
# in production: a default would point every link at somebody's localhost.
REVIEW_SITE_URL = os.environ.get("REVIEW_SITE_URL", "").rstrip("/")
if not REVIEW_SITE_URL:
    if not DEBUG:
        raise ImproperlyConfigured(
            "Set REVIEW_SITE_URL to the desk's public address, e.g. https://desk.example.org."
        )
    REVIEW_SITE_URL = "http://127.0.0.1:8000"
# Seconds a 503 page (database unavailable) asks browsers and proxies to wait.
REVIEW_RETRY_AFTER_SECONDS = env_int("REVIEW_RETRY_AFTER_SECONDS", 15)
# How often an open page asks for the Inbox's unread count (one small query per ask).
REVIEW_INBOX_POLL_SECONDS = env_int("REVIEW_INBOX_POLL_SECONDS", 20)
# The desk's own outlet names ("The Courier", "Courier TV"): "told The Courier" is the desk's
# own interview, not second-hand reporting from another outlet.
REVIEW_OUTLET_NAMES = env_list("REVIEW_OUTLET_NAMES", [])
DATA_UPLOAD_MAX_MEMORY_SIZE = REVIEW_MAX_IMPORT_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = REVIEW_MAX_IMPORT_BYTES + 1024 * 1024

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Background work (Django's tasks framework, stored by django-tasks-db in the database: no
# broker on SQLite or PostgreSQL). `manage.py db_worker` runs the queue; `make run` starts one.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
REVIEW_TASKS_BACKEND = os.environ.get("REVIEW_TASKS_BACKEND", "default")
# Imports bigger than this (bytes of text), and checks runs and exports of stories with more
# sentences than this, run as background jobs with a progress page instead of in the request.
REVIEW_BACKGROUND_IMPORT_BYTES = env_int("REVIEW_BACKGROUND_IMPORT_BYTES", 512 * 1024)
REVIEW_BACKGROUND_SENTENCES = env_int("REVIEW_BACKGROUND_SENTENCES", 5000)
# A job silent this long (no step finished) is taken for stopped, and may be started again.
# Longer than the longest step: checks on the largest story the import accepts.
REVIEW_JOB_STALE_SECONDS = env_int("REVIEW_JOB_STALE_SECONDS", 900)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
