"""The job registry: apps register scheduled work as they register panels.

Each app that has work to do on a clock puts `register(Job(...))` calls in
`ucj/<app>/jobs.py`; `all_jobs()` imports every such module on first use. A job is a
function of no arguments returning a small JSON-able dict (what it did, for
`ucj jobs run --json` and the job-run table).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from ucj.lib.discovery import app_modules


@dataclass(frozen=True)
class Job:
    name: str
    label: Any  # str or a lazy translation
    run: Callable[[], dict[str, Any]]
    every: str = "daily"  # 5min | hourly | daily | weekly
    hour: int = 2  # local time (TIME_ZONE) of daily and weekly runs
    weekday: int = 0  # weekly runs: 0 = Monday

    def slot(self, now: dt.datetime | None = None) -> dt.datetime:
        """The latest scheduled time at or before `now`: the run that is due now."""
        local = timezone.localtime(now or timezone.now())
        if self.every == "5min":  # cleanup of personal data that must not linger
            return local.replace(minute=local.minute - local.minute % 5, second=0, microsecond=0)
        if self.every == "hourly":
            return local.replace(minute=0, second=0, microsecond=0)
        at = local.replace(hour=self.hour, minute=0, second=0, microsecond=0)
        if at > local:
            at -= dt.timedelta(days=1)
        if self.every == "weekly":
            at -= dt.timedelta(days=(at.weekday() - self.weekday) % 7)
        return at


_JOBS: dict[str, Job] = {}
_loaded = False


def register(job: Job) -> Job:
    if job.every not in {"5min", "hourly", "daily", "weekly"}:
        raise ValueError(f"{job.name}: every must be 5min, hourly, daily or weekly")
    _JOBS[job.name] = job
    return job


def _discover() -> None:
    global _loaded
    if _loaded:
        return
    for _module in app_modules("jobs"):
        pass  # importing it registers its jobs
    _loaded = True


def all_jobs() -> list[Job]:
    _discover()
    return sorted(_JOBS.values(), key=lambda j: j.name)


def get(name: str) -> Job | None:
    _discover()
    return _JOBS.get(name)
