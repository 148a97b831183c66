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
from pathlib import Path

from django.conf import settings

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
