"""The stored trend points (results.TrendMonth, TrendPoint): every region's point of its
trend chart in every month with figures, kept on write like the coverage objects.

Why stored: a trend chart reads every month of history. Computed on read, it cost the
engine over the whole history on the first page view after each write, so the national
page slowed as history grew (1.27× at 240 months against 60, issue 17). A point reads
only its own month (no rank, no window), so a write refreshes only the months it touched;
a page reads one index range (`code`, `period`) and picks the region's default month from
the completeness stored beside each point (completeness.pick, as the engine does).

Whoever computes passes the engine in (`Compute`): this module sits below coverage.py.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

import polars as pl
from django.db import connection
from django.db.models import Count, Q

from ucj.indicators import completeness, store, version
from ucj.indicators.frame import PROGRAMS
from ucj.indicators.models import Participation, ReportedCoverage
from ucj.indicators.objects import iso, ym
from ucj.indicators.results import TrendMonth, TrendPoint

T = TypeVar("T")
# Computes the engine's frame (coverage.compute, no ranks) for the months given.
Compute = Callable[[list[dt.date] | None], pl.DataFrame]
# Beside each point, not shown: what picks the default month, and whether the region
# has participant counts that month (the month picker lists those months).
HIDDEN = ("reporting", "below", "complete", "counted", "shown")
PICK = {"period": pl.Date, "reporting": pl.Int64, "below": pl.Int64, "complete": pl.Boolean}


def point(r: dict[str, Any]) -> dict[str, Any]:
    """One row of the engine's frame as a trend point (the keys of `coverage.series`)."""
    return {
        "period": ym(r["period"]),
        "as_of": iso(r["as_of"]),
        "active_participants": r["persons"],
        "potential_workers": r["potential"],
        "coverage_pct": r["coverage_pct"],
        "formal_pct": r["formal_pct"],
        "informal_pct": r["informal_pct"],
        "reported_pct": r["reported_pct"],
        "target_pct": r["target_pct"],
        "category": r["category"],
        "category_colour": r["category_colour"],
        "is_sample": bool(r["sample"]),
        "reporting": r["reporting"],
        "below": r["below"],
        "complete": r["complete"],
        "counted": r["counted"],
        "shown": r["shown"],  # False: a completeness without figures (coverage.trend_frame)
    }


def _fresh() -> bool:
    """Some trend month was stored or marked, none is stale and none was computed under
    other engine settings (one small read: a row per month)."""
    bad = Q(stale=True) | ~Q(settings=store.engine_settings())
    found = TrendMonth.objects.aggregate(n=Count("id"), bad=Count("id", filter=bad))
    return bool(found["n"]) and not found["bad"]


# Within one page view (`one_read`), a region's points are read once: its default
# month, trend, month picker and published figures each asked for them, four reads of
# every month of history on a page's first view (the national page at 240 months).
_VIEW: ContextVar[dict[str, list[dict[str, Any]]] | None] = ContextVar("points", default=None)


def one_read(view: Callable[..., T]) -> Callable[..., T]:
    """A read-only view during which each region's points are read at most once (the
    memo is the view's own, dropped when it returns: nothing outlives a request)."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> T:
        token = _VIEW.set({})
        try:
            return view(*args, **kwargs)
        finally:
            _VIEW.reset(token)

    return wrapper


def read(code: str, compute: Compute) -> list[dict[str, Any]]:
    """A region's stored points, oldest first (computed first only when a write has not
    refreshed them yet: a page is never wrong, only slower once). Callers do not change
    what they get (within `one_read` it is shared)."""
    memo = _VIEW.get()
    if memo is not None and code in memo:
        return memo[code]
    if not _fresh():
        refresh(compute)
    rows = TrendPoint.objects.filter(code=code).order_by("period").values_list("body", flat=True)
    found = [json.loads(body) for body in rows]
    if memo is not None:
        memo[code] = found
    return found


def series(code: str, compute: Compute) -> list[dict[str, Any]]:
    """The trend up to the region's default month (a newer month that is not complete,
    one kab/kota's next month, is not its last point: issue 13)."""
    points = read(code, compute)
    last = pick(points)
    last_text = None if last is None else ym(last)
    return [
        {k: v for k, v in p.items() if k not in HIDDEN}
        for p in points
        if p["shown"] and (last_text is None or p["period"] <= last_text)
    ]


def pick(points: list[dict[str, Any]]) -> dt.date | None:
    """The region's default month from its points (completeness.pick)."""
    if not points:
        return None
    table = pl.DataFrame(
        [
            (dt.date.fromisoformat(p["period"] + "-01"), p["reporting"], p["below"], p["complete"])
            for p in points
        ],
        schema=PICK,
        orient="row",
    )
    return completeness.pick(table)


