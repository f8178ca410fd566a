"""Settings from the environment, safe defaults for a laptop demo.

DATABASE_URL selects PostgreSQL in production; without it an SQLite file under
SCORECARD_DATA_DIR is used, in WAL mode with persistent connections (STACK.md:
about 4x the saves per second of Django's defaults, and no "database is locked").
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
import dj_email_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("SCORECARD_DATA_DIR", "data")).resolve()


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in the data folder."""
    if key := os.environ.get("SECRET_KEY"):
        return key
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), "utf-8")
        path.chmod(0o600)
    return path.read_text("utf-8").strip()


def _flag(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = _secret_key()
DEBUG = _flag("DEBUG", False)
ALLOWED_HOSTS = [h for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "scorecard.web.accounts",
    "scorecard.web.editions",
    "scorecard.web.responses",
    "scorecard.web.reports",
    "scorecard.web.networks",
    "scorecard.web.participants",
    "scorecard.web.api",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "scorecard.web.urls"
WSGI_APPLICATION = "scorecard.web.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]
        },
    }
]


def _database() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL")
    if url:
        db: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
        return db
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "scorecard.sqlite3",
        "CONN_MAX_AGE": 60,
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "editions:home"
LOGOUT_REDIRECT_URL = "accounts:login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("ru", "Русский"), ("kk", "Қазақша")]
LOCALE_PATHS = [BASE_DIR.parent / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", DATA_DIR / "static"))

# Uploads: refuse big bodies before reading them whole (interop has its own limit too).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
SCORECARD_MAX_UPLOAD_BYTES = int(os.environ.get("SCORECARD_MAX_UPLOAD_MB", "50")) * 1024 * 1024
SCORECARD_COMMENT_MAX_CHARS = 5000
# Coalition and partner logos (PNG, JPEG, SVG): stored in the database and embedded in
# every report and published version, so kept small.
SCORECARD_MAX_LOGO_BYTES = int(os.environ.get("SCORECARD_MAX_LOGO_KB", "512")) * 1024
# Open links (no invitation): new respondents per client address per hour, and how many
# proxies in front of the app append to X-Forwarded-For (1 behind nginx).
SCORECARD_OPEN_LINK_PER_HOUR = int(os.environ.get("SCORECARD_OPEN_LINK_PER_HOUR", "20"))
# Failed logins (workspace and admin; accounts/limits.py): per account, this many in 24 h,
# then a wait from the first, doubling with each failure, up to the longest; per client
# address, this many per hour. Successful logins never count.
SCORECARD_LOGIN_ACCOUNT_FAILURES = int(os.environ.get("SCORECARD_LOGIN_ACCOUNT_FAILURES", "5"))
SCORECARD_LOGIN_FIRST_WAIT_SECONDS = int(os.environ.get("SCORECARD_LOGIN_FIRST_WAIT_SECONDS", "60"))
SCORECARD_LOGIN_MAX_WAIT_SECONDS = int(os.environ.get("SCORECARD_LOGIN_MAX_WAIT_SECONDS", "3600"))
SCORECARD_LOGIN_FAILURES_PER_ADDRESS = int(
    os.environ.get("SCORECARD_LOGIN_FAILURES_PER_ADDRESS", "100")
)
SCORECARD_TRUSTED_PROXY_COUNT = int(os.environ.get("SCORECARD_TRUSTED_PROXY_COUNT", "0"))

# Background tasks (publishing renders, e-mail): django-tasks with its database backend,
# so there is no broker to run; `scorecard worker` runs the queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# A render job holds its version for this long between files; a killed job's version is
# taken over after it (at once by a worker on the same machine, which sees the job is gone).
SCORECARD_RENDER_LEASE_SECONDS = int(os.environ.get("SCORECARD_RENDER_LEASE_SECONDS", "300"))
SCORECARD_RESULTS_CACHE = _flag("SCORECARD_RESULTS_CACHE", True)  # results_cache.py


def _email() -> dict[str, Any]:
    """Django's EMAIL_* settings from one EMAIL_URL (dj-email-url); the console by default.

    ``smtp+tls://`` (STARTTLS) and ``smtp+ssl://`` are read too, the spellings most mail
    providers' guides use; dj-email-url itself knows them as ``submission`` and ``?ssl=1``.
    """
    url = os.environ.get("EMAIL_URL", "console:")
    scheme, _, rest = url.partition("://")
    if scheme == "smtp+tls":
        url = f"submission://{rest}"
    elif scheme == "smtp+ssl":
        url = f"smtp://{rest}{'&' if '?' in rest else '?'}ssl=1"
    parsed = dj_email_url.parse(url)
    if "EMAIL_BACKEND" not in parsed:
        from django.core.exceptions import ImproperlyConfigured

        known = "smtp://, smtp+tls://, smtp+ssl://, submission://, console:, file:, memory:"
        raise ImproperlyConfigured(f"EMAIL_URL: unknown scheme {scheme!r}; use one of {known}")
    found = {k: v for k, v in parsed.items() if v is not None and v != ""}
    found.setdefault("EMAIL_TIMEOUT", 30)
    return found


# E-mail: invitations and reminders (participants app), and tracebacks to ADMINS.
_EMAIL = _email()
EMAIL_BACKEND = _EMAIL.pop("EMAIL_BACKEND")
globals().update(_EMAIL)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", _EMAIL.get("DEFAULT_FROM_EMAIL", "scorecard@localhost")
)
SERVER_EMAIL = _EMAIL.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# The site's address, for links in messages sent by the worker (no request to ask).
SCORECARD_SITE_URL = os.environ.get("SCORECARD_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Messages per minute for the mail provider's limit; 0 sends as fast as the server takes them.
SCORECARD_MAIL_PER_MINUTE = int(os.environ.get("SCORECARD_MAIL_PER_MINUTE", "0"))
# A sending job holds its claimed messages this long; a killed job's are taken over after it.
SCORECARD_MAIL_LEASE_SECONDS = int(os.environ.get("SCORECARD_MAIL_LEASE_SECONDS", "120"))
# After the mail server could not be reached, the worker tries the rest again this much later.
SCORECARD_MAIL_RETRY_SECONDS = int(os.environ.get("SCORECARD_MAIL_RETRY_SECONDS", "300"))


def _storages() -> dict[str, Any]:
    """Published files: the data folder, or S3-compatible storage shared by several servers."""
    static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    bucket = os.environ.get("SCORECARD_S3_BUCKET")
    if bucket:
        options = {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("SCORECARD_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("SCORECARD_S3_REGION") or None,
            "access_key": os.environ.get("SCORECARD_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("SCORECARD_S3_SECRET_KEY") or None,
            "default_acl": "private",
            "file_overwrite": False,
        }
        return {
            "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
            "staticfiles": static,
        }
    files = Path(os.environ.get("SCORECARD_FILES_DIR", DATA_DIR / "files"))
    return {
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": files, "base_url": None},
        },
        "staticfiles": static,
    }


STORAGES = _storages()

# Every unhandled exception's traceback goes to stderr (the gunicorn error log or the
# journal), and to ADMINS by mail when e-mail is configured; render jobs log each file.
ADMINS = [
    ("Admin", a.strip()) for a in os.environ.get("SCORECARD_ADMINS", "").split(",") if a.strip()
]
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_admins"],
        },
    },
    "filters": {
        "require_admins": {
            "()": "django.utils.log.CallbackFilter",
            "callback": lambda record: bool(ADMINS),
        }
    },
    "loggers": {
        "django.request": {"handlers": ["stderr", "mail_admins"], "level": "ERROR"},
        "scorecard": {"handlers": ["stderr"], "level": "INFO"},
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp) on every page: scripts and styles from this site
# only. Pages have no inline script or event handler; style="..." attributes (goal
# colours, the public page's swatches) and the report's <style> need 'unsafe-inline' for
# styles only. A response with its own header keeps it (published files: FILE_CSP).
CONTENT_SECURITY_POLICY: dict[str, Any] = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        # Logos are embedded as data URIs (PNG, JPEG, sanitised SVG; no script runs in <img>).
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
SECURE_REFERRER_POLICY = "same-origin"
if _flag("SCORECARD_HTTPS", False):
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = _flag("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Eligible for browsers' preload lists; submitting the domain stays a manual choice.
    SECURE_HSTS_PRELOAD = _flag("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
