"""Background imports for the web: large files must not die with the web worker's
timeout (a 300 MB upload used to answer 500 after gunicorn's 30 s).

No broker: the view stores the upload, creates an `ImportJob` row and starts the job;
the job writes its stage and row counts into that row; the page polls it with HTMX.
Runners (`UCJ_IMPORT_JOB_RUNNER`):
- `process` (default): `python -m ucj.cli import_job ID`, a child process in its own
  session, so it outlives the request and the worker, its memory is its own, and the
  per-phase time limit can interrupt it (ucj/lib/budget.py);
- `thread`: a thread of the web process (tests on SQLite's in-memory database, `ucj
  serve`). A restart of the web process ends such a job; the page then says so.
A job whose heartbeat is older than STALE_AFTER is shown as failed (killed, server
restarted). A production scheduler can run `ucj import_job --sweep` to mark those and
delete their files (ucj/intake/management/commands/import_job.py).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import close_old_connections, connection
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.intake.models import ImportJob, JobState
from ucj.intake.uploads import run_upload
from ucj.lib.bilingual import pair

log = logging.getLogger("ucj.intake.background")

STALE_AFTER = dt.timedelta(minutes=5)  # heartbeats come at least every 2 s while working
BEAT_EVERY = 1.0  # seconds between progress writes
LOST = _(
    "Impor berhenti tanpa selesai (server dimulai ulang?); tidak ada yang disimpan, unggah lagi."
)


def start(
    path: Path,
    kind: str,
    user: Any,
    *,
    file_name: str,
    source: str = "",
    sheet: str | None = None,
    region: str | None = None,
    dry_run: bool = True,
    add: bool = False,
) -> ImportJob:
    job = ImportJob.objects.create(
        kind=kind, user=user, file_name=file_name[:255], path=str(path), source=source[:300],
        sheet=sheet or "", region=region or "", dry_run=dry_run, heartbeat=timezone.now(),
        add_to_list=add,
    )  # fmt: skip
    launch(job)
    return job


def launch(job: ImportJob) -> None:
    if settings.UCJ_IMPORT_JOB_RUNNER == "thread":
        threading.Thread(target=_in_thread, args=(job.pk,), daemon=True).start()
        return
    # The child reads the same UCJ_* environment, hence the same database.
    process = subprocess.Popen(  # a fixed argv, no shell
        [sys.executable, "-m", "ucj.cli", "import_job", str(job.pk)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # not killed with the web worker's process group
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "ucj.settings"},
    )
    ImportJob.objects.filter(pk=job.pk).update(pid=process.pid)


def _in_thread(job_id: int) -> None:
    try:
        run(job_id)
    finally:
        connection.close()


def run(job_id: int) -> ImportJob:
    """Run one queued job to its end (done or failed); never raises for the job's sake."""
    close_old_connections()
    claimed = ImportJob.objects.filter(pk=job_id, state=JobState.QUEUED).update(
        state=JobState.RUNNING, heartbeat=timezone.now(), pid=os.getpid()
    )
    job = ImportJob.objects.get(pk=job_id)
    if not claimed:
        return job  # already taken or finished: a second start does nothing
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= BEAT_EVERY or done >= total:
            last[0] = now
            ImportJob.objects.filter(pk=job_id).update(
                stage=stage[:40], done=done, total=total, heartbeat=timezone.now()
            )

    path = Path(job.path)
    try:
        outcome = run_upload(
            path, job.kind, user=job.user, source=job.source, dry_run=job.dry_run,
            sheet=job.sheet or None, file_name=job.file_name, region=job.region or None,
            progress=progress, add=job.add_to_list,
        )  # fmt: skip
        result = {
            **outcome.as_json(),
            "error_total": outcome.errors.height,
            "coverage_change": outcome.coverage_change,
        }
        state = JobState.DONE
    except Exception:  # a bug: the user gets a clean message, the log the traceback
        log.exception("import job %s failed", job_id)
        result = {
            "ok": False,
            "errors": [
                {
                    "row": None, "column": None, "value": job.file_name,
                    **pair(_("Impor gagal karena kesalahan server; sudah dicatat.")).as_dict(),
                }
            ],
        }  # fmt: skip
        state = JobState.FAILED
    if job.path and not (job.dry_run and result.get("ok")):
        path.unlink(missing_ok=True)  # kept only while a clean dry run awaits confirmation
    ImportJob.objects.filter(pk=job_id).update(
        state=state, result=result, finished=timezone.now(), heartbeat=timezone.now()
    )
    return ImportJob.objects.get(pk=job_id)


def refresh(job: ImportJob) -> ImportJob:
    """The job as the page shows it: one whose worker stopped beating is failed."""
    if job.active and job.heartbeat and timezone.now() - job.heartbeat > STALE_AFTER:
        mark_lost(ImportJob.objects.filter(pk=job.pk))
        job.refresh_from_db()
    return job


def mark_lost(jobs: Any) -> int:
    lost = 0
    for job in jobs.filter(state__in=(JobState.QUEUED, JobState.RUNNING)):
        if job.path:
            Path(job.path).unlink(missing_ok=True)
        lost += ImportJob.objects.filter(pk=job.pk, state=job.state).update(
            state=JobState.FAILED,
            finished=timezone.now(),
            result={
                "ok": False,
                "errors": [
                    {
                        "row": None, "column": None, "value": job.file_name,
                        **pair(LOST).as_dict(),
                    }
                ],
            },
        )  # fmt: skip
    return lost


def sweep() -> int:
    """Jobs whose worker stopped beating are failed and their files deleted."""
    return mark_lost(ImportJob.objects.filter(heartbeat__lt=timezone.now() - STALE_AFTER))
