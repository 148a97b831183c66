"""Production mode: `manage.py check --deploy` clean, secure cookies, strong passwords."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _production(tmp_path, *args: str) -> subprocess.CompletedProcess:
    # Only production settings: nothing inherited from the test run's environment.
    inherited = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("UCJ_", "DJANGO_")) and k != "PYTHONDEVMODE"
    }
    env = {
        **inherited,
        "UCJ_DEBUG": "0",
        "UCJ_SECRET_KEY": secrets.token_urlsafe(48),
        "UCJ_NIK_KEY": secrets.token_urlsafe(48),
        "UCJ_ALLOWED_HOSTS": "ucj.example.go.id",
        "UCJ_DATA_DIR": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, "-m", "ucj.manage", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean(tmp_path):
    run = _production(tmp_path, "check", "--deploy", "--fail-level", "WARNING")
    assert run.returncode == 0, run.stdout + run.stderr


def test_production_cookies_and_lockout_settings(tmp_path):
    code = (
        "from django.conf import settings as s;"
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY,"
        " s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS > 0,"
        " s.AUTHENTICATION_BACKENDS == ['ucj.accounts.lockout.LockoutBackend'],"
        " len(s.AUTH_PASSWORD_VALIDATORS) >= 4, s.SESSION_COOKIE_AGE <= 12 * 3600)"
    )
    run = _production(tmp_path, "shell", "--no-imports", "-c", code)
    assert run.stdout.split() == ["True"] * 8, run.stdout + run.stderr
