"""Membership lists uploaded through the web page, the API or a background job go to the
list store by the same function as `ucj lists import` (`list_store.import_membership`):
same scope and audit rules, idempotent replace or add, undo. Intake calls `store_upload`
for the kind `membership` (`intake.uploads.run_upload`); the answer is the pipeline's
Outcome, so the upload page, its preview, the job page and the API JSON are unchanged."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import polars as pl
from django.utils.translation import gettext_lazy as _

from ucj.intake.extensions import add_file_store
from ucj.intake.pipeline import Outcome
from ucj.intake.uploads import file_error
from ucj.lib.bilingual import pair
from ucj.regions import resolver
from ucj.regions.models import Region
from ucj.registry import files, list_store
from ucj.registry.intake import MEMBERSHIP

ERRORS = {"row": pl.Int64, "column": pl.Utf8, "value": pl.Utf8, "message_id": pl.Utf8,
          "message_en": pl.Utf8}  # fmt: skip


def _region(text: str | None) -> Any:
    if not (text or "").strip():
        return None
    try:
        code = resolver.resolve(str(text).strip()).code
    except resolver.ResolutionError:
        return False
    return Region.objects.filter(code=code).first() or False


def _named(folder: str, path: Path, file_name: str) -> Path:
    """The upload under its own name (messages and the batch quote it), not the token
    name it waits under; the suffix stays the stored one (what was read)."""
    name = Path(file_name).name or path.name
    if Path(name).suffix.lower() != path.suffix.lower():
        name += path.suffix
    named = Path(folder) / name
    named.symlink_to(path.resolve())
    return named


def store_upload(
    path: Path,
    *,
    user: Any,
    source: str = "",
    dry_run: bool = False,
    file_name: str,
    region: str | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    add: bool = False,
) -> Outcome:
    whole = _region(region)
    if whole is False:
        problem = pair(_("Wilayah “%(text)s” tidak dikenal."), text=region)
        return file_error(problem.message_id, problem.message_en, file_name)
    with tempfile.TemporaryDirectory(prefix="ucj-list-") as folder:
        named = _named(folder, path, file_name)
        try:
            result = list_store.import_membership(
                named, user, add=add, source=source, region=whole, dry_run=dry_run,
                progress=progress,
            )  # fmt: skip
        except FileNotFoundError:
            problem = pair(_("berkas tidak ditemukan"))
            return file_error(problem.message_id, problem.message_en, file_name)
        except (files.FileProblem, list_store.Refused) as exc:
            rows = [{k: p.get(k) for k in ERRORS} for p in exc.problems]
            errors = pl.DataFrame(rows, schema=ERRORS)
            return Outcome(False, 1, errors=errors, dry_run=dry_run)
    if result.unchanged:
        return Outcome(True, 0, rows=result.rows, unchanged=result.rows, dry_run=dry_run)
    return Outcome(
        True, 0, batch=result.batch, rows=result.rows, inserted=result.rows, dry_run=dry_run
    )


add_file_store(MEMBERSHIP.name, store_upload)
