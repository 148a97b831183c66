"""Undoing a batch: delete what it inserted, put back what it changed — unless a later
batch has changed the same values since (then undo would silently lose that later work)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl
from django.db import connection, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ucj.accounts.month_lock import locked_rows
from ucj.accounts.scoping import CHANGE
from ucj.audit.models import ChangeRecord
from ucj.intake import extensions, kinds, span
from ucj.intake.models import BatchStatus, ImportBatch
from ucj.intake.writer import _db_ready
from ucj.lib.bilingual import pair
from ucj.regions.signals import data_changed


@dataclass
class UndoResult:
    ok: bool
    batch: int
    deleted: int = 0
    restored: int = 0
    message_id: str = ""
    message_en: str = ""


def _refuse(batch_id: int, msgid: Any, **params: Any) -> UndoResult:
    message_id, message_en = pair(msgid, batch=batch_id, **params)
    return UndoResult(False, batch_id, message_id=message_id, message_en=message_en)


def undo_batch(batch_id: int, user: Any) -> UndoResult:
    """Undo as `user` (an account, or a SystemActor such as the CLI): every row the batch
    touched must be one the user may write now (the model's `write_policy`) and none
    may lie in a locked month. `None` is refused like an outsider."""
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        return _refuse(batch_id, _("batch %(batch)s tidak ada"))
    if batch.status == BatchStatus.UNDONE:
        return _refuse(batch_id, _("batch %(batch)s sudah dibatalkan"))
    custom = extensions.batch_undo(batch.kind)
    if custom is not None:
        with transaction.atomic():
            refusal, removed = custom(batch, user)
            if refusal is not None:
                transaction.set_rollback(True)
                return _refuse(batch_id, refusal[0], **refusal[1])
            batch.status = BatchStatus.UNDONE
            batch.save(update_fields=["status"])
            data_changed.send(sender=ImportBatch)
        return UndoResult(True, batch_id, deleted=removed)
    kind = kinds.get(batch.kind)
    if kind is None:
        return _refuse(batch_id, _("jenis '%(kind)s' tidak dikenal"), kind=batch.kind)
    model = kind.model
    if "batch" not in {f.name for f in model._meta.concrete_fields}:
        return _refuse(
            batch_id, _("jenis '%(kind)s' tidak dapat dibatalkan otomatis"), kind=batch.kind
        )
    label = model._meta.label
    changes = ChangeRecord.objects.filter(batch=batch)
    changed_ids = set(changes.values_list("object_id", flat=True))
    ours = model._default_manager.filter(batch_id=batch.pk)
    inserted_ids = set(ours.values_list("id", flat=True)) - changed_ids
    later = ChangeRecord.objects.filter(
        model=label, batch__gt=batch.pk, batch__status=BatchStatus.COMMITTED
    )
    clash = later.filter(
        Q(object_id__in=changed_ids | inserted_ids) | Q(before_batch=batch)
    ).values_list("batch_id", flat=True)
    # A row this batch inserted but that now belongs to another batch was changed later.
    lost = batch.inserted - len(inserted_ids)
    later_batches = sorted(set(clash))
    if later_batches or lost > 0:
        shown = ", ".join(f"#{b}" for b in later_batches) or "?"
        return _refuse(
            batch_id,
            _(
                "batch %(batch)s tidak dapat dibatalkan: batch lebih baru (%(later)s) telah "
                "mengubah nilai yang sama; batalkan batch itu dulu"
            ),
            later=shown,
        )
    # The rows it touched, as a subquery (a batch may hold a million rows).
    touched = model._base_manager.filter(
        Q(batch_id=batch.pk) | Q(pk__in=changes.values("object_id"))
    )
    if _outside_scope(model, touched, user):
        return _refuse(
            batch_id,
            _(
                "batch %(batch)s tidak dapat dibatalkan: Anda tidak berwenang mengubah data "
                "wilayah di dalamnya"
            ),
        )
    locked = _locked(model, touched)
    if locked:
        return _refuse(
            batch_id,
            _(
                "batch %(batch)s tidak dapat dibatalkan: data bulan ini sudah disetujui dan "
                "dikunci oleh %(locked)s; buka kembali persetujuannya dulu"
            ),
            locked=locked,
        )
    with transaction.atomic():
        touches = span.of(model, touched)  # before the rows go
        deleted = model._default_manager.filter(id__in=inserted_ids)._raw_delete(  # type: ignore[attr-defined]
            connection.alias
        )
        restored = _restore(model, changes)
        batch.status = BatchStatus.UNDONE
        batch.save(update_fields=["status"])
        data_changed.send(sender=ImportBatch, inline=True, **touches)
    return UndoResult(True, batch_id, deleted=deleted or 0, restored=restored)


def _outside_scope(model: Any, touched: Any, user: Any) -> bool:
    """Does the batch hold a row outside what `user` may write (one query)?"""
    mine = model._default_manager.for_user(user, CHANGE).values("pk")
    return bool(touched.exclude(pk__in=mine).exists())


def _locked(model: Any, touched: Any) -> str:
    """Who approved (and when) a month that undoing would change; '' when none is locked
    (the model's `write_policy.locked_by`)."""
    cells = locked_rows(model, touched)
    return ", ".join(sorted({f"{c.approved_by} ({c.approved_at:%Y-%m-%d})" for c in cells}))


def _restore(model: Any, changes: Any) -> int:
    rows = list(
        ChangeRecord.objects.filter(pk__in=changes.values("pk")).values_list(  # type: ignore[attr-defined]
            "object_id", "field", "before", "before_batch_id"
        )
    )
    if not rows:
        return 0
    frame = pl.DataFrame(
        rows, schema=["id", "field", "before", "before_batch"], orient="row", strict=False
    )
    table = connection.ops.quote_name(model._meta.db_table)
    mark = "%s" if connection.vendor == "postgresql" else "?"
    with connection.cursor() as cursor:
        for (name,), part in frame.group_by("field"):
            f = model._meta.get_field(str(name))
            target = f.to_python if hasattr(f, "to_python") else (lambda v: v)
            values = [
                (None if v is None else f.get_db_prep_value(target(v), connection), i)
                for v, i in part.select("before", "id").rows()
            ]
            column = connection.ops.quote_name(f.column)
            cursor.cursor.executemany(
                f"UPDATE {table} SET {column} = {mark} WHERE id = {mark}", values
            )
        owners = _db_ready(frame.unique("id").select("before_batch", "id"), model).rows()
        sql = f"UPDATE {table} SET batch_id = {mark} WHERE id = {mark}"
        cursor.cursor.executemany(sql, owners)
    return frame.get_column("id").n_unique()
