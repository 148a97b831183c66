"""Benchmark: store a generated N-row BPJS TK membership list spanning all provinces
(issue 17) against DuckDB doing the same work, in the same run.

    python bench/membership/run.py --rows 2000000     # 2M (default 10M)
    python bench/membership/run.py --small            # CI size: 50,000 rows, exit 0
    python bench/membership/run.py --rows 40000000 --then 1000000   # + 1M into the full store

The product: `ucj lists import FILE` (CSV streamed, NIK validated, HMAC-SHA256 keyed
hash and mask, Parquet per province under UCJ_LIST_STORE, lists registered). The
baseline: DuckDB reading the same CSV into a table with the same keyed hash (HMAC-SHA256
written in SQL from sha256) and mask. Each runs in its own process (`/usr/bin/time`
gives its peak RSS). Goals: time ≤ 1.5× DuckDB; peak RSS ≤ 1 GB at 2M, ≤ 3 GB at 40M.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "reconcile"))
from run import _rand, kecamatan_codes, synthetic_niks  # type: ignore[import-not-found]  # noqa: E402

KEY = "bench-key"

DUCKDB = """
import duckdb, sys
key = sys.argv[2].encode().ljust(64, b"\\0")
ipad = bytes(b ^ 0x36 for b in key).hex(); opad = bytes(b ^ 0x5C for b in key).hex()
con = duckdb.connect(sys.argv[3])
con.execute(f'''
CREATE TABLE members AS
SELECT sha256(unhex('{opad}') || unhex(sha256(unhex('{ipad}') || nik::BLOB))) AS nik_hash,
       substr(nik, 1, 4) || '**********' || substr(nik, 15, 2) AS nik_masked,
       kpj, segmen, jkk = 'Y' AS jkk, jkm = 'Y' AS jkm, jht = 'Y' AS jht, jp = 'Y' AS jp,
       jkp = 'Y' AS jkp, status, bulan_iuran_terakhir, wilayah
FROM read_csv('{sys.argv[1]}', all_varchar = true)''')
print(con.execute('SELECT count(*) FROM members').fetchone()[0])
"""


def generate(path: Path, n: int) -> None:
    kec = kecamatan_codes()
    people = synthetic_niks(n, 21, kec)
    flags = ["jkk", "jkm", "jht", "jp", "jkp"]
    people.select(
        pl.format("KPJ{}", pl.int_range(n)).alias("kpj"),
        "nik",
        pl.lit(["PU", "BPU"]).list.get(_rand(n, 3, 2)).alias("segmen"),
        *[
            pl.when(_rand(n, 30 + i, 10) < 8).then(pl.lit("Y")).otherwise(pl.lit("N")).alias(c)
            for i, c in enumerate(flags)
        ],
        pl.when(_rand(n, 40, 10) < 9)
        .then(pl.lit("aktif"))
        .otherwise(pl.lit("non-aktif"))
        .alias("status"),
        pl.lit("2025-11").alias("bulan_iuran_terakhir"),
        (pl.col("nik").str.slice(0, 2) + "." + pl.col("nik").str.slice(2, 2)).alias("wilayah"),
    ).lazy().sink_csv(path)


def timed(cmd: list[str], env: dict[str, str]) -> dict[str, float]:
    start = time.perf_counter()
    run = subprocess.run(["/usr/bin/time", "-v", *cmd], env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if run.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", run.stderr)
    cpu = sum(
        float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", run.stderr)
    )
    return {"seconds": round(wall, 2), "cpu": round(cpu, 2),
            "peak_rss_mb": round(int(rss.group(1)) / 1024 if rss else 0)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--small", action="store_true")
    parser.add_argument("--keep", help="folder for the generated CSV (reused when present)")
    parser.add_argument(
        "--then", type=int, default=0, metavar="ROWS",
        help="then import a ROWS-row list into the full store and into an empty one",
    )  # fmt: skip
    args = parser.parse_args()
    n = 50_000 if args.small else args.rows
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep) if args.keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        csv = folder / f"membership-{n}.csv"
        if not csv.exists():
            generate(csv, n)
        data = Path(tmp) / "data"
        env = {**os.environ, "PYTHONPATH": str(ROOT), "UCJ_DATA_DIR": str(data),
               "UCJ_NIK_KEY": KEY, "UCJ_LIST_STORE": str(Path(tmp) / "store")}  # fmt: skip
        py = sys.executable
        subprocess.run([py, "-m", "ucj.cli", "init"], env=env, check=True, capture_output=True)
        ours = timed([py, "-m", "ucj.cli", "lists", "import", str(csv), "--json"], env)
        duck = timed([py, "-c", DUCKDB, str(csv), KEY, str(Path(tmp) / "duck.db")], env)
        store_bytes = sum(p.stat().st_size for p in (Path(tmp) / "store").rglob("*.parquet"))
        report = {
            "rows": n,
            "csv_mb": round(csv.stat().st_size / 2**20),
            "ucj_lists_import": ours,
            "duckdb": duck,
            "ratio_wall": round(ours["seconds"] / duck["seconds"], 2),
            "ratio_cpu": round(ours["cpu"] / duck["cpu"], 2) if duck["cpu"] else None,
            "store_mb": round(store_bytes / 2**20),
            "duckdb_file_mb": round((Path(tmp) / "duck.db").stat().st_size / 2**20),
        }
        if args.then:
            report["then"] = into_full(folder, Path(tmp), args.then, env)
        print(json.dumps(report, indent=2))


def into_full(folder: Path, tmp: Path, n: int, env: dict[str, str]) -> dict[str, object]:
    """Issue 17: a small list into a store that already holds the big one, against the
    same list into an empty store (goal ≤ 1.2×): nothing stored is read or rewritten."""
    csv = folder / f"membership-{n}.csv"
    if not csv.exists():
        generate(csv, n)
    py = sys.executable
    full = timed([py, "-m", "ucj.cli", "lists", "import", str(csv), "--json"], env)
    empty_env = {**env, "UCJ_DATA_DIR": str(tmp / "data-empty"),
                 "UCJ_LIST_STORE": str(tmp / "store-empty")}  # fmt: skip
    subprocess.run([py, "-m", "ucj.cli", "init"], env=empty_env, check=True, capture_output=True)
    empty = timed([py, "-m", "ucj.cli", "lists", "import", str(csv), "--json"], empty_env)
    return {
        "rows": n,
        "into_full_store": full,
        "into_empty_store": empty,
        "ratio_wall": round(full["seconds"] / empty["seconds"], 2),
        "ratio_cpu": round(full["cpu"] / empty["cpu"], 2) if empty["cpu"] else None,
        "goal": 1.2,
    }


if __name__ == "__main__":
    main()
