"""The stored coverage results (issue 17 item 4), measured inside bench/indicators/run.py.

- `write_and_refresh_one_month_s`: one kab/kota's count of one month changed and
  committed, with the refresh that commit runs (the engine over the month's 12-month
  window, then rewriting the changed rows: `rows_rewritten` names them);
- `read_stored_s_<n>`: what a page pays for every region's objects of a month (one read);
- `national_page_ms_<n>`: the national page (Django test client, in a fresh child
  process like a server's worker, page cache emptied first, so the page is built from
  the stored objects) at the months of the run and again after older months are added
  up to `--history` (default 240). Measured in this process, after it had loaded 180
  more months, the same calls ran 15–20 % slower (a larger, fragmented heap: pickling
  and the suppression's lookups, whose work does not grow with history, slowed alike);
  `national_page_ratio` = the second ÷ the first. Goal: ≤ 1.2. The page reads its
  trend and month picker from the stored trend points (points.py): no engine run and no
  whole-history scan; `national_page_queries_<n>` (the same at both sizes) shows it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

PAGE_GOAL_RATIO = 1.2


VIEWS = 15


def _page_child(period: dt.date) -> tuple[float, int, float, float]:
    """`_page_ms` in a child process on the same database (this process's settings)."""
    root = Path(__file__).resolve().parents[2]
    args = [sys.executable, "-m", "bench.indicators.stored", period.isoformat()]
    out = subprocess.run(args, cwd=root, capture_output=True, text=True, env=os.environ.copy())
    if out.returncode:
        raise SystemExit(f"national page child failed:\n{out.stderr[-2000:]}")
    median, queries, cpu, fastest = json.loads(out.stdout.strip().splitlines()[-1])
    return median, queries, cpu, fastest


def _page_ms(period: dt.date) -> tuple[float, int, float, float]:
    """Median ms of fifteen views of the national page after one not counted, the queries
    of one, the median CPU ms of this process (SQLite runs in it) and the fastest view's
    ms. Views of the same page vary by up to 2× from one to the next (the stored objects'
    JSON decoding, the same calls, took 35 or 270 ms in two views profiled): with five
    views the median fell in either mode, and 60 months once measured slower than 240."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    times, cpu = [], []
    for view in range(VIEWS + 1):
        cache.clear()  # no page cache: the page reads the stored objects and renders
        with CaptureQueriesContext(connection) as queries:
            t0, c0 = time.perf_counter(), time.process_time()
            response = client.get(f"/?period={period:%Y-%m}", secure=True)
            if view:  # the first view compiles templates and fills process caches
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"national page: HTTP {response.status_code}")
    median = round(statistics.median(times), 1)
    return median, len(queries.captured_queries), round(statistics.median(cpu), 1), min(times)


def measure(
    months: list[dt.date],
    history: list[dt.date],
    populate: Callable[[list[dt.date]], Any],
    timed: Callable[[Any], tuple[float, int, Any]],
) -> dict[str, Any]:
    from django.db import transaction
    from django.db.models import F

    from ucj.indicators import coverage, version
    from ucj.indicators.models import CoverageObject, Participation

    latest = months[-1]
    out: dict[str, Any] = {}
    coverage.objects_for(latest)  # stored

    def one_region_one_month() -> None:
        with transaction.atomic():  # the refresh runs as it commits
            rows = Participation.objects.filter(region__code="15.03", period=latest)
            rows.filter(segment="PU", program="").update(count=F("count") + 1)

    out["write_and_refresh_one_month_s"] = timed(one_region_one_month)[0]
    rewritten = CoverageObject.objects.filter(period=latest, version=version.current())
    out["rows_rewritten"] = sorted(rewritten.values_list("code", flat=True))
    read = timed(lambda: coverage.objects_for(latest))
    out[f"read_stored_s_{len(months)}"], out["read_stored_queries"] = read[0], read[1]
    first, out[f"national_page_queries_{len(months)}"], first_cpu, first_min = _page_child(latest)
    out[f"national_page_ms_{len(months)}"] = first
    out[f"national_page_cpu_ms_{len(months)}"] = first_cpu
    older = [m for m in history if m < months[0]]
    if older:
        populate(older)  # older months: their marks reach the stored months after them
        out[f"refresh_after_{len(history)}_s"] = timed(lambda: version.bump(version.months(older)))[
            0
        ]
        out[f"read_stored_s_{len(history)}"] = timed(lambda: coverage.objects_for(latest))[0]
        second, out[f"national_page_queries_{len(history)}"], second_cpu, second_min = _page_child(
            latest
        )
        out[f"national_page_ms_{len(history)}"] = second
        out[f"national_page_cpu_ms_{len(history)}"] = second_cpu
        out["national_page_ratio"] = round(second / first, 2)
        out["national_page_cpu_ratio"] = round(second_cpu / first_cpu, 2)
        out["national_page_fastest_ratio"] = round(second_min / first_min, 2)
        out["national_page_goal_ratio"] = PAGE_GOAL_RATIO
    return out


if __name__ == "__main__":  # the child of `_page_child`
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
    import django

    django.setup()
    print(json.dumps(_page_ms(dt.date.fromisoformat(sys.argv[1]))))
