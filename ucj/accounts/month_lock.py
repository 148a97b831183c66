"""The edit lock on approved months, for every model whose write policy names `locked_by`
(`policy.py`): the locked cells a set of rows falls in (imports, undo), and the ORM check
on every save and delete (`connect_locks`, from `AccountsConfig.ready`). Apart from
`policy.py` because the models import the declaration and this reads the approvals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db.models.signals import pre_delete, pre_save

from ucj.accounts.approval import ensure_unlocked, locked_cells
from ucj.accounts.policy import locked_model


def locked_pairs(model: Any, pairs: Iterable[tuple[int, dt.date]]) -> list[Any]:
    """Locked cells (`approval.LockedCell`) among (region_id, month) pairs of `model`."""
    if locked_model(model) is None:
        return []
    return locked_cells({(r, p.replace(day=1)) for r, p in pairs if r is not None and p})


def locked_rows(model: Any, rows: Any) -> list[Any]:
    """Locked cells that stored `rows` (a queryset of `model`) fall in: two queries."""
    field = locked_model(model)
    if field is None:
        return []
    return locked_pairs(model, rows.values_list("region_id", field).distinct())


def _check(sender: Any, instance: Any, **kwargs: Any) -> None:
    field = locked_model(sender)
    if field is None or kwargs.get("raw"):
        return
    period = getattr(instance, field, None)
    if period is not None and instance.region_id is not None:
        pairs = [(instance.region_id, period.replace(day=1))]
        if instance.pk is not None:
            # Moving a figure out of a locked month is an edit of that month too.
            old = sender._base_manager.filter(pk=instance.pk).values("region_id", field).first()
            if old and old[field] is not None:
                pairs.append((old["region_id"], old[field].replace(day=1)))
        ensure_unlocked(pairs)


def connect_locks() -> list[str]:
    """Connect the lock check to every model that declares `locked_by`; returns labels."""
    connected = []
    for model in apps.get_models():
        field = locked_model(model)
        if field is None:
            continue
        names = {f.name for f in model._meta.concrete_fields}
        if not {"region", field} <= names:
            raise ImproperlyConfigured(
                f"{model._meta.label}: locked_by={field!r} needs fields 'region' and {field!r}"
            )
        label = model._meta.label_lower
        pre_save.connect(_check, sender=model, dispatch_uid=f"ucj-lock-save-{label}")
        pre_delete.connect(_check, sender=model, dispatch_uid=f"ucj-lock-delete-{label}")
        connected.append(label)
    return connected
