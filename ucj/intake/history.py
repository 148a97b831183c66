"""The list of batches, for `ucj import history --json` and the history page."""

from __future__ import annotations

from typing import Any

from ucj.intake.models import ImportBatch
from ucj.lib.cells import local_time


def batches(user: Any, limit: int = 50, kind: str | None = None) -> list[dict[str, Any]]:
    """Global readers (admin, national, a system actor such as the CLI) see every batch,
    others their own; no user (None) sees none."""
    from ucj.accounts.scoping import is_global

    qs = ImportBatch.objects.select_related("user")
    if kind:
        qs = qs.filter(kind=kind)
    if not is_global(user):
        # Others' batches may cover regions this user cannot see.
        qs = qs.filter(user=user) if getattr(user, "is_authenticated", False) else qs.none()
    return [
        {
            "batch": b.pk,
            "kind": b.kind,
            "file_name": b.file_name,
            "sha256": b.sha256,
            "source": b.source,
            "user": b.actor,  # the account, or "CLI oleh root" for a system import
            "created": local_time(b.created),
            "status": b.status,
            "rows": b.rows,
            "inserted": b.inserted,
            "updated": b.updated,
            "unchanged": b.unchanged,
            "warnings": len(b.warnings),
        }
        for b in qs[:limit]
    ]
