"""Benchmark: peak memory (RSS) of one import against the file's size (issue 14, item 6).

    .venv/bin/python bench/import/memory.py             # participants 2,000,000 rows (~90 MB
                                                        # CSV) and a roster of 1,000,000 (~54 MB)
    .venv/bin/python bench/import/memory.py --xlsx      # the roster also as XLSX
    .venv/bin/python bench/import/memory.py --small     # 50,000 and 20,000 rows (CI)
    .venv/bin/python bench/import/memory.py --xlsx-bomb # the zip-bomb XLSX: refused how fast
    .venv/bin/python bench/import/memory.py --kind roster --rows 2000000     # one kind
    .venv/bin/python bench/import/memory.py --kind membership --rows 2000000
    .venv/bin/python bench/import/memory.py --kind participants --allocator-ab 3

The import runs in a fresh child process (`--child`), so its peak RSS is its own and not
the generator's or a previous run's. Printed per run: file size, the child's RSS before
the import (Python, Django, Polars loaded), its peak, its CPU seconds and (peak − before)
÷ file size, the figure UCJ_IMPORT_MEMORY_MB budgets with (ucj/lib/budget.py); last, one
line with every ratio. Goal: ≤ 3× the file.
`--allocator-ab N` (SQLite): the same import 2N times from the same database copy,
alternately with Polars' allocator as it ships (`_RJEM_MALLOC_CONF` empty) and as
`ucj/__init__.py` sets it, so both see the same machine load; CPU and RSS per run.
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
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.pg import drop_database, own_database  # noqa: E402

GOAL_FACTOR = 3.0


def _rss_mb(field: str = "VmRSS") -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def _peak_mb() -> float:
    """This process's own peak RSS: VmHWM, the high-water mark of its address space.
    Not ru_maxrss: Linux carries the parent's high-water mark over fork and exec into
    it, so a child started by a parent that had just generated a 1M-row file reported
    the parent's 345 MB, not its own 238 MB (measured 2 Dec 2026; the roster's 4.7× of
    earlier runs was that)."""
    return _rss_mb("VmHWM")


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
    peak = _peak_mb()
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


def make_file(work: Path, kind: str, rows: int, xlsx: bool) -> tuple[Path, str]:
    """The generated file and its --region (person lists: one kab/kota's file)."""
    if kind == "participants":
        from ucj.regions.models import Region

        run_module = _load(ROOT / "bench" / "import" / "run.py", "bench_import_run")
        codes = list(Region.objects.kabkota().values_list("code", flat=True))
        path, region = work / "peserta.csv", ""
        run_module.generate(path, rows, codes)
    else:  # the person lists of bench/reconcile (NIK, name, group…)
        reconcile = _load(ROOT / "bench" / "reconcile" / "run.py", "bench_reconcile_run")
        made = reconcile.generate(work, rows, rows if kind == "membership" else rows * 7 // 10 + 1)
        path, region = made[0 if kind == "roster" else 1], "15.03"
    return (to_xlsx(path) if xlsx else path), region


def _load(path: Path, name: str) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def to_xlsx(csv_path: Path) -> Path:
    """The CSV as an XLSX sheet the way Excel writes one: texts in the shared-strings
    table (a NIK is text: 16 digits are past a spreadsheet number's 15)."""
    import polars as pl
    import xlsxwriter

    frame = pl.read_csv(csv_path, infer_schema=False)
    path = csv_path.with_suffix(".xlsx")
    book = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    sheet = book.add_worksheet("Sheet1")
    sheet.write_row(0, 0, frame.columns)
    for i, row in enumerate(frame.iter_rows(), start=1):
        sheet.write_row(i, 0, row)
    book.close()
    return path


def run_child(path: Path, kind: str, region: str, env: dict[str, str]) -> dict | None:
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(path), kind, region],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    if out.returncode:
        print(out.stderr[-3000:], file=sys.stderr)
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def report(result: dict, path: Path, kind: str, run: str, vendor: str) -> dict:
    size_mb = path.stat().st_size / 1024**2
    growth = result["rss_peak_mb"] - result["rss_before_mb"]
    return {
        "database": vendor, "file": path.suffix[1:], "kind": kind, "run": run,
        "file_mb": round(size_mb, 1), "rows": result["rows"], "ok": result["ok"],
        "seconds": round(result["seconds"], 2), "cpu_seconds": round(result["cpu_seconds"], 1),
        "rss_before_mb": round(result["rss_before_mb"]),
        "rss_peak_mb": round(result["rss_peak_mb"]),
        "peak_over_file": round(growth / size_mb, 2), "goal_factor": GOAL_FACTOR,
        "load_average": round(os.getloadavg()[0], 1), "first_error": result["first_error"],
    }  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="50,000 / 20,000 rows (CI)")
    parser.add_argument("--rows", type=int, default=None)
    parser.add_argument("--xlsx", action="store_true", help="person lists also as XLSX")
    parser.add_argument("--xlsx-bomb", action="store_true", help="1 GB sheet in a small XLSX")
    parser.add_argument("--kind", choices=("participants", "roster", "membership"))
    parser.add_argument("--allocator-ab", type=int, default=0, metavar="N")
    parser.add_argument(
        "--child", nargs=3, metavar=("FILE", "KIND", "REGION"), help=argparse.SUPPRESS
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
    if args.child:
        child(Path(args.child[0]), args.child[1], args.child[2] or None)
        return 0
    work = Path(tempfile.mkdtemp(prefix="ucj-bench-memory-"))
    os.environ["UCJ_DATA_DIR"] = str(work)
    url = os.environ.get("UCJ_DATABASE_URL", "")
    if url:
        if args.allocator_ab:
            print("--allocator-ab runs on SQLite (UCJ_DATABASE_URL unset)", file=sys.stderr)
            return 2
        os.environ["UCJ_DATABASE_URL"] = own_database(url, "memory")
    import django

    django.setup()
    from django.db import connection

    from ucj.web.setup import initialise

    initialise()
    vendor = connection.vendor
    if args.xlsx_bomb:
        path = work / "bom.xlsx"
        zip_bomb(path, 64 if args.small else 1024)
        jobs = [(path, "participants", "")]
    else:
        kinds = [args.kind] if args.kind else ["participants", "roster"]
        small = {"participants": 50_000, "roster": 20_000, "membership": 50_000}
        full = {"participants": 2_000_000, "roster": 1_000_000, "membership": 2_000_000}
        jobs = []
        for kind in kinds:
            rows = args.rows or (small if args.small else full)[kind]
            folder = work / kind
            folder.mkdir()
            path, region = make_file(folder, kind, rows, False)
            jobs.append((path, kind, region))
            if args.xlsx and kind != "participants":
                jobs.append((to_xlsx(path), kind, region))
    connection.close()
    ratios: dict[str, float] = {}
    status = 0
    if args.allocator_ab:
        status = allocator_ab(jobs, args.allocator_ab, work, vendor)
    for path, kind, region in [] if args.allocator_ab else jobs:
        # Participants: the same file twice, each in a fresh process: new rows, then the
        # re-import that compares every row with what is stored. A person list again is
        # the same list (0 inserted); its first import is the larger peak.
        again = path.suffix == ".csv" and kind == "participants"
        for run in ("new", "again") if again else ("new",):
            result = run_child(path, kind, region, dict(os.environ))
            if result is None:
                status = 1
                continue
            line = report(result, path, kind, run, vendor)
            print(json.dumps(line), flush=True)
            ratios[f"{kind} {line['file']} {run}"] = line["peak_over_file"]
    if ratios:
        print(json.dumps({"database": vendor, "peak_over_file": ratios, "goal": GOAL_FACTOR}))
    if url:
        drop_database(os.environ["UCJ_DATABASE_URL"])
    shutil.rmtree(work, ignore_errors=True)  # the generated files and the database
    return status


def allocator_ab(jobs: list[tuple[Path, str, str]], n: int, work: Path, vendor: str) -> int:
    """Each file imported 2n times into a copy of the same database, alternating Polars'
    allocator as shipped (A) and with freed pages returned at once (B, `ucj/__init__.py`)."""
    db = work / "ucj.sqlite3"
    pristine = work / "pristine.sqlite3"
    shutil.copy(db, pristine)
    for path, kind, region in jobs:
        totals: dict[str, list[dict]] = {"A": [], "B": []}
        for i in range(2 * n):
            arm = "AB"[i % 2]
            shutil.copy(pristine, db)
            for side in ("-wal", "-shm"):
                Path(f"{db}{side}").unlink(missing_ok=True)
            env = dict(os.environ)
            # A: empty, so jemalloc's own defaults; B: unset, so ucj/__init__.py sets it.
            env["_RJEM_MALLOC_CONF"] = ""
            if arm == "B":
                del env["_RJEM_MALLOC_CONF"]
            result = run_child(path, kind, region, env)
            if result is None:
                return 1
            line = report(result, path, kind, f"allocator {arm}", vendor)
            print(json.dumps(line), flush=True)
            totals[arm].append(line)
        summary = {
            arm: {
                "cpu_seconds": [r["cpu_seconds"] for r in runs],
                "seconds": [r["seconds"] for r in runs],
                "peak_over_file": [r["peak_over_file"] for r in runs],
            }
            for arm, runs in totals.items()
        }
        print(json.dumps({"allocator_ab": kind, "file": path.suffix[1:], **summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
