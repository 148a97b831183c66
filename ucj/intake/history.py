"""The list of batches, for `ucj import history --json` and the history page."""

from __future__ import annotations

from typing import Any

from ucj.intake.models import ImportBatch
from ucj.lib.cells import local_time


def batches(limit: int = 50, kind: str | None = None, user: Any = None) -> list[dict[str, Any]]:
    qs = ImportBatch.objects.select_related("user")
    if kind:
        qs = qs.filter(kind=kind)
    if user is not None and not getattr(user, "is_superuser", False):
        from ucj.accounts.scoping import is_global

        if not is_global(user):
            qs = qs.filter(user=user)  # others' batches may cover regions this user cannot see
    return [
        {
            "batch": b.pk,
            "kind": b.kind,
            "file_name": b.file_name,
            "sha256": b.sha256,
            "source": b.source,
            "user": b.user.get_username() if b.user else "sistem",
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
