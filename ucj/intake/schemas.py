"""Typed answers of the imports API (issue 15): the OpenAPI document describes each
field, and the keys are those `ucj import --json` prints (a contract: add, never rename).
`ucj/intake/tests/test_schemas.py` checks that real answers validate and lose no key."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema


class RowMessage(Schema):
    """One problem of a file: which row (None: the whole file) and column, the cell's
    text, the message in Bahasa Indonesia and in English."""

    row: int | None
    column: str | None
    value: str | None
    message_id: str
    message_en: str


class ImportOut(Schema):
    """What one import (or dry run) did: all rows or none."""

    ok: bool
    batch: int | None = Field(description="The batch stored (None: dry run or refused)")
    rows: int
    inserted: int
    updated: int
    unchanged: int
    errors: list[RowMessage]
    warnings: list[RowMessage]


class KindOut(Schema):
    name: str
    label: str
    columns: list[str]


class BatchOut(Schema):
    batch: int
    kind: str
    file_name: str
    sha256: str
    source: str
    user: str = Field(description="The account, or 'CLI oleh <os user>' for a system import")
    created: str
    status: str
    rows: int
    inserted: int
    updated: int
    unchanged: int
    warnings: int = Field(description="How many warnings the import gave")


class JobOut(Schema):
    job: int
    kind: str
    file: str
    dry_run: bool
    state: str
    stage: str
    done: int
    total: int
    result: dict[str, Any] | None = Field(description="When done: the same object as ImportOut")
    status_url: str


class MessageOut(Schema):
    """An error with its message in both languages."""

    message_id: str
    message_en: str
