"""The audit trail: simple-history records, the intake change log, person-data access.

One filter (`AuditFilter`, parsed from a query string) serves the page, the API and the
export. Entries come from three sources, each ordered newest first; the page merges
them by time. The export streams every matching row (no cap), source by source.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import registered_models

from ucj.accounts import refusals
from ucj.accounts.audit_filter import SOURCES, AuditFilter
from ucj.accounts.audit_scope import batch_models, changes_in, reader_scope
from ucj.regions.models import Region

__all__ = ["SOURCES", "AuditFilter", "Entry", "page", "reader_scope", "stream"]

ACTIONS = {"+": "create", "~": "update", "-": "delete"}


@dataclass
class Entry:
    at: dt.datetime
    source: str
    user: str
    action: str
    obj: str  # app_label.model
    object_id: str
    region: str
    batch: str
    changes: str  # "field: before → after; …"
    reason: str
    # The same changes as (field name, before, after) for the page's readable form;
    # history rows only (field names of the audited model).
    fields: list[tuple[str, Any, Any]] = field(default_factory=list)

    def row(self) -> list[str]:
        return [
            timezone.localtime(self.at).isoformat(timespec="seconds"),
            self.source,
            self.user,
            self.action,
            self.obj,
            self.object_id,
            self.region,
            self.batch,
            self.changes,
            self.reason,
        ]


HEADER = [
    "waktu/time",
    "sumber/source",
    "pengguna/user",
    "aksi/action",
    "objek/object",
    "id",
    "wilayah/region",
    "batch",
    "perubahan/changes",
    "alasan/reason",
]


def history_models() -> list[type[models.Model]]:
    """Every historical model simple-history knows, sorted by the audited model's label."""
    out = []
    for model in registered_models.values():
        history = getattr(model, "history", None)
        if history is not None:
            out.append(history.model)
    return sorted(out, key=lambda m: m.instance_type._meta.label_lower)


def _label(historical: Any) -> str:
    return str(historical.instance_type._meta.label_lower)


def _has_field(model: Any, name: str) -> bool:
    return any(f.name == name for f in model._meta.get_fields())


def _history_qs(historical: Any, f: AuditFilter) -> models.QuerySet[Any] | None:
    if f.object_label and f.object_label != _label(historical):
        return None
    qs = historical.objects.filter(**f.time_range("history_date"))
    if f.user:
        qs = qs.filter(history_user__username=f.user)
    if f.object_id is not None:
        qs = qs.filter(id=f.object_id)
    region_ids = f.region_ids()
    if region_ids is not None:
        if not _has_field(historical, "region"):
            return None
        qs = qs.filter(region_id__in=region_ids)
    return qs.select_related("history_user")


def _changes(record: Any, prev: Any) -> str | None:
    """'field: before → after; …'; None for an update that changed nothing audited (a
    log-in saves the user's last_login, which is not audited: not a change to show)."""
    if record.history_type == "-":
        return ""
    if prev is None:
        fields = [f.attname for f in record.instance_type._meta.concrete_fields]
        values = {name: getattr(record, name, None) for name in fields}
        return "; ".join(f"{k}: {v}" for k, v in values.items() if v not in (None, ""))
    delta = record.diff_against(prev)
    if not delta.changes and record.history_type == "~" and not record.history_change_reason:
        return None
    return "; ".join(f"{c.field}: {c.old} → {c.new}" for c in delta.changes)


def _fields(record: Any, prev: Any) -> list[tuple[str, Any, Any]]:
    if record.history_type == "-":
        return []
    if prev is None:
        own = [f for f in record.instance_type._meta.concrete_fields if not f.is_relation]
        return [(f.name, None, getattr(record, f.attname, None)) for f in own]
    return [(c.field, c.old, c.new) for c in record.diff_against(prev).changes]


def _history_entry(record: Any, prev: Any) -> Entry | None:
    changes = _changes(record, prev)
    if changes is None:
        return None
    region = getattr(record, "region_id", None)
    return Entry(
        at=record.history_date,
        source="history",
        user=record.history_user.username if record.history_user else "",
        action=ACTIONS.get(record.history_type, record.history_type),
        obj=_label(record),
        object_id=str(record.id),
        region=str(region or ""),
        batch=str(getattr(record, "batch_id", "") or ""),
        changes=changes,
        reason=record.history_change_reason or "",
        fields=_fields(record, prev),
    )


def _import_qs(f: AuditFilter) -> models.QuerySet[Any] | None:
    try:
        change = apps.get_model("intake", "ChangeRecord")
    except LookupError:
        return None
    qs = change.objects.filter(**f.time_range("batch__created")).select_related("batch__user")
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


