"""`ucj serve --production`: checks, then gunicorn in place of this process.

gunicorn (already a dependency, pure Python, no compiler) with the threaded worker:
threads keep pages answering while one request runs a long import, and the worker's
timeout only fires when the worker itself hangs. Static files come from WhiteNoise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from django.core.management.base import CommandError
from django.test.utils import override_settings
from django.utils.translation import gettext_lazy as _

from ucj.accounts.demo_guard import DemoInProduction, refuse_demo_accounts
from ucj.lib import config
from ucj.lib.bilingual import pair
from ucj.ops import status


def production_env(scheduler: bool) -> dict[str, str]:
    """The environment gunicorn runs in: UCJ_DEBUG=0 and the secrets it requires."""
    env = {**os.environ, "UCJ_DEBUG": "0", "UCJ_SCHEDULER": "1" if scheduler else "0"}
    missing = []
    for name, dev in (
        ("UCJ_SECRET_KEY", config.DEV_SECRET_KEY),
        ("UCJ_NIK_KEY", config.DEV_NIK_KEY),
    ):
        value = env.get(name, "").strip()
        if not value or value == dev or len(value) < 50:
            missing.append(name)
    if missing:
        # Literal pair kept: operator-only, names settings (not for the screens' catalogue).
        raise CommandError(
            "Server produksi tidak dijalankan: atur "
            + ", ".join(missing)
            + " (acak, minimal 50 karakter). / Production server not started: set "
            + ", ".join(missing)
            + " to a random value of at least 50 characters, e.g. "
            '`python -c "import secrets; print(secrets.token_urlsafe(48))"`.'
        )
    return env


def preflight() -> None:
    """Refuse to serve a database that `ucj init` has not brought up to date."""
    db = status.database()
    if not db["reachable"]:
        raise CommandError(
            pair(_("Basis data tidak terjangkau: %(error)s"), error=db.get("error", "")).joined()
        )
    if db["unapplied_migrations"]:
        # Literal pair kept: operator-only, names the command `ucj init`.
        raise CommandError(
            "Basis data belum diperbarui, jalankan `ucj init` / database not up to date, "
            f"run `ucj init` ({len(db['unapplied_migrations'])} migrations pending)."
        )
    # Issue 14's guard: not while a demo password works. This process may still run with
    # UCJ_DEBUG=1 (gunicorn gets UCJ_DEBUG=0), so the check is made as production would.
    with override_settings(DEBUG=False):
        try:
            refuse_demo_accounts()
        except DemoInProduction as exc:
            raise CommandError(str(exc)) from None


def gunicorn_argv(host: str, port: int, workers: int, threads: int) -> list[str]:
    conf = Path(__file__).with_name("gunicorn_conf.py")
    return [
        sys.executable,
        "-m",
        "gunicorn",
        "ucj.wsgi:application",
        "--config",
        str(conf),
        "--bind",
        f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--timeout",
        str(config.get_int("UCJ_WEB_TIMEOUT")),
        "--graceful-timeout",
        "30",
        "--keep-alive",
        "5",
    ]


def exec_production(
    host: str, port: int, workers: int, threads: int, scheduler: bool
) -> None:  # pragma: no cover - replaces the process
    env = production_env(scheduler)
    preflight()
    argv = gunicorn_argv(host, port, workers, threads)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, argv, env)
