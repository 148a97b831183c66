"""The stored coverage results (issue 17 item 4), measured inside bench/indicators/run.py.

- `refresh_one_month_s`: what a one-month import adds to its transaction (the refresh of
  the stored objects of that month: the engine over its 12-month window, then rewriting
  the changed rows);
- `read_stored_s`: what a page pays for every region's objects of a month (one read);
- `national_page_ms_<n>`: the national page (Django test client, in this process, page
  cache emptied first, so the page is built from the stored objects) at the months of
  the run and again after older months are added up to `--history` (default 240);
  `national_page_ratio` = the second ÷ the first. Goal: ≤ 1.2.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable
from typing import Any

PAGE_GOAL_RATIO = 1.2


def _page_ms(period: dt.date) -> float:
    from django.core.cache import cache
    from django.test import Client

    client = Client()
    times = []
    for _ in range(5):
        cache.clear()  # no page cache: the page reads the stored objects and renders
        t0 = time.perf_counter()
        response = client.get(f"/?period={period:%Y-%m}", secure=True)
        times.append((time.perf_counter() - t0) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"national page: HTTP {response.status_code}")
    return round(statistics.median(times), 1)


def measure(
    months: list[dt.date],
    history: list[dt.date],
    populate: Callable[[list[dt.date]], Any],
    timed: Callable[[Any], tuple[float, int, Any]],
) -> dict[str, Any]:
    from ucj.indicators import coverage, refresh, version

    latest = months[-1]
    out: dict[str, Any] = {}
    version.bump(version.months([latest]))  # as a one-region, one-month import marks it
    out["refresh_one_month_s"], _, done = timed(refresh.refresh_stale)
    out["refresh_rows_rewritten"] = sum(done.values())
    out["read_stored_s"], out["read_stored_queries"], _ = timed(
        lambda: coverage.objects_for(latest)
    )
    out[f"national_page_ms_{len(months)}"] = first = _page_ms(latest)
    older = [m for m in history if m < months[0]]
    if older:
        populate(older)
        version.bump(version.months(older))
        out[f"refresh_after_{len(history)}_s"], _, _ = timed(refresh.refresh_stale)
        coverage.objects_for(latest)  # stored (a refresh marks only the 12 months after)
        out[f"national_page_ms_{len(history)}"] = second = _page_ms(latest)
        out["national_page_ratio"] = round(second / first, 2)
        out["national_page_goal_ratio"] = PAGE_GOAL_RATIO
    return out
