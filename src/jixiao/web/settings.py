"""Settings from the environment.

``DATABASE_URL`` picks the database (a SQLite file under ``JIXIAO_DATA_DIR`` by default; PostgreSQL in production
and CI). ``JIXIAO_SECRET_KEY``, ``JIXIAO_DEBUG``, ``JIXIAO_ALLOWED_HOSTS`` (comma separated) do what they say.
:mod:`jixiao.web.production` hardens these for a deployment behind HTTPS.
"""

from __future__ import annotations

import ipaddress
import os
import tempfile
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

DATA_DIR = Path(os.environ.get("JIXIAO_DATA_DIR", Path.cwd() / "var"))


def env_flag(name: str, default: bool = False) -> bool:
    return os.environ.get(name, "1" if default else "0").strip().lower() in ("1", "true", "yes", "on")


SECRET_KEY = os.environ.get("JIXIAO_SECRET_KEY", "insecure-development-key-set-JIXIAO_SECRET_KEY-in-production")
DEBUG = env_flag("JIXIAO_DEBUG")
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("JIXIAO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",  # its Swagger UI page and assets, served from the app's static files (no CDN)
    "jixiao.web.apps.WebConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "jixiao.web.middleware.PasswordChangeRequiredMiddleware",
    "jixiao.web.middleware.DatabaseBusyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "jixiao.web.site_urls"
WSGI_APPLICATION = "jixiao.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "jixiao.web.views.context.navigation",
            ],
        },
    },
]


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DATA_DIR / 'jixiao.sqlite3'}"


