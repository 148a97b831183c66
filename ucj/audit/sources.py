"""The audit trail's sources: where entries come from, declared by the app that owns
the store, as apps declare panels and jobs.

History copies (simple-history) are read by `entries` itself, model by model. Every
other store is a `Source`: a function giving the rows that match a filter (a queryset,
or None when the filter rules the source out), the row's `Entry`, and the two orders
(newest first for the page, oldest first for the export). This app declares the stores
it owns and reads (`ucj/audit/logs.py`); an app above it that keeps an audit-worthy
table of its own declares it in `ucj/<app>/audit.py` with `register(Source(...))`
(import batches: `ucj/intake/audit.py`). Each such module is imported on first use.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from ucj.lib.discovery import app_modules


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


@dataclass(frozen=True)
class Source:
    name: str  # the `source` filter value and the Entry.source of its rows
    label: Any  # what the page calls it (a lazy translation)
    rows: Callable[[Any], Any]  # AuditFilter -> QuerySet | None
    entry: Callable[[Any], Entry]
    newest: tuple[str, ...]  # order_by for the page (newest first)
    oldest: tuple[str, ...]  # order_by for the export
    order: int = 100  # where it comes in the filter's list and in the export


# History copies are not a Source (they are read model by model with the previous copy
# to show before → after) but they are a source of the filter all the same.
HISTORY = "history"

_SOURCES: dict[str, Source] = {}
_loaded = False


def register(source: Source) -> Source:
    _SOURCES[source.name] = source
    return source


def _discover() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    importlib.import_module("ucj.audit.logs")
    for _module in app_modules("audit"):
        pass  # importing it registers its sources


def registered() -> list[Source]:
    _discover()
    return sorted(_SOURCES.values(), key=lambda s: (s.order, s.name))


def names() -> tuple[str, ...]:
    """Every value of the `source` filter, history first."""
    return (HISTORY, *(s.name for s in registered()))
