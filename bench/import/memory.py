"""Benchmark: peak memory (RSS) of one import against the file's size (issue 14, item 6).

    .venv/bin/python bench/import/memory.py             # 2,000,000 rows (~95 MB CSV)
    .venv/bin/python bench/import/memory.py --small     # 50,000 rows (CI)
    .venv/bin/python bench/import/memory.py --xlsx-bomb # the zip-bomb XLSX: refused how fast
    .venv/bin/python bench/import/memory.py --kind roster --rows 1000000      # person lists
    .venv/bin/python bench/import/memory.py --kind membership --rows 2000000

The import runs in a fresh child process (`--child`), so its peak RSS is its own and not
the generator's or a previous run's. Printed: file size, the child's RSS before the
import (Python, Django, Polars loaded), its peak, and (peak − before) ÷ file size, the
figure UCJ_IMPORT_MEMORY_MB budgets with (ucj/lib/budget.py). Goal: ≤ 3× the file.
With UCJ_DATABASE_URL set it runs on PostgreSQL in a database of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.pg import drop_database, own_database  # noqa: E402

GOAL_FACTOR = 3.0


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(path: Path, kind: str, region: str | None = None) -> None:
    import django

    django.setup()
    import polars  # noqa: F401  loaded before the baseline, as in a running server

    from ucj.intake.pipeline import run_import
    from ucj.intake.testing import system_actor

    before = _rss_mb()
    t0 = time.perf_counter()
    outcome = run_import(path, kind, source="bench", region=region, user=system_actor())
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    errors = outcome.as_json()["errors"][:1]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result = {"ok": outcome.ok, "seconds": seconds, "rss_before_mb": before}
    result["cpu_seconds"] = usage.ru_utime + usage.ru_stime  # steadier than wall time
    result |= {"rss_peak_mb": peak, "rows": outcome.rows, "first_error": errors}
    print(json.dumps(result))


def zip_bomb(path: Path, unpacked_mb: int) -> None:
    """A valid-looking XLSX whose one sheet unpacks to `unpacked_mb` MB and compresses
    about 10× like real sheets (random numbers in a block longer than deflate's 32 KB
    window), so only the unpacked-size rule can catch it: the 88 MB → 1 GB case."""
    import random
    import zipfile

    ns = b"http://schemas.openxmlformats.org"
    head = b'<?xml version="1.0"?><worksheet xmlns="' + ns + b'/spreadsheetml/2006/main">'
    head += b"<sheetData>"
    rnd = random.Random(14)
    block = b"".join(
        b'<row><c t="n"><v>%d</v></c><c t="inlineStr"><is><t>15.03</t></is></c></row>'
        % rnd.randrange(10**6)
        for _ in range(2000)
    )
    types = b'<?xml version="1.0"?><Types xmlns="' + ns + b'/package/2006/content-types"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", types)
        zf.writestr("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>')
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(head)
            for _ in range(unpacked_mb * 1024 * 1024 // len(block)):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="50,000 rows (CI)")
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--xlsx-bomb", action="store_true", help="1 GB sheet in a small XLSX")
    parser.add_argument(
        "--kind", choices=("participants", "roster", "membership"), default="participants"
    )
    parser.add_argument(
        "--child", nargs=3, metavar=("FILE", "KIND", "REGION"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
    if args.child:
        child(Path(args.child[0]), args.child[1], args.child[2] or None)
        return 0
    rows = args.rows or (50_000 if args.small else 2_000_000)
    work = Path(tempfile.mkdtemp(prefix="ucj-bench-memory-"))
    os.environ["UCJ_DATA_DIR"] = str(work)
    url = os.environ.get("UCJ_DATABASE_URL", "")
    if url:
        os.environ["UCJ_DATABASE_URL"] = own_database(url, "memory")
    import django

    django.setup()
    import importlib.util

    from django.db import connection

    run_py = Path(__file__).with_name("run.py")
    spec = importlib.util.spec_from_file_location("bench_import_run", run_py)
    assert spec and spec.loader
    run_module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(run_module)
    generate = run_module.generate
    from ucj.regions.models import Region
    from ucj.web.setup import initialise

    initialise()
    region = ""
    if args.xlsx_bomb:
        path, kind = work / "bom.xlsx", "participants"
        zip_bomb(path, 64 if args.small else 1024)
    elif args.kind != "participants":
        # The person lists of bench/reconcile (NIK, name, group…), one kab/kota's file.
        spec = importlib.util.spec_from_file_location(
            "bench_reconcile_run", ROOT / "bench" / "reconcile" / "run.py"
        )
        assert spec and spec.loader
        reconcile = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(reconcile)
        made = reconcile.generate(work, rows, rows)
        path, kind, region = made[0 if args.kind == "roster" else 1], args.kind, "15.03"
    else:
        codes = list(Region.objects.kabkota().values_list("code", flat=True))
        path, kind = work / "peserta.csv", "participants"
        generate(path, rows, codes)
    connection.close()
    size_mb = path.stat().st_size / 1024**2
    # The same file twice, each in a fresh process: new rows, then the re-import that
    # compares every row with what is stored (the larger peak).
    again = path.suffix == ".csv" and kind == "participants"  # a person list is a new list
    for run in ("new", "again") if again else ("new",):
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(path), kind, region],
            capture_output=True, text=True, env=os.environ, check=False,
        )  # fmt: skip
        if out.returncode:
            print(out.stderr[-3000:], file=sys.stderr)
            return 1
        result = json.loads(out.stdout.strip().splitlines()[-1])
        growth = result["rss_peak_mb"] - result["rss_before_mb"]
        report = {
            "database": connection.vendor,
            "file": path.suffix[1:],
            "kind": kind,
            "run": run,
            "file_mb": round(size_mb, 1),
            "rows": result["rows"],
            "ok": result["ok"],
            "seconds": round(result["seconds"], 2),
            "cpu_seconds": round(result["cpu_seconds"], 1),
            "rss_before_mb": round(result["rss_before_mb"]),
            "rss_peak_mb": round(result["rss_peak_mb"]),
            "peak_over_file": round(growth / size_mb, 1),
            "goal_factor": GOAL_FACTOR,
            "first_error": result["first_error"],
        }
        print(json.dumps(report))
    if url:
        drop_database(os.environ["UCJ_DATABASE_URL"])
    shutil.rmtree(work, ignore_errors=True)  # the generated file and the database
    return 0


if __name__ == "__main__":
    sys.exit(main())