#: Seconds to keep a database connection open between requests (0: one per request). Each gunicorn worker keeps its
#: own and checks it is alive before reusing it, so a restarted database costs one failed check, not an error page.
CONN_MAX_AGE = int(os.environ.get("JIXIAO_DB_CONN_MAX_AGE", 300))
DATABASES = {
    "default": dj_database_url.parse(_database_url(), conn_max_age=CONN_MAX_AGE, conn_health_checks=CONN_MAX_AGE > 0)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Take SQLite's write lock when a transaction begins, waiting up to 20 s for it: two people saving the same
    # draft then queue, and the second meets the optimistic-locking message instead of "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {}).update({"transaction_mode": "IMMEDIATE", "timeout": 20})
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No statement runs, no wait for a lock lasts and no transaction stays open idle past these (seconds; 0 turns
    # one off, e.g. for a long migration): one slow request cannot hold a row lock for everyone else.
    _limits = {
        "statement_timeout": int(os.environ.get("JIXIAO_DB_STATEMENT_TIMEOUT", 30)),
        "lock_timeout": int(os.environ.get("JIXIAO_DB_LOCK_TIMEOUT", 10)),
        "idle_in_transaction_session_timeout": int(os.environ.get("JIXIAO_DB_IDLE_TRANSACTION_TIMEOUT", 60)),
    }
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = " ".join(
        f"-c {name}={seconds * 1000}" for name, seconds in _limits.items()
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

#: In the database (its table made by migration 0003), so login failures count across every worker process
#: and server of a deployment, and survive a restart.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "web_cache"}}

AUTHENTICATION_BACKENDS = ["jixiao.web.backends.RoleBackend"]  # the user with their role, in one query

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "jixiao.web.passwords.NotLikeTheUser"},
    {"NAME": "jixiao.web.passwords.MinimumLength", "OPTIONS": {"min_length": 10}},
    {"NAME": "jixiao.web.passwords.NotCommon"},
]

#: The pages are written in Chinese, for every visitor whatever their browser asks for: there is no language
#: switch and no message catalogue of our own. Translation stays on only so that Django's own messages
#: (form validation, password rules) come from its Chinese catalogue too.
LANGUAGE_CODE = "zh-hans"
USE_I18N = True
TIME_ZONE = os.environ.get("JIXIAO_TIME_ZONE", "Asia/Shanghai")
USE_TZ = True

STATIC_URL = "/static/"
WHITENOISE_USE_FINDERS = True  # serve app static files without a collectstatic step
WHITENOISE_AUTOREFRESH = DEBUG

LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:todo"
LOGOUT_REDIRECT_URL = "web:public"

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
#: Scripts and styles only from the app's own static files: no inline script, event handler or style attribute
#: runs (a test checks every page has none), so an injected one would not either.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

#: Largest file accepted by the import page, and the request body limit around it.
JIXIAO_UPLOAD_MAX_BYTES = int(os.environ.get("JIXIAO_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = JIXIAO_UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = JIXIAO_UPLOAD_MAX_BYTES + 1024 * 1024
#: A scan is read by OCR in a background thread of the serving process; set to read it within the upload request.
JIXIAO_SCAN_READING_INLINE = env_flag("JIXIAO_SCAN_READING_INLINE")
#: Where uploads are written for the readers, a folder per worker process (see :mod:`jixiao.web.services.scratch`).
JIXIAO_SCRATCH_DIR = os.environ.get(
    "JIXIAO_SCRATCH_DIR", str(Path(tempfile.gettempdir()) / f"jixiao-scratch-{os.getuid()}")
)
#: The 指标库 the editor suggests from and the review compares with (JX-R010): a library file (``jixiao library
#: build``), into which every published table of the system is put (``manage.py rebuild_library``, and on each
#: publication). No file: no suggestions and no JX-R010.
JIXIAO_LIBRARY_PATH = Path(os.environ.get("JIXIAO_LIBRARY_PATH", DATA_DIR / "library.sqlite"))
#: The editor posts ten fields per indicator row; Django's default of 1000 would refuse a table of 100 rows.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20000
#: Failed logins per user name (and, a higher bar, per address) before the login form refuses for
#: ``JIXIAO_LOGIN_LOCK_SECONDS``.
JIXIAO_LOGIN_MAX_FAILURES = int(os.environ.get("JIXIAO_LOGIN_MAX_FAILURES", 5))
JIXIAO_LOGIN_MAX_FAILURES_PER_ADDRESS = int(os.environ.get("JIXIAO_LOGIN_MAX_FAILURES_PER_ADDRESS", 50))
JIXIAO_LOGIN_LOCK_SECONDS = int(os.environ.get("JIXIAO_LOGIN_LOCK_SECONDS", 15 * 60))


#: The proxies (addresses or networks, comma separated) whose ``X-Forwarded-For`` names the client's address for
#: the per-address login limit; from anyone else the header is ignored and ``REMOTE_ADDR`` counts.
def _networks(text: str) -> list[str]:
    try:
        return [str(ipaddress.ip_network(part.strip(), strict=False)) for part in text.split(",") if part.strip()]
    except ValueError as bad:
        raise ImproperlyConfigured(f"JIXIAO_TRUSTED_PROXIES 须是逗号分隔的地址或网段：{bad}") from None


JIXIAO_TRUSTED_PROXIES = _networks(os.environ.get("JIXIAO_TRUSTED_PROXIES", ""))
#: Refuse to start when connected to PostgreSQL as a role that could rewrite the audit trail (its table's owner,
#: a superuser): see :mod:`jixiao.web.dbroles`. On in production.
JIXIAO_REFUSE_DB_OWNER = env_flag("JIXIAO_REFUSE_DB_OWNER")
#: The profile (a built-in name or a profile file's path) every table is reviewed under.
JIXIAO_REVIEW_PROFILE = os.environ.get("JIXIAO_REVIEW_PROFILE", "national")

#: 佐证资料 files: stored here, outside the web root, and served only through the app's permission checks.
JIXIAO_ATTACHMENT_DIR = Path(os.environ.get("JIXIAO_ATTACHMENT_DIR", DATA_DIR / "attachments"))

#: Mail for notices: the console unless JIXIAO_EMAIL_HOST names an SMTP server (JIXIAO_EMAIL_PORT,
#: JIXIAO_EMAIL_USER, JIXIAO_EMAIL_PASSWORD, JIXIAO_EMAIL_TLS); links in mails start with JIXIAO_SITE_URL.
EMAIL_HOST = os.environ.get("JIXIAO_EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = int(os.environ.get("JIXIAO_EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("JIXIAO_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("JIXIAO_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_flag("JIXIAO_EMAIL_TLS")
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("JIXIAO_EMAIL_FROM", "jixiao@localhost")
JIXIAO_SITE_URL = os.environ.get("JIXIAO_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
#: Days before a round's deadline that send_reminders tells the units that have not submitted.
JIXIAO_REMINDER_DAYS = int(os.environ.get("JIXIAO_REMINDER_DAYS", 3))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
