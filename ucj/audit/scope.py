"""Which part of the audit trail a reader sees: all of it (admin, national analyst) or
what happened to their own regions' data (province, kab/kota and branch officers)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models

from ucj.accounts.roles import Role
from ucj.accounts.scoping import VIEW, allowed_regions, has_role


def reader_scope(user: Any) -> frozenset[int] | None:
    """What of the audit trail `user` may read: None = all of it (admin, national
    analyst); the ids of their regions for a province, kab/kota or branch officer, who
    see what happened to their own regions' data; an empty set = nothing."""
    if has_role(user, Role.ADMIN, Role.NATIONAL):
        return None
    if not has_role(user, Role.PROVINCE, Role.KABKOTA, Role.BRANCH):
        return frozenset()
    return frozenset(allowed_regions(user, VIEW).values_list("pk", flat=True))


def changes_in(region_ids: list[int]) -> models.Q:
    """Change records of rows in these regions. A record names its row by model and id;
    a row an undo deleted has no region any more and drops out."""
    rows = models.Q(pk__in=[])
    for model in batch_models():
        ids = model._base_manager.filter(region_id__in=region_ids).values("pk")
        rows |= models.Q(model=model._meta.label, object_id__in=ids)
    return rows


def batch_models() -> list[type[models.Model]]:
    """Models whose rows come from import batches and belong to a region of their own,
    as their scope says. Rows scoped through a parent (membership entries through their
    list, whose region and batch they share) are found through the parent: reading a
    ten-million-row table for one audit page would be wasted. The audit stores (history
    copies, the change log) are not rows of their own either."""
    out = []
    for m in apps.get_models():
        if m._meta.app_label == "audit" or "batch" not in {f.name for f in m._meta.concrete_fields}:
            continue
        if getattr(m._default_manager.all(), "scope_path", None) == "region":
            out.append(m)
    return out
