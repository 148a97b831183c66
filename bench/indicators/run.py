"""Benchmark: full recompute of the coverage engine over every region and month.

552 regions (38 provinces with figures of their own + 514 kab/kota) × 60 months × 4
segments × (persons + 5 programs) = 794,880 participation rows, with potentials,
targets and reported figures. "Full recompute" = every derived figure (roll-up,
percentages, discrepancy, target and gap, category, ranks and rank change) for all
regions and all 60 months, plus the projection paces: `coverage.compute()`.
Also timed: the calls a dashboard makes (league of provinces, league of one province,
one region, the nation's series).

Goal (issue 3): ≤ 2 s for the full recompute on SQLite and on PostgreSQL (median of
three runs after one warm-up run; the machine's load shows in the spread).
    .venv/bin/python bench/indicators/run.py            # 60 months (full size)
    .venv/bin/python bench/indicators/run.py --small    # 6 months (CI)
Runs on SQLite in a temporary UCJ_DATA_DIR; with UCJ_DATABASE_URL set, on PostgreSQL
in a database of its own (<name>_bench_indicators, created and dropped here). The
user's data is never touched. Exit status 1 if the goal is missed at full size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.pg import drop_database, own_database  # noqa: E402

GOAL_S = 2.0
SEGMENTS = ("PU", "BPU", "JAKON", "PMI")
PROGRAMS = ("JKK", "JKM", "JHT", "JP", "JKP")


def _months(n: int) -> list[dt.date]:
    last = 2025 * 12 + 9  # 2025-10
    return [dt.date((last - k) // 12, (last - k) % 12 + 1, 1) for k in range(n - 1, -1, -1)]


def populate(months: list[dt.date]) -> dict[str, int]:
    from decimal import Decimal

    from ucj.indicators.demo import PARTICIPATION_COLUMNS, insert_rows
    from ucj.indicators.models import Participation, PotentialWorkers, ReportedCoverage, Target
    from ucj.regions.models import Level, Region

    regions = list(
        Region.objects.current()
        .filter(level__in=[Level.PROVINCE, Level.REGENCY, Level.CITY])
        .values_list("id", "code")
    )
    rnd = random.Random(3)
    rows: list[tuple[Any, ...]] = []
    pots, targets, reported = [], [], []
    for region_id, code in regions:
        size = rnd.randint(50_000, 900_000) * (20 if "." not in code else 1)
        level = rnd.uniform(0.15, 0.7)
        for year in sorted({m.year for m in months}):
            pots.append(
                PotentialWorkers(
                    region_id=region_id, year=year, total=size, formal=size // 2,
                    informal=size - size // 2, source="bench",
                )
            )  # fmt: skip
            targets.append(
                Target(
                    region_id=region_id, year=year, issuer="se_bangda", source="bench",
                    pct=Decimal(str(round(level * 100 + 10, 2))),
                )
            )  # fmt: skip
        for i, period in enumerate(months):
            persons = int(size * (level + 0.002 * i))
            as_of = period + dt.timedelta(days=27)
            for seg, share in zip(SEGMENTS, (0.6, 0.25, 0.1, 0.05), strict=True):
                n = int(persons * share)
                rows.append((region_id, period, seg, "", n, "bench", "", as_of, None, False))
                rows.extend(
                    (region_id, period, seg, prog, int(n * 0.9), "bench", "", as_of, None, False)
                    for prog in PROGRAMS
                )
            if i % 6 == 0:
                pct = Decimal(str(round(persons / size * 100 + rnd.uniform(-1, 1), 2)))
                reported.append(
                    ReportedCoverage(region_id=region_id, period=period, pct=pct, source="bench")
                )
    insert_rows(Participation, PARTICIPATION_COLUMNS, rows)
    # ignore_conflicts: a second call adds older months (a year may hold both).
    PotentialWorkers.objects.bulk_create(pots, batch_size=2000, ignore_conflicts=True)
    Target.objects.bulk_create(targets, batch_size=2000, ignore_conflicts=True)
    ReportedCoverage.objects.bulk_create(reported, batch_size=2000)
    from django.db import connection

    with connection.cursor() as cursor:  # statistics, as autovacuum would gather them
        cursor.execute("ANALYZE")
    return {"regions": len(regions), "participation_rows": len(rows)}


def timed(fn: Any) -> tuple[float, int, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        t0 = time.perf_counter()
        out = fn()
        seconds = time.perf_counter() - t0
    return round(seconds, 3), len(ctx.captured_queries), out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="6 months instead of 60 (CI)")
    parser.add_argument("--months", type=int, default=None)
    parser.add_argument(
        "--history", type=int, default=None, help="months in all for the page ratio (240)"
    )
    args = parser.parse_args()
    n_months = args.months or (6 if args.small else 60)
    work = Path(tempfile.mkdtemp(prefix="ucj-bench-indicators-"))
    os.environ["UCJ_DATA_DIR"] = str(work)
    url = os.environ.get("UCJ_DATABASE_URL", "")
    bench_url = own_database(url, "indicators") if url else ""
    if url:
        os.environ["UCJ_DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
    import django

    django.setup()
    from django.db import connection

    from bench.indicators import stored
    from ucj.indicators import coverage, projection, services
    from ucj.web.setup import initialise

    try:
        initialise()
        months = _months(n_months)
        t0 = time.perf_counter()
        size = populate(months)
        load_s = round(time.perf_counter() - t0, 1)

        def full() -> Any:
            df = coverage.compute()  # every month with data
            return df.join(projection.paces(df), on="code", how="left")

        full()  # warm-up: the first read after the bulk load pays for the page cache
        runs = [timed(full) for _ in range(3)]
        full_s = sorted(r[0] for r in runs)[1]  # median of three
        _, full_q, frame = runs[0]
        result: dict[str, Any] = {
            "database": connection.vendor,
            "months": n_months,
            **size,
            "load_s": load_s,
            "full_recompute_s": full_s,
            "full_recompute_runs_s": [r[0] for r in runs],
            "full_recompute_queries": full_q,
            "objects_computed": frame.height,
        }
        for name, fn in {
            "league_provinces": lambda: services.league(level="province"),
            "league_jambi": lambda: services.league(province="15"),
            "coverage_sarolangun": lambda: services.coverage("15.03"),
            "series_nation": lambda: services.series("ID"),
        }.items():
            seconds, queries, _ = timed(fn)
            result[f"{name}_s"] = seconds
            result[f"{name}_queries"] = queries
        result["goal_s"] = GOAL_S
        history = args.history or (12 if args.small else 240)
        result.update(stored.measure(months, _months(max(history, n_months)), populate, timed))
        print(json.dumps(result))
    finally:
        connection.close()
        if url:
            drop_database(bench_url)
        shutil.rmtree(work, ignore_errors=True)
    if args.small:
        return 0
    met = full_s <= GOAL_S
    print("goal met" if met else "goal NOT met", file=sys.stderr)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
