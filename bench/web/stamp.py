"""Benchmark: what a page view pays to know whether its cached figures are current.

Before (issue 15 item 5): an aggregate stamp, `COUNT(*)`, `MAX(id)` and sums over the
participation table and ten others, on every page view. Now: one primary-key read of
the data version (`ucj.indicators.version`). Both are timed on the same database, with
the participation history of bench/indicators (552 regions × months × 24 rows).
Also timed: the months a one-month coverage object reads for its rank-change and
projection window, before (every month with data) and now (the last 12 up to it).

    .venv/bin/python bench/web/stamp.py               # 120 months (≈ 1.6 M rows)
    .venv/bin/python bench/web/stamp.py --small       # 6 months (CI)
With UCJ_DATABASE_URL set it runs on PostgreSQL in a database of its own
(<name>_bench_stamp, created and dropped here). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.pg import drop_database, own_database  # noqa: E402

# The stamp pages paid before the data version (ucj/web/cache.py until issue 15), kept
# here as the baseline: the same SQL, table names filled in.
OLD_STAMP = [
    "SELECT MAX(id) FROM {participation}",
    "SELECT COUNT(*) FROM {participation}",
    "SELECT COUNT(*) + COALESCE(MAX(id), 0) * 1000003 + COALESCE(SUM(total), 0) FROM {potential}",
    "SELECT COUNT(*) + COALESCE(MAX(id), 0) * 1000003 + COALESCE(SUM(pct), 0) "
    "+ COALESCE(SUM(workers), 0) FROM {target}",
    "SELECT COUNT(*) + COALESCE(MAX(id), 0) * 1000003 + COALESCE(SUM(pct), 0) FROM {reported}",
    "SELECT COUNT(*) + COALESCE(MAX(id), 0) * 1000003 FROM {batch}",
    "SELECT COUNT(*) FROM {batch} WHERE status = 'undone'",
    "SELECT COUNT(*) + COALESCE(MAX(id), 0) * 1000003 FROM {region}",
]


def _median_ms(fn: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 3)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="6 months (CI)")
    parser.add_argument("--months", type=int, default=None)
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    n_months = args.months or (6 if args.small else 120)
    os.environ["UCJ_DATA_DIR"] = tempfile.mkdtemp(prefix="ucj-bench-stamp-")
    url = os.environ.get("UCJ_DATABASE_URL", "")
    if url:
        os.environ["UCJ_DATABASE_URL"] = own_database(url, "stamp")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
    import django

    django.setup()
    from django.db import connection

    from bench.indicators.run import _months, populate
    from ucj.indicators import version
    from ucj.indicators.models import Participation, PotentialWorkers, ReportedCoverage, Target
    from ucj.intake.models import ImportBatch
    from ucj.regions.models import Region
    from ucj.web.setup import initialise

    try:
        initialise()
        size = populate(_months(n_months))
        q = connection.ops.quote_name
        names = {
            "participation": q(Participation._meta.db_table),
            "potential": q(PotentialWorkers._meta.db_table),
            "target": q(Target._meta.db_table),
            "reported": q(ReportedCoverage._meta.db_table),
            "batch": q(ImportBatch._meta.db_table),
            "region": q(Region._meta.db_table),
        }
        sql = "SELECT " + ", ".join(f"({part.format(**names)})" for part in OLD_STAMP)

        def old() -> None:
            with connection.cursor() as cursor:
                cursor.execute(sql)
                cursor.fetchone()

        old()
        version.stamp()  # warm both
        before = _median_ms(old, args.runs)
        after = _median_ms(version.stamp, args.runs * 10)
        # The months behind a one-month object: every month with data (before), the last
        # 12 up to the month (now).
        from ucj.indicators import frame

        last = _months(n_months)[-1]
        scan = _median_ms(frame.distinct_periods, max(3, args.runs // 10))
        window = _median_ms(lambda: frame.periods_up_to(last, 12), args.runs)
        result = {
            "database": connection.vendor,
            "months": n_months,
            **size,
            "aggregate_stamp_ms": before,
            "data_version_ms": after,
            "ratio_before_over_after": round(before / after, 1) if after else None,
            "all_periods_ms": scan,
            "window_periods_ms": window,
            "window_ratio": round(scan / window, 1) if window else None,
        }
    finally:
        connection.close()
        if url:
            drop_database(os.environ["UCJ_DATABASE_URL"])
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
