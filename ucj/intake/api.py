"""Imports over the API: dry run, commit and history, through the one intake pipeline."""

import tempfile
import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import File, Form, Router
from ninja.files import UploadedFile

from ucj.intake import background as jobs
from ucj.intake import history, kinds
from ucj.intake.models import ImportJob
from ucj.intake.schemas import BatchOut, ImportOut, JobOut, KindOut, MessageOut
from ucj.intake.uploads import run_upload
from ucj.lib import budget
from ucj.lib.bilingual import pair
from ucj.lib.routes import login_required

router = Router(tags=["imports"])


def _run(
    request: HttpRequest, upload: UploadedFile, kind: str, source: str, dry: bool, add: bool
) -> Any:
    user = login_required(request)
    name = Path(upload.name or "upload").name
    if problem := budget.size_problem(upload.size or 0):
        return 413, {"message_id": problem[0], "message_en": problem[1]}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        outcome = run_upload(
            path, kind, user=user, source=source, dry_run=dry, file_name=name, add=add
        )
    status = 200 if outcome.ok else (422 if outcome.exit_code == 1 else 400)
    return status, outcome.as_json()


# A refused file answers the same object as an imported one (ok false, its errors).
IMPORTED = {200: ImportOut, 400: ImportOut, 413: MessageOut, 422: ImportOut}


@router.get("/kinds", summary="Import kinds and their columns", response=list[KindOut])
def import_kinds(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"name": k.name, "label": str(k.label), "columns": [c.name for c in k.columns]}
        for k in kinds.all_kinds()
    ]


@router.post(
    "/dry-run",
    summary="Check a file; nothing is written",
    response=IMPORTED,
)
def dry_run(
    request: HttpRequest,
    kind: Form[str],
    file: File[UploadedFile],
    source: Form[str] = "",
    add: Form[bool] = False,
) -> Any:
    return _run(request, file, kind, source, dry=True, add=add)


@router.post(
    "/",
    summary="Import a file (all rows or none)",
    response=IMPORTED,
)
def commit(
    request: HttpRequest,
    kind: Form[str],
    file: File[UploadedFile],
    source: Form[str] = "",
    add: Form[bool] = False,
) -> Any:
    """`kind=membership`: the list goes to the list store (`ucj lists import`); `add`
    extends the current list instead of replacing it."""
    return _run(request, file, kind, source, dry=False, add=add)


@router.get("/history", summary="Committed batches, newest first", response=list[BatchOut])
def batch_history(request: HttpRequest, kind: str | None = None, limit: int = 50) -> Any:
    user = login_required(request)
    return history.batches(user, limit=max(1, min(limit, 500)), kind=kind)


@router.post(
    "/jobs",
    summary="Start a background import (large files): poll its status URL",
    response={202: JobOut, 400: MessageOut, 413: MessageOut},
)
def start_job(
    request: HttpRequest,
    kind: Form[str],
    file: File[UploadedFile],
    source: Form[str] = "",
    dry_run: Form[bool] = False,
    add: Form[bool] = False,
) -> Any:
    """For files that take longer than the web server's request timeout. The answer
    comes at once; `GET /jobs/{job}` gives the stage, row counts and, when done, the
    same JSON as `POST /imports/`."""
    user = login_required(request)
    if kinds.get(kind) is None:
        known = ", ".join(k.name for k in kinds.all_kinds())
        return 400, pair(
            _("jenis '%(kind)s' tidak dikenal (ada: %(known)s)"), kind=kind, known=known
        ).as_dict()
    if problem := budget.size_problem(file.size or 0):
        return 413, {"message_id": problem[0], "message_en": problem[1]}
    name = Path(file.name or "upload").name
    folder = Path(settings.MEDIA_ROOT) / "impor"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{uuid.uuid4().hex}{Path(name).suffix.lower()[:5]}"
    with path.open("wb") as out:
        for chunk in file.chunks():
            out.write(chunk)
    job = jobs.start(path, kind, user, file_name=name, source=source, dry_run=dry_run, add=add)
    return 202, _job_json(job)


@router.get(
    "/jobs/{job_id}",
    summary="A background import's state and, when done, its result",
    response=JobOut,
)
def job_status(request: HttpRequest, job_id: int) -> Any:
    user = login_required(request)
    job = ImportJob.objects.filter(pk=job_id, user_id=user.pk or 0).first()
    if job is None:  # someone else's job is as absent as a missing one
        raise Http404
    return _job_json(jobs.refresh(job))


def _job_json(job: ImportJob) -> dict[str, Any]:
    return {
        "job": job.pk,
        "kind": job.kind,
        "file": job.file_name,
        "dry_run": job.dry_run,
        "state": job.state,
        "stage": job.stage,
        "done": job.done,
        "total": job.total,
        "result": job.result,
        "status_url": f"/api/v1/imports/jobs/{job.pk}",
    }
