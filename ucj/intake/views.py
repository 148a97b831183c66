"""Upload pages: choose a kind, upload, see the dry run (counts, error table, warnings),
confirm; the history list with undo. Rows are limited to the user's regions."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ucj.accounts.scoping import allowed_regions, is_global
from ucj.intake import background as jobs
from ucj.intake import history, kinds, previews
from ucj.intake.blanks import template_csv, template_xlsx
from ucj.intake.forms import UploadForm
from ucj.intake.models import ImportBatch, ImportJob, JobState
from ucj.intake.regions import allowed_ids
from ucj.intake.undo import undo_batch
from ucj.intake.uploads import run_upload, stored_elsewhere
from ucj.lib.personal import redact

SHOWN_ERRORS = previews.SHOWN_ERRORS
SUFFIXES = {".csv", ".txt", ".tsv", ".xlsx", ".xlsm"}


def _kind(name: str) -> kinds.Kind:
    kind = kinds.get(name)
    if kind is None:
        raise Http404(name)
    return kind


def _may_import(user: Any, kind: kinds.Kind | None = None) -> bool:
    """Any region at all (the index), or one where the kind's model may be written."""
    if kind is None:
        return allowed_regions(user, "change").exists()
    return bool(allowed_ids(user, kind.model))


def _upload_dir() -> Path:
    """Where previews wait for confirmation (`previews`: stale ones go on every upload)."""
    previews.purge_stale()
    return previews.preview_dir()


@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "intake/index.html",
        {
            "kinds": kinds.all_kinds(),
            "may_import": _may_import(request.user),
            # An upload link only where the upload page would not refuse the user.
            "importable": {k.name for k in kinds.all_kinds() if _may_import(request.user, k)},
        },
    )


@login_required
def template_file(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    kind = _kind(name)
    if fmt not in ("xlsx", "csv"):
        raise Http404(fmt)
    if fmt == "xlsx":
        body = template_xlsx(kind)
        kind_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, kind_type = template_csv(kind), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=kind_type)
    response["Content-Disposition"] = f'attachment; filename="templat-{kind.name}.{fmt}"'
    return response


@login_required
def upload(request: HttpRequest, name: str) -> HttpResponse:
    kind = _kind(name)
    if not _may_import(request.user, kind):
        raise PermissionDenied
    context: dict[str, Any] = {"kind": kind}
    form = UploadForm(
        request.POST or None, request.FILES or None, stores_lists=stored_elsewhere(kind.name)
    )
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request, kind)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        token = uuid.uuid4().hex
        stored = _upload_dir() / f"{token}{suffix if suffix in SUFFIXES else '.csv'}"
        with stored.open("wb") as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
        source = form.cleaned_data["source"]
        sheet = form.cleaned_data["sheet"] or None
        region = form.cleaned_data["region"] or None
        add = bool(form.cleaned_data.get("add"))
        if upload.size > settings.UCJ_IMPORT_BACKGROUND_MB * 1024 * 1024:
            job = jobs.start(
                stored, kind.name, request.user, file_name=upload.name, source=source,
                sheet=sheet, region=region, dry_run=True, add=add,
            )  # fmt: skip
            return redirect("intake:job", job_id=job.pk)
        outcome = run_upload(
            stored, kind.name, user=request.user, source=source, dry_run=True, sheet=sheet,
            file_name=upload.name, region=region, preview=True, add=add,
        )  # fmt: skip
        if outcome.ok:
            request.session[f"intake-{token}"] = {
                "kind": kind.name, "path": str(stored), "name": redact(upload.name),
                "source": source, "sheet": sheet, "region": region, "add": add,
            }  # fmt: skip
        else:  # nothing to confirm: a refused file is not kept
            stored.unlink(missing_ok=True)
        context.update(previews.context(outcome, token, upload.name))
    context["form"] = form
    return render(request, "intake/upload.html", context)


