"""Storing checked rows: one transaction per file, a batch row, and a retry when another
import stored the same new keys at the same moment."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import SystemActor
from ucj.intake import extensions, span
from ucj.intake.bulk import relaxed_for_bulk
from ucj.intake.checks import as_list
from ucj.intake.kinds import Kind
from ucj.intake.models import ImportBatch
from ucj.intake.writer import WriteJob, WriteResult, upsert
from ucj.lib.personal import redact
from ucj.regions.signals import data_changed

logger = logging.getLogger(__name__)

CONCURRENT = _(
    "impor lain menyimpan kunci yang sama pada saat yang sama; tidak ada yang disimpan, coba lagi"
)


class Collision(Exception):
    """The same new keys were stored by another import twice in a row."""


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back after counting."""

    def __init__(self, result: WriteResult) -> None:
        super().__init__("dry run")
        self.result = result


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def store(
    kind: Kind,
    batches: Callable[[], Iterator[pl.DataFrame]],
    rows: int,
    whole: pl.DataFrame | None,
    name: str,
    path: Path,
    user: Any,
    source: str,
    warnings: pl.DataFrame,
    dry_run: bool,
    tick: Callable[[str, int, int], None],
    preview: bool = False,
) -> tuple[WriteResult, ImportBatch | None]:
    """Write in one transaction (rolled back after counting on a dry run), batch by
    batch (`batches()` yields the checked rows again each time it is called). Two
    imports of the same new keys at once (PostgreSQL: both see no row, both insert, the
    second gets UniqueViolation when the first commits): the retry reads the rows the
    first stored and updates them; a second collision raises `Collision`, nothing
    written."""
    for attempt in (1, 2):
        try:
            with transaction.atomic():
                preview_of = extensions.coverage_preview() if dry_run and preview else None
                touched = preview_of.scope(kind.name, batches) if preview_of else None
                before = _coverage(touched)
                result, batch = _write(
                    kind, batches, rows, whole, name, path, user, source, warnings, tick
                )
                if dry_run:
                    after = _coverage(touched)
                    if preview_of and before is not None and after is not None:
                        result.coverage_change = preview_of.compare(before, after)
                    raise _DryRun(result)
                if batch is not None:  # last, so the version row is locked only briefly
                    rows_of = kind.model._base_manager.filter(batch_id=batch.pk)
                    # inline: the stored coverage results refresh in this transaction,
                    # so they commit with the figures (no page computes them).
                    data_changed.send(
                        sender=ImportBatch, inline=True, **span.of(kind.model, rows_of)
                    )
            return result, batch
        except _DryRun as counted:
            return counted.result, None
        # COPY runs on the driver's own cursor, so its error is the driver's class.
        except (IntegrityError, connection.Database.IntegrityError):  # type: ignore[attr-defined]
            if attempt == 2:
                raise Collision from None
    raise AssertionError("unreachable")


def _coverage(touched: tuple[set[str], list[Any]] | None) -> pl.DataFrame | None:
    """The coverage engine's rows for a preview; a preview without them rather than none."""
    preview_of = extensions.coverage_preview()
    if touched is None or preview_of is None:
        return None
    try:
        return preview_of.snapshot(*touched)
    except (pl.exceptions.PolarsError, KeyError, ValueError):
        logger.exception("coverage preview failed")
        return None


def _write(
    kind: Kind,
    batches: Callable[[], Iterator[pl.DataFrame]],
    rows: int,
    whole: pl.DataFrame | None,
    name: str,
    path: Path,
    user: Any,
    source: str,
    warnings: pl.DataFrame,
    tick: Callable[[str, int, int], None],
) -> tuple[WriteResult, ImportBatch | None]:
    batch = ImportBatch.objects.create(
        kind=kind.name,
        file_name=redact(name)[:255],
        sha256=sha256_of(path),
        source=source[:300],
        user=user if getattr(user, "is_authenticated", False) else None,
        system=user.label if isinstance(user, SystemActor) else "",
        rows=rows,
        warnings=as_list(warnings, 1000),
    )
    done = [0]

    def step(n: int) -> None:
        done[0] += n
        tick("simpan / store", min(done[0], rows), rows)

    result = WriteResult()
    state: dict[str, Any] = {}
    attnames = _attnames(kind)
    # A big file in batches still takes the bulk path once (indexes and keys set aside
    # for the whole file, not per batch: each batch is under `bulk.BIG_INSERT`).
    with relaxed_for_bulk(kind.model, rows if whole is not None else 0):
        for clean in batches():
            dropped = [c for c in clean.columns if c.startswith("_") or c not in attnames]
            fields = clean.drop(dropped)
            job = WriteJob(kind, fields, batch, step, whole=whole, state=state)
            part = (kind.write or upsert)(job)
            result.inserted += part.inserted
            result.updated += part.updated
            result.unchanged += part.unchanged
    if result.inserted == 0 and result.updated == 0:
        # Nothing changed: no batch to show in the history or to undo.
        batch.delete()
        return result, None
    ImportBatch.objects.filter(pk=batch.pk).update(
        inserted=result.inserted, updated=result.updated, unchanged=result.unchanged
    )
    return result, batch


def _attnames(kind: Kind) -> set[str]:
    return {f.attname for f in kind.model._meta.concrete_fields}
