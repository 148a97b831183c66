"""Every UCJ_* setting: its default, its help text and its strict parser.

One table so that settings.py, `ucj settings` and the docs test all read the
same list; nothing else in the code reads os.environ for UCJ_* names.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str


def _bool(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: use 1/0, true/false, yes/no or on/off")


def _int(name: str, raw: str) -> int:
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw!r}: a whole number is required") from exc


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "UCJ_DATA_DIR",
        "ucj-data",
        "Folder for the SQLite file, uploads and generated "
        "reports. Relative paths are taken from the working directory.",
    ),
    Setting(
        "UCJ_DATABASE_URL",
        "",
        "PostgreSQL URL (postgresql://user:pass@host:5432/db) for "
        "the server deployment. Empty: SQLite file ucj.sqlite3 in UCJ_DATA_DIR.",
    ),
    Setting(
        "UCJ_DEBUG",
        "1",
        "Development mode. Set to 0 in production: then UCJ_SECRET_KEY, "
        "UCJ_NIK_KEY and UCJ_ALLOWED_HOSTS are required and cookies are secure.",
    ),
    Setting(
        "UCJ_SECRET_KEY",
        "",
        "Django secret key. Required when UCJ_DEBUG is 0; the "
        "development placeholder is refused there.",
    ),
    Setting(
        "UCJ_NIK_KEY",
        "",
        "Key for the keyed hash (HMAC-SHA256) of NIK. Required when "
        "UCJ_DEBUG is 0. Rotation: see docs/privacy.md.",
    ),
    Setting(
        "UCJ_ALLOWED_HOSTS",
        "127.0.0.1,localhost",
        "Comma-separated host names the web server answers to.",
    ),
    Setting("UCJ_LANGUAGE", "id", "Default language of screens and reports: id or en."),
    Setting(
        "UCJ_STALE_MONTHS",
        "3",
        "A region with no participant figures for this many months "
        "is listed as stale on the dashboard.",
    ),
    Setting(
        "UCJ_DISCREPANCY_TOLERANCE_PP",
        "0.5",
        "Computed minus reported coverage beyond this many percentage points is flagged.",
    ),
    Setting(
        "UCJ_JUMP_FACTOR",
        "1.5",
        "An import warns when a count moves by more than this "
        "factor (up or down) from the previous month.",
    ),
    Setting(
        "UCJ_POTENTIAL_MAX_POPULATION_PCT",
        "75",
        "An import of potential workers warns when a potential is above this share (%) of "
        "the region's 2025 population (Kemendagri, shipped with the product).",
    ),
    Setting(
        "UCJ_POTENTIAL_MIN_POPULATION_PCT",
        "20",
        "An import of potential workers warns when a potential is below this share (%) of "
        "the region's 2025 population.",
    ),
    Setting(
        "UCJ_PUBLIC_MIN_CELL",
        "10",
        "Public viewers see aggregates only; cells smaller than this are suppressed.",
    ),
    Setting(
        "UCJ_LOGIN_MAX_FAILURES",
        "5",
        "Failed log-ins before an account is locked for UCJ_LOGIN_LOCK_MINUTES.",
    ),
    Setting(
        "UCJ_LOGIN_MAX_FAILURES_PER_ADDRESS",
        "20",
        "Failed log-ins from one client address (any user names) before that address is "
        "locked for UCJ_LOGIN_LOCK_MINUTES.",
    ),
    Setting(
        "UCJ_LOGIN_LOCK_MINUTES",
        "15",
        "How long a locked account or address stays locked; also the window after which "
        "a count of failures starts again.",
    ),
    Setting(
        "UCJ_TRUSTED_PROXIES",
        "0",
        "Reverse proxies in front of the server that append to X-Forwarded-For; the client "
        "address for the log-in limit is taken from the entry the outermost one wrote. "
        "0: the connection's own address.",
    ),
    Setting(
        "UCJ_REPORT_DUE_DAY",
        "10",
        "A kab/kota month counts as reported on time when first submitted by this day of "
        "the following month (provisional: no official deadline was found).",
    ),
    Setting(
        "UCJ_MFA_REQUIRED_ROLES",
        "",
        "Comma-separated roles (admin, national, province, kabkota, branch, public) that "
        "must use a second factor (TOTP authenticator app) at log-in; e.g. admin,national. "
        "Empty: the second factor is available to everyone at /accounts/mfa/ but not "
        "required.",
    ),
    Setting("UCJ_API_TOKEN_DAYS", "90", "Default lifetime of a new API token, in days."),
    Setting(
        "UCJ_IMPORT_MAX_MB",
        "200",
        "Largest file an import accepts over the web, in MB: the same cap on the upload "
        "page and the API (`ucj import` on the server is bounded by UCJ_IMPORT_MEMORY_MB).",
    ),
    Setting(
        "UCJ_IMPORT_MEMORY_MB",
        "4096",
        "Memory ceiling of one import, in MB: a file whose estimated peak (measured "
        "factor × size) is above it is refused before it is read.",
    ),
    Setting(
        "UCJ_IMPORT_XLSX_UNPACKED_MB",
        "300",
        "An XLSX whose parts unpack to more than this many MB (or any part more than "
        "100× its packed size) is refused before parsing (zip bomb).",
    ),
    Setting(
        "UCJ_IMPORT_PHASE_SECONDS",
        "900",
        "Time limit of each import phase (read, check, store), in seconds; 0 = none. "
        "An import that runs over is rolled back.",
    ),
    Setting(
        "UCJ_IMPORT_BACKGROUND_MB",
        "5",
        "Web uploads larger than this many MB run as a background job with a progress "
        "page; smaller ones are checked while the page loads.",
    ),
    Setting(
        "UCJ_IMPORT_JOB_RUNNER",
        "process",
        "How background imports run: process (a child process per job, survives the web "
        "worker's timeout) or thread (inside the web process; for tests and `ucj serve`).",
    ),
    Setting(
        "UCJ_IMPORT_MAX_ERRORS",
        "1000",
        "Messages listed in an import's JSON (API, CLI, web); the rest are counted by "
        "column, and `--errors-out` has them all.",
    ),
    Setting(
        "UCJ_MIN_REPORTING_PCT",
        "80",
        "A month is complete for a region when at least this share (%) of its units "
        "reported: a province's kab/kota, the nation's complete provinces. Default months, "
        "ranks and the national page use complete months only.",
    ),
    Setting(
        "UCJ_WEB_TIMEOUT",
        "600",
        "Production server (`ucj serve --production`): seconds a request may run before its "
        "worker is restarted; long enough for a million-row import sent through the browser.",
    ),
    Setting(
        "UCJ_SQLITE_BUSY_SECONDS",
        "60",
        "SQLite: how long a connection waits for another's write lock before giving up "
        "(a big import holds it for tens of seconds).",
    ),
    Setting(
        "UCJ_BACKUP_DIR",
        "",
        "Folder for `ucj backup` archives and the nightly backup. Empty: backups in UCJ_DATA_DIR.",
    ),
    Setting(
        "UCJ_LIST_STORE",
        "",
        "Folder of the stored membership lists (Parquet, hashed and masked NIK only; "
        "`ucj lists import`). Every app server must see the same folder (a shared disk). "
        "Empty: `lists` in UCJ_DATA_DIR. `ucj backup` includes it.",
    ),
    Setting(
        "UCJ_REDIS_URL",
        "",
        "redis://host:6379/0: the page cache shared by every worker and app server "
        "(Django's RedisCache). Empty: each worker keeps its own in memory.",
    ),
    Setting("UCJ_BACKUP_KEEP", "14", "Nightly backups kept; older archives are deleted."),
    Setting(
        "UCJ_SCHEDULER_STALE_MINUTES",
        "10",
        "/readyz fails when the scheduler has not reported for this many minutes.",
    ),
    Setting(
        "UCJ_BASE_URL",
        "http://127.0.0.1:8000",
        "Address of the site as users reach it; links in reminder e-mails start with it.",
    ),
    Setting(
        "UCJ_ESCALATE_DAYS",
        "14",
        "A follow-up overdue by more than this many days is also reminded to the province.",
    ),
    Setting(
        "UCJ_APPROVAL_WAIT_DAYS",
        "5",
        "A month submitted for approval and still waiting after this many days is reminded "
        "to the province officers who approve it.",
    ),
    Setting(
        "UCJ_LIST_STALE_MONTHS",
        "3",
        "A region whose latest BPJS TK membership list is older than this many months is "
        "reminded to its officers and branch officers.",
    ),
    Setting(
        "UCJ_EMAIL_HOST",
        "",
        "SMTP server for reminder e-mails. Empty: no e-mail is sent (the inbox still works).",
    ),
    Setting("UCJ_EMAIL_PORT", "587", "SMTP port."),
    Setting("UCJ_EMAIL_USER", "", "SMTP user name (empty: no log-in)."),
    Setting("UCJ_EMAIL_PASSWORD", "", "SMTP password."),
    Setting("UCJ_EMAIL_TLS", "1", "Use STARTTLS with the SMTP server."),
    Setting("UCJ_EMAIL_FROM", "ucj-monev@localhost", "Sender address of reminder e-mails."),
    Setting(
        "UCJ_LOG_JSON",
        "",
        "1: log one JSON object per line (request id, user id, duration). Empty: on when "
        "UCJ_DEBUG is 0.",
    ),
    Setting(
        "UCJ_TECHNICAL_ERRORS",
        "0",
        "Developers only: with UCJ_DEBUG=1, show Django's technical 404/500 pages (with "
        "tracebacks) instead of the friendly error pages every user sees.",
    ),
    Setting(
        "UCJ_EVIDENCE_MAX_MB",
        "20",
        "Largest evidence file (minutes, attendance list, photo, document) attached to a "
        "monev session, regulation or follow-up, in MB.",
    ),
    Setting(
        "UCJ_SCAN_COMMAND",
        "",
        "Virus scanner run on every evidence file before it is stored, e.g. `clamscan "
        "--no-summary` (the file's path is appended, or replaces {path}); a non-zero exit "
        "refuses the file. Empty: no scan.",
    ),
    Setting(
        "UCJ_PARITRANA_WEIGHTS",
        "",
        "Weights of the three Paritrana aspects for the readiness score, e.g. "
        "`regulasi=40,inisiatif=30,kinerja=30`. No weights are published (FACTS §2.2): "
        "empty shows the checklist without a score.",
    ),
)

_BY_NAME = {s.name: s for s in SETTINGS}

DEV_SECRET_KEY = "ucj-development-only-not-secret"
DEV_NIK_KEY = "ucj-development-nik-key-not-secret"


def raw(name: str) -> str:
    return os.environ.get(name, _BY_NAME[name].default)


def get_str(name: str) -> str:
    return raw(name).strip()


def get_bool(name: str) -> bool:
    return _bool(name, raw(name))


def get_int(name: str) -> int:
    return _int(name, raw(name))


def get_float(name: str) -> float:
    try:
        return float(raw(name))
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}={raw(name)!r}: a number is required") from exc


def get_path(name: str) -> Path:
    return Path(raw(name)).expanduser().resolve()


def get_list(name: str) -> list[str]:
    return [part.strip() for part in raw(name).split(",") if part.strip()]


def required_secret(name: str, debug: bool, dev_value: str) -> str:
    """A secret that has a throw-away value in development and must be set otherwise."""
    value = get_str(name)
    if debug:
        return value or dev_value
    if not value or value == dev_value or len(value) < 50:
        raise ImproperlyConfigured(
            f"{name} must be set to a random value of at least 50 characters when "
            "UCJ_DEBUG is 0 (the development placeholder is refused)."
        )
    return value


Parser = Callable[[str], object]
