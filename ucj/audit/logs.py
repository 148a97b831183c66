"""The sources this app owns or reads below it: the import change log, person-data
access (both stores of this app) and the refused out-of-scope attempts (`accounts`
keeps those: its scope choke point writes them, and it sits below this app)."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from ucj.accounts import refusals
from ucj.audit.filter import AuditFilter
from ucj.audit.models import ChangeRecord, PersonDataAccess
from ucj.audit.scope import changes_in
from ucj.audit.sources import Entry, Source, register


def _import_qs(f: AuditFilter) -> models.QuerySet[Any] | None:
    qs = ChangeRecord.objects.filter(**f.time_range("batch__created")).select_related("batch__user")
    region_ids = f.region_ids()
    if region_ids is not None:
        qs = qs.filter(changes_in(region_ids))
    if f.user:
        qs = qs.filter(batch__user__username=f.user)
    if f.object_label:
        qs = qs.filter(model__iexact=f.object_label)
    if f.object_id is not None:
        qs = qs.filter(object_id=f.object_id)
    return qs


def _import_entry(row: Any) -> Entry:
    return Entry(
        at=row.batch.created,
        source="import",
        user=row.batch.user.username if row.batch.user else "",
        action="update",
        obj=row.model.lower(),
        object_id=str(row.object_id),
        region="",
        batch=str(row.batch_id),
        changes=f"{row.key} {row.field}: {row.before} → {row.after}",
        reason=f"{row.batch.kind} {row.batch.file_name}",
    )


def _access_qs(f: AuditFilter) -> models.QuerySet[Any] | None:
    if f.object_label or f.object_id is not None:
        return None
    qs = PersonDataAccess.objects.filter(**f.time_range("at")).select_related("user", "region")
    if f.user:
        qs = qs.filter(user__username=f.user)
    region_ids = f.region_ids()
    if region_ids is not None:
        qs = qs.filter(region_id__in=region_ids)
    return qs


def _access_entry(row: Any) -> Entry:
    return Entry(
        at=row.at,
        source="access",
        user=row.user.username if row.user else "",
        action=row.action,
        obj=row.what,
        object_id="",
        region=row.region.code if row.region else "",
        batch="",
        changes=_("%(rows)s baris") % {"rows": row.rows},
        reason="",
    )


register(
    Source(
        "import",
        _("impor: nilai diganti"),
        _import_qs,
        _import_entry,
        newest=("-batch__created", "-id"),
        oldest=("batch__created", "id"),
        order=30,
    )
)
register(
    Source(
        "access",
        _("akses data pribadi"),
        _access_qs,
        _access_entry,
        newest=("-at", "-id"),
        oldest=("at", "id"),
        order=40,
    )
)
register(
    Source(
        "refused",
        _("akses ditolak"),
        refusals.audit_qs,
        lambda row: refusals.audit_entry(row, Entry),
        newest=("-at", "-id"),
        oldest=("at", "id"),
        order=50,
    )
)
