"""The audit trail: simple-history records and every declared source (`sources.py`:
the import change log, import batches, person-data access, refused attempts).

One filter (`AuditFilter`, parsed from a query string) serves the page, the API and the
export. Each source gives its entries newest first; the page merges them by time. The
export streams every matching row (no cap), source by source.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator
from itertools import islice
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from simple_history.models import registered_models

from ucj.audit.filter import AuditFilter
from ucj.audit.scope import reader_scope
from ucj.audit.sources import HEADER, Entry, registered
from ucj.regions.models import Region

__all__ = ["HEADER", "AuditFilter", "Entry", "page", "reader_scope", "stream"]

ACTIONS = {"+": "create", "~": "update", "-": "delete"}


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


def _newest(f: AuditFilter, limit: int) -> Iterator[Entry]:
    streams: list[Iterator[Entry]] = []
    if f.source in ("", "history"):
        for historical in history_models():
            qs = _history_qs(historical, f)
            if qs is not None:
                records = qs.order_by("-history_date", "-history_id")[:limit]
                streams.append(_with_prev(records))
    for source in registered():
        if f.source in ("", source.name) and (qs := source.rows(f)) is not None:
            streams.append(map(source.entry, qs.order_by(*source.newest)[:limit]))
    return heapq.merge(*streams, key=lambda e: e.at, reverse=True)


def _with_prev(records: Any) -> Iterator[Entry]:
    """Each record with the one before it of the same object, read for the whole page in
    one query (`record.prev_record` cost one query per row shown)."""
    rows = list(records)
    if not rows:
        return
    model = type(rows[0])
    newest = max(r.history_date for r in rows)
    chains: dict[Any, list[Any]] = {}
    earlier = model.objects.filter(id__in={r.id for r in rows}, history_date__lte=newest)
    for h in earlier.order_by("id", "history_date", "history_id"):
        chains.setdefault(h.id, []).append(h)
    for record in rows:
        chain = chains.get(record.id, [])
        at = next((i for i, h in enumerate(chain) if h.history_id == record.history_id), 0)
        entry = _history_entry(record, chain[at - 1] if at > 0 else None)
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
    for source in registered():
        if f.source in ("", source.name) and (qs := source.rows(f)) is not None:
            yield from map(source.entry, qs.order_by(*source.oldest).iterator(2000))


def user_choices(scope: frozenset[int] | None = None) -> list[str]:
    """Usernames for the filter: everyone for a full reader, else those with a role in
    the reader's regions (entries still name whoever acted)."""
    users = get_user_model().objects.order_by("username")
    if scope is not None:
        users = users.filter(roles__region_id__in=scope).distinct()
    return list(users.values_list("username", flat=True))


def object_choices() -> list[str]:
    return [_label(m) for m in history_models()]
