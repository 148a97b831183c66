"""Import batches in the audit trail: one entry each, so inserted rows (which have no
ChangeRecord) are in the story too. Declared here, by the app that keeps the batches."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from ucj.audit.filter import AuditFilter
from ucj.audit.models import ChangeRecord
from ucj.audit.scope import batch_models, changes_in
from ucj.audit.sources import Entry, Source, register
from ucj.intake.models import ImportBatch


def _batch_qs(f: AuditFilter) -> models.QuerySet[Any] | None:
    """Import batches: one entry each, so inserted rows (no ChangeRecord) are in the story."""
    if f.object_id is not None or (f.object_label and f.object_label != "batch"):
        return None
    qs = ImportBatch.objects.filter(**f.time_range("created")).select_related("user")
    region_ids = f.region_ids()
    if region_ids is not None:  # batches that wrote rows in those regions
        wrote = models.Q(pk__in=[])
        for model in batch_models():
            rows = model._base_manager.filter(region_id__in=region_ids)
            wrote |= models.Q(pk__in=rows.values("batch_id"))
        # …and the batches whose values a later batch replaced there.
        earlier = ChangeRecord.objects.filter(changes_in(region_ids))
        qs = qs.filter(wrote | models.Q(pk__in=earlier.values("before_batch_id")))
    if f.user:
        qs = qs.filter(user__username=f.user)
    return qs


def _batch_entry(row: Any) -> Entry:
    return Entry(
        at=row.created,
        source="batch",
        user=row.user.username if row.user else "",
        action=row.status,
        obj=f"import:{row.kind}",
        object_id=str(row.pk),
        region="",
        batch=str(row.pk),
        changes=_("%(rows)s baris: +%(new)s ~%(changed)s =%(same)s")
        % {"rows": row.rows, "new": row.inserted, "changed": row.updated, "same": row.unchanged},
        reason=f"{row.file_name} {row.source}".strip(),
    )


register(
    Source(
        "batch",
        _("impor"),
        _batch_qs,
        _batch_entry,
        newest=("-created", "-id"),
        oldest=("created", "id"),
        order=20,
    )
)
