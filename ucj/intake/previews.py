"""Web previews: an uploaded file waits here for its confirmation, and no longer.

A roster holds personal data (NIKs): an abandoned preview must not linger. A preview
older than LIFETIME is refused on read (`fresh`) and deleted by `purge_stale`, which the
upload page calls on every upload and a scheduler calls every few minutes
(`from ucj.intake.previews import purge_stale`). Whatever the schedule, no preview is
read or kept past one hour: `fresh` enforces LIFETIME on read, and LIFETIME ≤ MAX_AGE.
"""

from __future__ import annotations

import datetime as dt
import time
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings

from ucj.lib.personal import redact

LIFETIME = dt.timedelta(minutes=15)  # time to read the preview and press confirm
MAX_AGE = dt.timedelta(hours=1)  # the promise of issue 14: never longer than this
assert LIFETIME <= MAX_AGE


def preview_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "impor"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _age(path: Path, now: float) -> float:
    return now - path.stat().st_mtime


def fresh(path: Path, now: float | None = None) -> bool:
    """May this preview still be confirmed? A stale one is deleted on the spot."""
    try:
        age = _age(path, now if now is not None else time.time())
    except FileNotFoundError:
        return False
    if age > LIFETIME.total_seconds():
        path.unlink(missing_ok=True)
        return False
    return True


def purge_stale(now: float | None = None) -> int:
    """Delete every preview older than LIFETIME; returns how many were deleted."""
    now = now if now is not None else time.time()
    gone = 0
    for old in preview_dir().iterdir():
        try:
            if old.is_file() and _age(old, now) > LIFETIME.total_seconds():
                old.unlink(missing_ok=True)
                gone += 1
        except FileNotFoundError:  # a concurrent confirm or purge got there first
            continue
    return gone


SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm"}
SHOWN_ERRORS = 200


def keep(upload: Any) -> tuple[str, Path]:
    """Store an uploaded file to wait for its confirmation: (token, path). Stale
    previews go first."""
    purge_stale()
    token = uuid.uuid4().hex
    suffix = Path(upload.name or "").suffix.lower()
    stored = preview_dir() / f"{token}{suffix if suffix in SUFFIXES else '.csv'}"
    with stored.open("wb") as fh:
        for chunk in upload.chunks():
            fh.write(chunk)
    return token, stored


def context(outcome: Any, token: str, file_name: str) -> dict[str, Any]:
    """What `intake/_preview.html` shows of a dry run: counts, the first SHOWN_ERRORS row
    errors, warnings, coverage before → after, and the token to confirm a clean file."""
    data = outcome.as_json()
    return {
        "outcome": data,
        "shown_errors": data["errors"][:SHOWN_ERRORS],
        "more_errors": max(0, outcome.errors.height - SHOWN_ERRORS),
        "error_total": outcome.errors.height,
        "token": token if outcome.ok else None,
        "file_name": redact(file_name),
        "coverage_change": outcome.coverage_change,
    }
