"""Django settings for UCJ Monev. Every knob is a UCJ_* variable in ucj.lib.config."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from ucj.lib import config

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.get_path("UCJ_DATA_DIR")
DATA_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = config.get_bool("UCJ_DEBUG")
SECRET_KEY = config.required_secret("UCJ_SECRET_KEY", DEBUG, config.DEV_SECRET_KEY)
NIK_KEY = config.required_secret("UCJ_NIK_KEY", DEBUG, config.DEV_NIK_KEY)
ALLOWED_HOSTS = config.get_list("UCJ_ALLOWED_HOSTS")
if DEBUG:
    ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver", "[::1]"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # serves the API docs' Swagger UI from static files, not from a CDN
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ucj.regions",
    "ucj.accounts",
    "ucj.intake",
    "ucj.indicators",
    "ucj.registry",
    "ucj.planning",
    "ucj.selection",
    "ucj.monev",
    "ucj.campaigns",  # pendataan: above registry (lists) and monev (follow-ups)
    "ucj.web",
    "ucj.api",
    "ucj.ops",
    "ucj.notify",
    "ucj.audit",  # after every app that declares `audit_history` (ucj/audit/models.py)
]

MIDDLEWARE = [
    "ucj.ops.middleware.RequestLog",  # first: its duration covers the whole request
    "django.middleware.security.SecurityMiddleware",
    "ucj.web.middleware.ContentSecurityPolicy",  # outermost after Security: every answer
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files under gunicorn too
    "ucj.lib.edge.EdgeMiddleware",  # control characters and oversized bodies refused
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ucj.web.middleware.ChosenLanguageOnly",  # Bahasa Indonesia unless the user switched
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "ucj.accounts.mfa.MfaGate",  # the second factor before any page
    "ucj.accounts.refusals.RecordRefusals",  # out-of-scope look-ups, for the audit trail
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "ucj.web.middleware.FriendlyErrors",  # our 404/500 pages in the demo (DEBUG) too
    "ucj.lib.edge.EdgeErrors",  # busy database → 503 (before FriendlyErrors' 500)
]

ROOT_URLCONF = "ucj.urls"
WSGI_APPLICATION = "ucj.wsgi.application"

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
                "ucj.notify.context.unread",  # the header's unread count
            ],
        },
    },
]

_db_url = config.get_str("UCJ_DATABASE_URL")
if _db_url:
    if not _db_url.startswith(("postgres://", "postgresql://")):
        raise ImproperlyConfigured("UCJ_DATABASE_URL must be a postgresql:// URL")
    DATABASES = {"default": dj_database_url.parse(_db_url, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "ucj.sqlite3"),
            # WAL lets the web server read while an import writes.
            "OPTIONS": {
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                # Readers never wait in WAL; a second writer waits this long for the
                # one holding the lock (an import) instead of failing "database is locked".
                "timeout": config.get_int("UCJ_SQLITE_BUSY_SECONDS"),
            },
        }
    }

# The page cache (ucj/web/cache.py, keyed on the data version): shared through Redis
# when UCJ_REDIS_URL is set (one fill per data version for every worker and server);
# otherwise Django's default, each worker's own memory.
_redis_url = config.get_str("UCJ_REDIS_URL")
if _redis_url:
    CACHES = {
        "default": {
            "BACKEND": "ucj.web.shared_cache.SharedCache",
            "LOCATION": _redis_url,
        }
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = ["ucj.accounts.lockout.LockoutBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:mine"  # a scoped officer lands on their own region
LOGOUT_REDIRECT_URL = "web:home"

_language = config.get_str("UCJ_LANGUAGE")
if _language not in {"id", "en"}:
    raise ImproperlyConfigured("UCJ_LANGUAGE must be id or en")
LANGUAGE_CODE = _language
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
TIME_ZONE = "Asia/Jakarta"
FORM_RENDERER = "ucj.web.forms.FormRenderer"  # design-system fields (ucj/web/forms.py)
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)  # WhiteNoise warns about a missing one; stays empty
# Plotly.js is served from the installed plotly package (nothing third-party committed);
# found without importing plotly, which would slow every start.
_plotly = importlib.util.find_spec("plotly")
if _plotly is None or not _plotly.submodule_search_locations:
    raise ImproperlyConfigured("the plotly package is missing: pip install -e .")
STATICFILES_DIRS = [
    ("plotly", str(Path(next(iter(_plotly.submodule_search_locations))) / "package_data"))
]
# WhiteNoise serves straight from the finders (app static folders, the plotly package):
# no collectstatic step to forget after an upgrade, and files cached by the browser.
WHITENOISE_USE_FINDERS = True
WHITENOISE_MAX_AGE = 3600
MEDIA_ROOT = DATA_DIR / "uploads"
MEDIA_URL = "media/"
REPORTS_DIR = DATA_DIR / "reports"

# Imports of a million rows arrive as one file: uploads above 10 MB go to a temporary
# file, never memory; UCJ_IMPORT_MAX_MB caps their size (ucj/lib/budget.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 8 * 3600  # one working day; shared office computers are common
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# A load balancer probes these over plain HTTP, on the server's own address.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

UCJ_STALE_MONTHS = config.get_int("UCJ_STALE_MONTHS")
UCJ_DISCREPANCY_TOLERANCE_PP = config.get_float("UCJ_DISCREPANCY_TOLERANCE_PP")
UCJ_JUMP_FACTOR = config.get_float("UCJ_JUMP_FACTOR")
UCJ_POTENTIAL_MAX_POPULATION_PCT = config.get_float("UCJ_POTENTIAL_MAX_POPULATION_PCT")
UCJ_POTENTIAL_MIN_POPULATION_PCT = config.get_float("UCJ_POTENTIAL_MIN_POPULATION_PCT")
UCJ_PUBLIC_MIN_CELL = config.get_int("UCJ_PUBLIC_MIN_CELL")
UCJ_LOGIN_MAX_FAILURES = config.get_int("UCJ_LOGIN_MAX_FAILURES")
UCJ_LOGIN_LOCK_MINUTES = config.get_int("UCJ_LOGIN_LOCK_MINUTES")
UCJ_LOGIN_MAX_FAILURES_PER_ADDRESS = config.get_int("UCJ_LOGIN_MAX_FAILURES_PER_ADDRESS")
UCJ_TRUSTED_PROXIES = config.get_int("UCJ_TRUSTED_PROXIES")
UCJ_MFA_REQUIRED_ROLES = config.get_list("UCJ_MFA_REQUIRED_ROLES")
_ROLES = {"admin", "national", "province", "kabkota", "branch", "public"}
if unknown_roles := set(UCJ_MFA_REQUIRED_ROLES) - _ROLES:
    raise ImproperlyConfigured(f"UCJ_MFA_REQUIRED_ROLES: unknown roles {sorted(unknown_roles)}")
OTP_TOTP_ISSUER = "UCJ Monev"  # the name authenticator apps show
UCJ_REPORT_DUE_DAY = config.get_int("UCJ_REPORT_DUE_DAY")
UCJ_API_TOKEN_DAYS = config.get_int("UCJ_API_TOKEN_DAYS")
UCJ_IMPORT_MAX_MB = config.get_int("UCJ_IMPORT_MAX_MB")
UCJ_IMPORT_MEMORY_MB = config.get_int("UCJ_IMPORT_MEMORY_MB")
UCJ_IMPORT_XLSX_UNPACKED_MB = config.get_int("UCJ_IMPORT_XLSX_UNPACKED_MB")
UCJ_IMPORT_PHASE_SECONDS = config.get_float("UCJ_IMPORT_PHASE_SECONDS")
UCJ_IMPORT_BACKGROUND_MB = config.get_float("UCJ_IMPORT_BACKGROUND_MB")
UCJ_IMPORT_JOB_RUNNER = config.get_str("UCJ_IMPORT_JOB_RUNNER")
if UCJ_IMPORT_JOB_RUNNER not in {"process", "thread"}:
    raise ImproperlyConfigured("UCJ_IMPORT_JOB_RUNNER must be process or thread")
UCJ_IMPORT_MAX_ERRORS = config.get_int("UCJ_IMPORT_MAX_ERRORS")
UCJ_MIN_REPORTING_PCT = config.get_float("UCJ_MIN_REPORTING_PCT")
UCJ_TECHNICAL_ERRORS = DEBUG and config.get_bool("UCJ_TECHNICAL_ERRORS")
UCJ_WEB_TIMEOUT = config.get_int("UCJ_WEB_TIMEOUT")
UCJ_LIST_STORE = Path(config.get_str("UCJ_LIST_STORE") or DATA_DIR / "lists").resolve()
UCJ_BACKUP_DIR = Path(config.get_str("UCJ_BACKUP_DIR") or DATA_DIR / "backups").resolve()
UCJ_BACKUP_KEEP = config.get_int("UCJ_BACKUP_KEEP")
UCJ_SCHEDULER_STALE_MINUTES = config.get_int("UCJ_SCHEDULER_STALE_MINUTES")
UCJ_BASE_URL = config.get_str("UCJ_BASE_URL")
UCJ_ESCALATE_DAYS = config.get_int("UCJ_ESCALATE_DAYS")
UCJ_APPROVAL_WAIT_DAYS = config.get_int("UCJ_APPROVAL_WAIT_DAYS")
UCJ_LIST_STALE_MONTHS = config.get_int("UCJ_LIST_STALE_MONTHS")
UCJ_EVIDENCE_MAX_MB = config.get_int("UCJ_EVIDENCE_MAX_MB")
UCJ_SCAN_COMMAND = config.get_str("UCJ_SCAN_COMMAND")
UCJ_PARITRANA_WEIGHTS = config.get_str("UCJ_PARITRANA_WEIGHTS")
EMAIL_HOST = config.get_str("UCJ_EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.dummy.EmailBackend"
)
EMAIL_PORT = config.get_int("UCJ_EMAIL_PORT")
EMAIL_HOST_USER = config.get_str("UCJ_EMAIL_USER")
EMAIL_HOST_PASSWORD = config.get_str("UCJ_EMAIL_PASSWORD")
EMAIL_USE_TLS = config.get_bool("UCJ_EMAIL_TLS")
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = SERVER_EMAIL = config.get_str("UCJ_EMAIL_FROM")
_log_json = config.get_str("UCJ_LOG_JSON")
UCJ_LOG_JSON = config.get_bool("UCJ_LOG_JSON") if _log_json else not DEBUG

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # NIK-like numbers are masked in every log line (a NIK in a URL, a message, a value):
    # Django's own loggers are re-pointed at filtered handlers (their defaults are not).
    "filters": {"redact_nik": {"()": "ucj.lib.personal.RedactFilter"}},
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
        # Production: one JSON object per line (ucj.ops.logs, which masks NIK and tokens).
        "json": {"()": "ucj.ops.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["redact_nik"],
            **({"formatter": "json"} if UCJ_LOG_JSON else {}),
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["redact_nik"],
        },
    },
    "loggers": {
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # One line per request (ucj.ops.middleware) and per scheduled job.
        "ucj.ops": {"level": "INFO" if UCJ_LOG_JSON else "WARNING"},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
}
