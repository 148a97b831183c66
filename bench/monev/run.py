"""Benchmark: monev exports and reports at national size.

A session for every kab/kota (514) with findings, recommendations and follow-ups
(default 200,000 follow-ups; --small: 5,000). Timed: the XLSX export of every follow-up
(streamed, constant memory, no row cap), the per-region open/overdue list and the
province escalation list, the regulation matrix of all 552 regions, and one brief PDF.
Prints one JSON object: seconds, rows, peak memory of the export (tracemalloc, MB).

    .venv/bin/python bench/monev/run.py            # 200,000 follow-ups
    .venv/bin/python bench/monev/run.py --small    # CI

Runs on SQLite in a temporary UCJ_DATA_DIR; with UCJ_DATABASE_URL set, on PostgreSQL in
a database of its own (<name>_bench_monev, created and dropped here).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.pg import drop_database, own_database  # noqa: E402


def populate(n: int) -> dict[str, int]:
    from ucj.monev.models import Finding, FollowUp, MonevSession, Recommendation
    from ucj.regions.models import Region

    kabkota = list(Region.objects.kabkota().order_by("code"))
    session = MonevSession.objects.create(
        date=dt.date(2025, 5, 19), title="Bench", organiser="bangda", mode="online", held=True
    )
    session.regions.set(kabkota)
    findings = Finding.objects.bulk_create(
        Finding(session=session, region=r, text=f"Temuan {r.code}") for r in kabkota
    )
    recs = Recommendation.objects.bulk_create(
        Recommendation(finding=f, text="Anggarkan iuran JKK+JKM") for f in findings
    )
    today = dt.date(2025, 6, 1)
    batch = 20_000
    for start in range(0, n, batch):
        FollowUp.objects.bulk_create(
            FollowUp(
                recommendation=recs[i % len(recs)],
                region=kabkota[i % len(kabkota)],
                action=f"=Langkah {i}" if i % 97 == 0 else f"Langkah {i}",
                responsible_office="Disnaker",
                due_date=today + dt.timedelta(days=(i % 120) - 60),
            )
            for i in range(start, min(n, start + batch))
        )
    return {"regions": len(kabkota), "follow_ups": n}


def timed(fn: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return round(time.perf_counter() - t0, 3), out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="5,000 follow-ups (CI)")
    parser.add_argument("--follow-ups", type=int, default=None)
    args = parser.parse_args()
    n = args.follow_ups or (5_000 if args.small else 200_000)
    work = Path(tempfile.mkdtemp(prefix="ucj-bench-monev-"))
    os.environ["UCJ_DATA_DIR"] = str(work)
    url = os.environ.get("UCJ_DATABASE_URL", "")
    if url:
        os.environ["UCJ_DATABASE_URL"] = own_database(url, "monev")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
    import django

    django.setup()
    from django.db import connection

    from ucj.accounts.scoping import cli_actor
    from ucj.monev import exports, follow_up_lists, matrices
    from ucj.monev.reports.brief import write_brief
    from ucj.regions.models import Region
    from ucj.web.setup import initialise

    try:
        initialise()
        everyone = cli_actor()  # the bench reads every region, as an operator would
        load_s, size = timed(lambda: populate(n))
        out = work / "tindak-lanjut.xlsx"
        export_s, rows = timed(lambda: exports.export_follow_ups(everyone, str(out)))
        # Memory in a second run: tracemalloc slows Python down, so it is not timed.
        tracemalloc.start()
        exports.export_follow_ups(everyone, str(out))
        peak_mb = round(tracemalloc.get_traced_memory()[1] / 2**20, 1)
        tracemalloc.stop()
        saro, jambi = Region.objects.get(code="15.03"), Region.objects.get(code="15")
        today = dt.date(2025, 6, 1)
        result = {
            "database": connection.vendor,
            **size,
            "load_s": load_s,
            "export_follow_ups_s": export_s,
            "export_rows": rows,
            "export_peak_python_mb": peak_mb,
            "export_file_mb": round(out.stat().st_size / 2**20, 1),
            "region_list_s": timed(
                lambda: len(list(follow_up_lists.region_follow_ups(everyone, saro, today=today)))
            )[0],
            "province_escalated_s": timed(
                lambda: len(list(follow_up_lists.escalated(everyone, jambi, today)))
            )[0],
            "regulation_matrix_s": timed(lambda: matrices.regulation_matrix(everyone))[0],
            "brief_pdf_s": timed(lambda: write_brief(everyone, "15.03", str(work / "b.pdf")))[0],
        }
        print(json.dumps(result))
    finally:
        connection.close()
        if url:
            drop_database(os.environ["UCJ_DATABASE_URL"])
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
