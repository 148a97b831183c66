"""The scheduler: a loop (a thread in each web worker, or `ucj worker`) that records a
heartbeat and runs each job once per slot.

No broker: a run is claimed by inserting its JobRun row, whose unique (job, slot) makes
every other loop (other workers, other servers on the same database) skip that slot.
A run interrupted by a crash keeps its claim and is not retried until the next slot.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from typing import Any

from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone

from ucj.lib.schedule import Job, all_jobs
from ucj.ops.logs import scrub
from ucj.ops.models import Heartbeat, JobRun

log = logging.getLogger("ucj.ops.scheduler")
HOST = f"{socket.gethostname()}:{os.getpid()}"


def run_job(job: Job, slot: Any = None) -> JobRun | None:
    """Run `job` for `slot` (None: by hand). None when another loop holds the slot."""
    try:
        with transaction.atomic():
            run = JobRun.objects.create(
                job=job.name, slot=slot, started=timezone.now(), host=HOST[:200]
            )
    except IntegrityError:
        return None
    started = time.perf_counter()
    try:
        result = job.run()
        run.ok = True
        run.result = result
    except Exception as exc:  # one failing job must not stop the others
        run.ok = False
        run.result = {"error": scrub(f"{type(exc).__name__}: {exc}")}
        log.exception("job %s failed", job.name, extra={"job": job.name, "ok": False})
    run.finished = timezone.now()
    run.save(update_fields=["ok", "result", "finished"])
    log.info(
        "job %s done in %.1f s",
        job.name,
        time.perf_counter() - started,
        extra={"job": job.name, "ok": run.ok},
    )
    return run


def beat() -> None:
    Heartbeat.objects.update_or_create(
        name="scheduler", defaults={"beat": timezone.now(), "host": HOST[:200]}
    )


def tick() -> list[JobRun]:
    """One pass: heartbeat, then every job whose current slot has no run yet."""
    beat()
    done = []
    for job in all_jobs():
        slot = job.slot()
        if JobRun.objects.filter(job=job.name, slot=slot).exists():
            continue
        run = run_job(job, slot)
        if run is not None:
            done.append(run)
    return done


def run_forever(stop: threading.Event, interval: float = 30.0) -> None:
    while not stop.is_set():
        close_old_connections()
        try:
            tick()
        except Exception:  # the database may be away for a moment; try again next pass
            log.exception("scheduler pass failed")
        finally:
            close_old_connections()
        stop.wait(interval)


def start_thread(interval: float = 30.0) -> threading.Event:
    """Start the loop in a daemon thread (inside a web worker); returns its stop flag."""
    stop = threading.Event()
    threading.Thread(
        target=run_forever, args=(stop, interval), name="ucj-scheduler", daemon=True
    ).start()
    return stop
