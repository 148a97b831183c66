"""Imports over the API: dry run, commit and history, through the one intake pipeline."""

import tempfile
from pathlib import Path
from typing import Any

from django.http import HttpRequest
from ninja import File, Form, Router
from ninja.files import UploadedFile

from ucj.api.auth import login_required
from ucj.intake import budget, history, kinds
from ucj.intake.pipeline import run_import

router = Router(tags=["imports"])


def _run(request: HttpRequest, upload: UploadedFile, kind: str, source: str, dry: bool) -> Any:
    user = login_required(request)
    name = Path(upload.name or "upload").name
    if problem := budget.size_problem(upload.size or 0):
        return 413, {"message_id": problem[0], "message_en": problem[1]}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        outcome = run_import(path, kind, user=user, source=source, dry_run=dry, file_name=name)
    status = 200 if outcome.ok else (422 if outcome.exit_code == 1 else 400)
    return status, outcome.as_json()


@router.get("/kinds", summary="Import kinds and their columns")
def import_kinds(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"name": k.name, "label": str(k.label), "columns": [c.name for c in k.columns]}
        for k in kinds.all_kinds()
    ]


@router.post(
    "/dry-run",
    summary="Check a file; nothing is written",
    response={200: dict, 400: dict, 413: dict, 422: dict},
)
def dry_run(
    request: HttpRequest, kind: Form[str], file: File[UploadedFile], source: Form[str] = ""
) -> Any:
    return _run(request, file, kind, source, dry=True)


@router.post(
    "/",
    summary="Import a file (all rows or none)",
    response={200: dict, 400: dict, 413: dict, 422: dict},
)
def commit(
    request: HttpRequest, kind: Form[str], file: File[UploadedFile], source: Form[str] = ""
) -> Any:
    return _run(request, file, kind, source, dry=False)


@router.get("/history", summary="Committed batches, newest first")
def batch_history(request: HttpRequest, kind: str | None = None, limit: int = 50) -> Any:
    user = login_required(request)
    return history.batches(limit=max(1, min(limit, 500)), kind=kind, user=user)