def _batch_qs(f: AuditFilter) -> models.QuerySet[Any] | None:
    """Import batches: one entry each, so inserted rows (no ChangeRecord) are in the story."""
    try:
        batch = apps.get_model("intake", "ImportBatch")
    except LookupError:
        return None
    if f.object_id is not None or (f.object_label and f.object_label != "batch"):
        return None
    qs = batch.objects.filter(**f.time_range("created")).select_related("user")
    region_ids = f.region_ids()
    if region_ids is not None:  # batches that wrote rows in those regions
        wrote = models.Q(pk__in=[])
        for model in batch_models():
            rows = model._base_manager.filter(region_id__in=region_ids)
            wrote |= models.Q(pk__in=rows.values("batch_id"))
        # …and the batches whose values a later batch replaced there.
        earlier = apps.get_model("intake", "ChangeRecord").objects.filter(changes_in(region_ids))
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


def _access_qs(f: AuditFilter) -> models.QuerySet[Any] | None:
    try:
        access = apps.get_model("registry", "PersonDataAccess")
    except LookupError:
        return None
    if f.object_label or f.object_id is not None:
        return None
    qs = access.objects.filter(**f.time_range("at")).select_related("user", "region")
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


def _newest(f: AuditFilter, limit: int) -> Iterator[Entry]:
    streams: list[Iterator[Entry]] = []
    if f.source in ("", "history"):
        for historical in history_models():
            qs = _history_qs(historical, f)
            if qs is not None:
                records = qs.order_by("-history_date", "-history_id")[:limit]
                streams.append(_with_prev(records))
    if f.source in ("", "batch") and (qs := _batch_qs(f)) is not None:
        streams.append(_batch_entry(r) for r in qs.order_by("-created", "-id")[:limit])
    if f.source in ("", "import") and (qs := _import_qs(f)) is not None:
        streams.append(_import_entry(r) for r in qs.order_by("-batch__created", "-id")[:limit])
    if f.source in ("", "access") and (qs := _access_qs(f)) is not None:
        streams.append(_access_entry(r) for r in qs.order_by("-at", "-id")[:limit])
    if f.source in ("", "refused"):
        rows = refusals.audit_qs(f).order_by("-at", "-id")[:limit]
        streams.append(refusals.audit_entry(r, Entry) for r in rows)
    return heapq.merge(*streams, key=lambda e: e.at, reverse=True)


def _with_prev(records: Any) -> Iterator[Entry]:
    for record in records:
        entry = _history_entry(record, record.prev_record)
        if entry is not None:
            yield entry


def _region_codes(entries: Iterator[Entry]) -> Iterator[Entry]:
    """History rows hold a region id; show its code (one look-up, cached)."""
    codes: dict[str, str] = {}
    for entry in entries:
        if entry.source == "history" and entry.region:
            if entry.region not in codes:
                code = Region.objects.filter(pk=entry.region).values_list("code", flat=True)
                codes[entry.region] = code.first() or entry.region
            entry.region = codes[entry.region]
        yield entry


def page(f: AuditFilter, number: int, size: int = 50) -> tuple[list[Entry], bool]:
    """Entries of page `number` (1-based), newest first, and whether a next page exists."""
    number = min(max(1, number), 1000)
    wanted = number * size + 1
    entries = list(_region_codes(islice(_newest(f, wanted), (number - 1) * size, wanted)))
    return entries[:size], len(entries) > size


def stream(f: AuditFilter) -> Iterator[Entry]:
    """Every matching entry, for the export: history by model and object (so each row's
    'before' is the previous row), then the import change log, then data access."""
    return _region_codes(_stream(f))


def _stream(f: AuditFilter) -> Iterator[Entry]:
    if f.source in ("", "history"):
        for historical in history_models():
            qs = _history_qs(historical, f)
            if qs is None:
                continue
            prev = None
            for record in qs.order_by("id", "history_date", "history_id").iterator(2000):
                same = prev is not None and prev.id == record.id
                entry = _history_entry(record, prev if same else None)
                if entry is not None:
                    yield entry
                prev = record
    if f.source in ("", "batch") and (qs := _batch_qs(f)) is not None:
        for row in qs.order_by("created", "id").iterator(2000):
            yield _batch_entry(row)
    if f.source in ("", "import") and (qs := _import_qs(f)) is not None:
        for row in qs.order_by("batch__created", "id").iterator(2000):
            yield _import_entry(row)
    if f.source in ("", "access") and (qs := _access_qs(f)) is not None:
        for row in qs.order_by("at", "id").iterator(2000):
            yield _access_entry(row)
    if f.source in ("", "refused"):
        for row in refusals.audit_qs(f).order_by("at", "id").iterator(2000):
            yield refusals.audit_entry(row, Entry)


def user_choices(scope: frozenset[int] | None = None) -> list[str]:
    """Usernames for the filter: everyone for a full reader, else those with a role in
    the reader's regions (entries still name whoever acted)."""
    users = get_user_model().objects.order_by("username")
    if scope is not None:
        users = users.filter(roles__region_id__in=scope).distinct()
    return list(users.values_list("username", flat=True))


def object_choices() -> list[str]:
    return [_label(m) for m in history_models()]
