"""Row counts and a content checksum of every table, to prove a restore is complete.

The checksum of a table is the sum (mod 2**256) of the SHA-256 of each row's values, so
it needs no ORDER BY (some tables have no unique first column) and reads each row once.
Backup and restore compute it with the same engine, so values render the same way.
"""

from __future__ import annotations

import hashlib
from typing import Any

_MOD = 2**256
_BATCH = 5000


def table_fingerprint(cursor: Any, table: str, quote: str = '"') -> tuple[int, str]:
    cursor.execute(f"SELECT * FROM {quote}{table}{quote}")  # names come from introspection
    count = 0
    total = 0
    while True:
        rows = cursor.fetchmany(_BATCH)
        if not rows:
            break
        count += len(rows)
        for row in rows:
            total += int.from_bytes(hashlib.sha256(repr(tuple(row)).encode()).digest(), "big")
    return count, f"{total % _MOD:064x}"


def fingerprint(cursor: Any, tables: list[str]) -> dict[str, Any]:
    """{'tables': {name: rows}, 'checksum': one SHA-256 over every table's sum}."""
    counts: dict[str, int] = {}
    whole = hashlib.sha256()
    for table in sorted(tables):
        count, digest = table_fingerprint(cursor, table)
        counts[table] = count
        whole.update(f"{table}:{count}:{digest}\n".encode())
    return {"tables": counts, "checksum": whole.hexdigest()}


def sqlite_tables(cursor: Any) -> list[str]:
    cursor.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    )
    return [row[0] for row in cursor.fetchall()]


def postgres_tables(cursor: Any) -> list[str]:
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")
    return [row[0] for row in cursor.fetchall()]
