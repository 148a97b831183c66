"""Read and write the stored coverage results (results.py): one query to read a month,
and a refresh that rewrites only the objects whose JSON changed.

Whoever computes passes the engine in (`compute`): this module sits below coverage.py,
which reads through it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection

from ucj.indicators import version
from ucj.indicators.results import CoverageMonth, CoverageObject

# The settings the engine reads (completeness, discrepancy, plausibility).
ENGINE_SETTINGS = (
    "UCJ_MIN_REPORTING_PCT",
    "UCJ_DISCREPANCY_TOLERANCE_PP",
    "UCJ_POTENTIAL_MIN_POPULATION_PCT",
    "UCJ_POTENTIAL_MAX_POPULATION_PCT",
)
Objects = dict[str, dict[str, Any]]
Compute = Callable[[dt.date], Objects]


def engine_settings() -> str:
    values = repr([getattr(settings, name, None) for name in ENGINE_SETTINGS])
    return hashlib.md5(values.encode()).hexdigest()


def read(period: dt.date, codes: set[str] | None = None) -> Objects | None:
    """The month's stored objects (only `codes`' when given), or None when they are
    missing or stale (two indexed reads: the month's state, then its rows). One
    region's scorecard or API answer reads and decodes its own row, not the month's
    five hundred."""
    state = CoverageMonth.objects.filter(period=period).values_list("stale", "settings").first()
    if state is None or state[0] or state[1] != engine_settings():
        return None
    rows = CoverageObject.objects.filter(period=period)
    if codes is not None:
        rows = rows.filter(code__in=sorted(codes))
    pairs = rows.order_by("code").values_list("code", "body")
    return {code: json.loads(body) for code, body in pairs}


def body(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def write(period: dt.date, objects: Objects, number: int) -> int:
    """Store a month's objects computed at data version `number`; rewrite only the rows
    whose JSON changed (and drop regions gone from the month). Returns the rows rewritten.

    A row or month already stored from a newer version is left alone, and a month marked
    stale by a newer write stays stale: a slow refresh never hides a faster, newer one."""
    bodies = {code: body(obj) for code, obj in objects.items()}
    digests = {code: hashlib.md5(text.encode()).hexdigest() for code, text in bodies.items()}
    stored = dict(CoverageObject.objects.filter(period=period).values_list("code", "digest"))
    changed = [c for c, d in digests.items() if stored.get(c) != d]
    gone = [c for c in stored if c not in digests]
    qn = connection.ops.quote_name
    objects_table = qn(CoverageObject._meta.db_table)
    months_table = qn(CoverageMonth._meta.db_table)
    with connection.cursor() as cursor:
        if changed:
            cursor.executemany(
                f"INSERT INTO {objects_table} (period, code, body, digest, version) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (period, code) DO UPDATE SET "
                "body = excluded.body, digest = excluded.digest, version = excluded.version "
                f"WHERE {objects_table}.version <= excluded.version",
                [[period, c, bodies[c], digests[c], number] for c in changed],
            )
        if gone:
            CoverageObject.objects.filter(
                period=period, code__in=gone, version__lte=number
            ).delete()
        cursor.execute(
            f"INSERT INTO {months_table} (period, version, marked, stale, settings) "
            "VALUES (%s, %s, 0, %s, %s) ON CONFLICT (period) DO UPDATE SET "
            "version = excluded.version, stale = excluded.stale, settings = excluded.settings "
            f"WHERE {months_table}.marked <= excluded.version",
            [period, number, False, engine_settings()],
        )
    return len(changed) + len(gone)


def compute_and_write(period: dt.date, compute: Compute) -> tuple[Objects, int]:
    """Run the engine for one month and store what it gives (the version is read first,
    so the objects are at least as new as the number they are stored under)."""
    number = version.current()
    objects = compute(period)
    return objects, write(period, objects, number)


def stale_months() -> list[dt.date]:
    """Stored months a write touched since they were computed, newest first."""
    return list(
        CoverageMonth.objects.filter(stale=True)
        .order_by("-period")
        .values_list("period", flat=True)
    )


def forget(periods: list[dt.date]) -> None:
    """Drop months (computed again on their first read)."""
    CoverageObject.objects.filter(period__in=periods).delete()
    CoverageMonth.objects.filter(period__in=periods, stale=True).delete()