def _confirm(request: HttpRequest, kind: kinds.Kind) -> HttpResponse:
    token = request.POST.get("token", "")
    pending = request.session.pop(f"intake-{token}", None)
    if not pending or pending["kind"] != kind.name or not previews.fresh(Path(pending["path"])):
        messages.error(request, _("Unggahan kedaluwarsa, unggah lagi"))
        return redirect("intake:upload", name=kind.name)
    path = Path(pending["path"])
    try:
        outcome = run_upload(
            path, kind.name, user=request.user, source=pending["source"],
            sheet=pending["sheet"], file_name=pending["name"], region=pending.get("region"),
            add=bool(pending.get("add")),
        )  # fmt: skip
    finally:
        path.unlink(missing_ok=True)
    if not outcome.ok:  # the data changed between preview and confirm
        messages.error(request, outcome.as_json()["errors"][0]["message_id"])
        return redirect("intake:upload", name=kind.name)
    messages.success(
        request,
        _("Tersimpan: %(i)s baru, %(u)s diubah, %(s)s sama")
        % {"i": outcome.inserted, "u": outcome.updated, "s": outcome.unchanged},
    )
    return redirect("intake:history")


@login_required
def history_page(request: HttpRequest) -> HttpResponse:
    rows = history.batches(request.user, limit=200)
    labels = {k.name: k.label for k in kinds.all_kinds()}
    for row in rows:
        row["may_undo"] = row["status"] == "committed" and _may_undo(request.user, row["batch"])
        row["kind_label"] = labels.get(row["kind"], row["kind"])
    return render(request, "intake/history.html", {"batches": rows})


def _may_undo(user: Any, batch_id: int) -> bool:
    """Admins, or whoever imported the batch (national analysts read everything but do
    not write participant figures, so reading globally is not enough)."""
    if is_global(user, "change"):
        return True
    return ImportBatch.objects.filter(pk=batch_id, user=user).exists()


@login_required
@require_POST
def undo(request: HttpRequest, batch_id: int) -> HttpResponse:
    if not _may_undo(request.user, batch_id):
        raise PermissionDenied
    result = undo_batch(batch_id, request.user)
    if result.ok:
        messages.success(
            request,
            _("Batch #%(b)s dibatalkan: %(d)s dihapus, %(r)s dipulihkan")
            % {"b": batch_id, "d": result.deleted, "r": result.restored},
        )
    else:
        messages.error(request, f"{result.message_id} / {result.message_en}")
    return redirect("intake:history")


def _own_job(request: HttpRequest, job_id: int) -> ImportJob:
    """A job is seen by whoever started it (it may hold person data), else 404."""
    job = ImportJob.objects.filter(pk=job_id, user_id=request.user.pk or 0).first()
    if job is None:
        raise Http404(job_id)
    return jobs.refresh(job)


def _job_context(job: ImportJob) -> dict[str, Any]:
    result = job.result or {}
    errors = result.get("errors", [])
    confirmable = (
        job.dry_run
        and job.state == JobState.DONE
        and result.get("ok")
        and bool(job.path)  # '' once confirmed: the file went to the commit job
        and Path(job.path).exists()
    )
    return {
        "job": job,
        "kind": _kind(job.kind),
        "outcome": result or None,
        "shown_errors": errors[:SHOWN_ERRORS],
        "more_errors": max(0, result.get("error_total", len(errors)) - SHOWN_ERRORS),
        "confirmable": confirmable,
        "coverage_change": result.get("coverage_change"),
    }


@login_required
def job_page(request: HttpRequest, job_id: int) -> HttpResponse:
    """The progress page of a background import; HTMX polls `job_status` while it runs."""
    job = _own_job(request, job_id)
    template = "intake/_job_status.html" if request.htmx else "intake/job.html"  # type: ignore[attr-defined]
    return render(request, template, _job_context(job))


@login_required
@require_POST
def job_confirm(request: HttpRequest, job_id: int) -> HttpResponse:
    """Store what a clean background dry run checked: a second job, on the same file."""
    job = _own_job(request, job_id)
    if not _job_context(job)["confirmable"]:
        messages.error(request, _("Unggahan kedaluwarsa, unggah lagi"))
        return redirect("intake:upload", name=job.kind)
    ImportJob.objects.filter(pk=job.pk).update(path="")  # the file now belongs to the next job
    commit = jobs.start(
        Path(job.path), job.kind, request.user, file_name=job.file_name, source=job.source,
        sheet=job.sheet or None, region=job.region or None, dry_run=False,
        add=job.add_to_list,
    )  # fmt: skip
    return redirect("intake:job", job_id=commit.pk)
