"""A big insert into a comparatively small table: set aside what makes it slow row by
row, and put it back in one pass, inside the caller's transaction.

Measured on 1,000,000 participation rows (bench/import, docs/ARCHITECTURE.md):
- SQLite: keeping each non-unique index sorted row by row; dropping and rebuilding them
  saves about a second.
- PostgreSQL: the deferred foreign-key checks, one lookup per row and key at COMMIT
  (7.7 s), and the non-unique indexes (about 2 s). Dropped and added again they cost
  0.9 s; the foreign keys are then checked by one set-based query each when re-added.

Everything happens in the import's transaction (both databases have transactional DDL):
a failed or killed import leaves the table, its indexes and its keys as they were.
Unique indexes always stay: they are what refuses a duplicate key.
On PostgreSQL the table is locked (ACCESS EXCLUSIVE) until the import commits: pages
wait a few seconds instead of reading a half-written batch. A role that may not alter
the table (not its owner) simply gets the row-by-row path.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import DatabaseError, connection, models, transaction

BIG_INSERT = 100_000
# Re-adding a foreign key checks the whole table, about 0.3 s per million rows on
# PostgreSQL, against 7.7 s per million inserted rows checked one by one.
FK_TABLE_FACTOR = 10


def cache_kib(rows: int) -> int:
    """SQLite's page cache for a bulk import of `rows` rows, in KiB."""
    return min(65536, max(2048, rows // 64))


@contextmanager
def relaxed_for_bulk(model: type[models.Model], rows: int) -> Iterator[None]:
    if rows < BIG_INSERT or connection.vendor not in ("sqlite", "postgresql"):
        yield
        return
    if connection.vendor == "sqlite":
        with _sqlite(model._meta.db_table, rows):
            yield
    else:
        with _postgresql(model._meta.db_table, rows):
            yield


@contextmanager
def _sqlite(table: str, rows: int) -> Iterator[None]:
    with connection.cursor() as cursor:
        # About 16 bytes a row, 2 to 64 MB, for this connection: a third of the file or
        # less (issue 14: ≤ 3× the file). 256 MB was a quarter of a 2,000,000-row
        # import's peak memory; 64 MB was 1.2× a million-row roster's file. A 2,000,000-
        # row import took 57 s with 64 MB, 61 s with 2 MB (the shared machine's noise).
        cursor.execute(f"PRAGMA cache_size = -{cache_kib(rows)}")
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        existing = cursor.fetchone()[0]
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
            "AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%%'",
            [table],
        )
        indexes = cursor.fetchall() if existing < rows else []
        for name, _sql in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    yield
    with connection.cursor() as cursor:
        for _name, sql in indexes:
            cursor.execute(sql)


@contextmanager
def _postgresql(table: str, rows: int) -> Iterator[None]:
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        # The planner's estimate: COUNT(*) would read the whole table.
        cursor.execute(
            "SELECT GREATEST(reltuples, 0) FROM pg_class WHERE oid = %s::regclass", [table]
        )
        existing = cursor.fetchone()[0]
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = %s::regclass AND contype = 'f'",
            [table],
        )
        keys = cursor.fetchall() if existing < FK_TABLE_FACTOR * rows else []
        cursor.execute(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
            "WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND NOT i.indisprimary",
            [table],
        )
        indexes = cursor.fetchall() if existing < rows else []
    try:
        with transaction.atomic(), connection.cursor() as cursor:  # a savepoint
            _settle_deferred(cursor)
            for name, _definition in keys:
                cursor.execute(f"ALTER TABLE {q(table)} DROP CONSTRAINT {q(name)}")
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {name}")  # regclass text: already quoted
    except DatabaseError:  # not the table's owner: keep everything, insert row by row
        keys, indexes = [], []
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        if keys:
            _settle_deferred(cursor)
        for name, definition in keys:
            cursor.execute(f"ALTER TABLE {q(table)} ADD CONSTRAINT {q(name)} {definition}")


def _settle_deferred(cursor: Any) -> None:
    """Run the checks already waiting for COMMIT (the batch row's own keys): PostgreSQL
    refuses to alter a table with pending trigger events, and a foreign key alters the
    table it points at too. Django's keys are all INITIALLY DEFERRED, so DEFERRED after."""
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
