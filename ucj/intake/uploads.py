"""What the web upload page, the API and background jobs call: `run_import`, or, for a
kind whose files its app stores itself (a membership list goes to the list store,
`ucj.registry.uploads`), that app's store. Same arguments, same Outcome."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ucj.intake import extensions
from ucj.intake.pipeline import Outcome, _file_error, run_import


def file_error(message_id: str, message_en: str, name: str, code: int = 2) -> Outcome:
    """A whole-file refusal as the pipeline words it (for a kind's own store)."""
    return _file_error(message_id, message_en, name, code)


def stored_elsewhere(kind_name: str) -> bool:
    """The kind's files go to a store of their own (the form then offers `add`)."""
    return extensions.file_store(kind_name) is not None


def run_upload(
    path: Path,
    kind_name: str,
    *,
    user: Any,
    source: str = "",
    dry_run: bool = False,
    sheet: str | None = None,
    file_name: str | None = None,
    region: str | None = None,
    preview: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    add: bool = False,
) -> Outcome:
    """`add`: extend the current list instead of replacing it (stores that keep lists)."""
    store = extensions.file_store(kind_name)
    if store is not None and user is not None:
        return store(  # type: ignore[no-any-return]
            path, user=user, source=source, dry_run=dry_run, file_name=file_name or path.name,
            region=region, progress=progress, add=add,
        )  # fmt: skip
    return run_import(
        path, kind_name, user=user, source=source, dry_run=dry_run, sheet=sheet,
        file_name=file_name, region=region, preview=preview, progress=progress,
    )  # fmt: skip
