"""What apps above intake add to an import, registered as they load (intake must not
import them: docs/ARCHITECTURE.md, "Layers"). Today one: the coverage preview of a dry
run (`ucj.indicators.coverage_change`: coverage per region and month, before → after)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any, Protocol

import polars as pl


class CoveragePreview(Protocol):
    def scope(
        self, kind_name: str, batches: Callable[[], Iterator[pl.DataFrame]]
    ) -> tuple[set[str], list[dt.date]] | None: ...

    def snapshot(self, codes: set[str], periods: list[dt.date]) -> pl.DataFrame: ...

    def compare(self, before: pl.DataFrame, after: pl.DataFrame) -> dict[str, Any]: ...


_coverage_preview: list[CoveragePreview] = []


def add_coverage_preview(preview: CoveragePreview) -> None:
    _coverage_preview[:] = [preview]


def coverage_preview() -> CoveragePreview | None:
    """The registered preview, or None (no app provides one: the dry run shows none)."""
    return _coverage_preview[0] if _coverage_preview else None


# Batches whose rows are not a kind's model rows (a membership list stored as Parquet,
# `ucj.registry.list_store`) are undone by the app that wrote them. The hook checks the
# user's rights itself and deletes inside the undo's transaction; it returns the refusal
# (a lazy message and its parameters) or None, and the number of rows removed.
BatchUndo = Callable[[Any, Any], tuple[tuple[Any, dict[str, Any]] | None, int]]
_batch_undo: dict[str, BatchUndo] = {}


def add_batch_undo(batch_kind: str, undo: BatchUndo) -> None:
    _batch_undo[batch_kind] = undo


def batch_undo(batch_kind: str) -> BatchUndo | None:
    return _batch_undo.get(batch_kind)


# Kinds whose files are not stored by the pipeline but by the app that owns them (a
# membership list: Parquet in the list store, `ucj.registry.uploads`). The web upload
# page, the API and background jobs call `uploads.run_upload`, which hands such a file to
# its store; the store answers the pipeline's Outcome, so pages and JSON do not change.
FileStore = Callable[..., Any]
_file_stores: dict[str, FileStore] = {}


def add_file_store(kind_name: str, store: FileStore) -> None:
    _file_stores[kind_name] = store


def file_store(kind_name: str) -> FileStore | None:
    return _file_stores.get(kind_name)