def default_period(code: str, compute: Compute) -> dt.date | None:
    return pick(read(code, compute))


def months(code: str, compute: Compute) -> list[dt.date]:
    """Months in which the region (or what it adds up) has participant counts."""
    return [dt.date.fromisoformat(p["period"] + "-01") for p in read(code, compute) if p["counted"]]


def _months_to_compute() -> tuple[list[dt.date], dt.date | None, int]:
    """(stale months, the earliest rescan mark or None, the data version read first).
    One read of the month rows (one per month with figures, a few hundred at most)."""
    number = version.current()
    settings_now = store.engine_settings()
    rows = list(TrendMonth.objects.values_list("period", "stale", "rescan", "settings"))
    computed = [settings for _, stale, _, settings in rows if settings]
    # Nothing computed yet (a new or upgraded database, figures loaded before the first
    # mark), or computed under other engine settings: every month with figures.
    if not computed or any(s != settings_now for s in computed):
        return [], version.BEGINNING, number
    rescans = [p for p, stale, rescan, _ in rows if stale and rescan]
    stale = sorted(p for p, is_stale, _, _ in rows if is_stale)
    return stale, min(rescans, default=None), number


def _data_months(since: dt.date) -> list[dt.date]:
    """Months with figures from `since` on: a scan, at write time only."""
    found: set[dt.date] = set()
    for model in (Participation, ReportedCoverage):
        qs = model.objects.filter(period__gte=since).order_by().values_list("period", flat=True)
        found |= {p.replace(day=1) for p in qs.distinct()}
    return sorted(found)


def refresh(compute: Compute) -> int:
    """Recompute the stale months' points (and the months a rescan finds); returns the
    points rewritten. Set-based: one engine run over the months, one upsert."""
    stale, since, number = _months_to_compute()
    if not stale and since is None:
        return 0
    wanted = sorted({*stale, *(_data_months(since) if since is not None else [])})
    df = compute(wanted) if wanted else pl.DataFrame()
    rows = []
    if df.height:
        counted = pl.any_horizontal([pl.col(c).is_not_null() for c in ("persons", *PROGRAMS)])
        rows = df.with_columns(counted.alias("counted")).to_dicts()
    found = [(r["period"], r["code"], store.body(point(r))) for r in rows]
    return write(wanted, since, found, number)


def write(
    months: list[dt.date],
    since: dt.date | None,
    points: list[tuple[dt.date, str, str]],
    number: int,
) -> int:
    """Store the points of `months` computed at data version `number`; months (from a
    rescan mark on) without figures are dropped. Rewrites only the points whose JSON
    changed; a month marked by a newer write stays stale (as store.write)."""
    stored = {
        (p, c): b
        for p, c, b in TrendPoint.objects.filter(period__in=months).values_list(
            "period", "code", "body"
        )
    }
    new = {(p, c): b for p, c, b in points}
    changed = [(p, c, b) for (p, c), b in new.items() if stored.get((p, c)) != b]
    gone = [key for key in stored if key not in new]
    with_data = sorted({p for p, _, _ in points})
    empty = [p for p in months if p not in set(with_data)]
    qn = connection.ops.quote_name
    points_table, months_table = qn(TrendPoint._meta.db_table), qn(TrendMonth._meta.db_table)
    with connection.cursor() as cursor:
        if changed:
            cursor.executemany(
                f"INSERT INTO {points_table} (period, code, body, version) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (period, code) DO UPDATE SET body = excluded.body, "
                f"version = excluded.version WHERE {points_table}.version <= excluded.version",
                [[p, c, b, number] for p, c, b in changed],
            )
        for p in sorted({p for p, _ in gone}):  # one delete per month, not per region
            codes = [c for q, c in gone if q == p]
            TrendPoint.objects.filter(period=p, code__in=codes, version__lte=number).delete()
        cursor.executemany(
            f"INSERT INTO {months_table} (period, version, marked, stale, rescan, settings) "
            "VALUES (%s, %s, 0, %s, %s, %s) ON CONFLICT (period) DO UPDATE SET "
            "version = excluded.version, stale = excluded.stale, rescan = excluded.rescan, "
            f"settings = excluded.settings WHERE {months_table}.marked <= excluded.version",
            [[p, number, False, False, store.engine_settings()] for p in with_data],
        )
    # Marked months (and, from a rescan mark on, stored months) that hold no figures now.
    drop = Q(period__in=empty)
    if since is not None:
        drop |= Q(period__gte=since) & ~Q(period__in=with_data)
    TrendMonth.objects.filter(drop, marked__lte=number).delete()
    TrendPoint.objects.filter(drop, version__lte=number).delete()
    return len(changed) + len(gone)
