"""Benchmark: the confirmation rule against a stored (Parquet) membership list of N rows
(`registry.confirmation.stored_active`): which of P awaiting people are active in one
kab/kota of the province, BPU (or no segment), holding JKK and JKM.

    python bench/confirmation/run.py --rows 40000000 --people 200000
    python bench/confirmation/run.py --small          # 1M rows, 20,000 people

The list is generated straight as Parquet (15 kab/kota, 10% non-active, a third PU); the
query runs in its own process under /usr/bin/time for its peak RSS. Goal: the list is
never held whole (peak RSS well under the list's size in memory, ~6 GB at 40M).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[2]
HASH = pl.col("i").hash(1).cast(pl.String).str.pad_start(64, "0")


def generate(n: int, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    step = 2_000_000
    for k, start in enumerate(range(0, n, step)):
        i = pl.DataFrame(pl.int_range(start, min(n, start + step), eager=True).alias("i"))
        flags = zip(["jkk", "jkm", "jht", "jp", "jkp"], [7, 7, 2, 3, 5], strict=True)
        i.select(
            HASH.alias("nik_hash"), pl.lit("1802**********01").alias("nik_masked"),
            pl.lit(True).alias("nik_valid"), pl.col("i").cast(pl.String).alias("kpj"),
            pl.when(pl.col("i") % 3 == 0).then(pl.lit("PU")).otherwise(pl.lit("BPU"))
            .alias("segment"),
            *[(pl.col("i") % m != 0).alias(p) for p, m in flags],
            pl.when(pl.col("i") % 10 == 0).then(pl.lit("non_aktif")).otherwise(pl.lit("aktif"))
            .alias("status"),
            pl.lit(None, dtype=pl.Date).alias("last_paid"),
            pl.format("18.{}.01", (pl.col("i") % 15 + 1).cast(pl.String).str.pad_start(2, "0"))
            .alias("region_code"),
            pl.col("i").alias("row"),
        ).write_parquet(folder / f"part-{k}.parquet", row_group_size=32_768)  # fmt: skip


QUERY = """
import json, os, sys, time
sys.path.insert(0, sys.argv[1])
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
import django; django.setup()
from django.conf import settings
import polars as pl
from ucj.regions.models import Region
from ucj.registry.models import MembershipList
from ucj.registry.confirmation import stored_active
settings.UCJ_LIST_STORE = sys.argv[2]
n, people = int(sys.argv[3]), int(sys.argv[4])
mlist = MembershipList(store="list", region=Region(code="18"))
i = pl.DataFrame(pl.int_range(0, n, 17, eager=True).alias("i"))
hashes = i.select(pl.col("i").hash(1).cast(pl.String).str.pad_start(64, "0"))["i"]
hashes = hashes.head(people).to_list()
t, c = time.perf_counter(), time.process_time()
found = stored_active([mlist], "18.02", hashes, ["BPU", ""], ["JKK", "JKM"])
print(json.dumps({"rows": n, "people": len(hashes), "found": len(found),
                  "wall_s": round(time.perf_counter() - t, 1),
                  "cpu_s": round(time.process_time() - c, 1)}))
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--small", action="store_true")
    args = parser.parse_args()
    rows, people = (1_000_000, 20_000) if args.small else (args.rows, args.people)
    with tempfile.TemporaryDirectory() as tmp:
        generate(rows, Path(tmp) / "list")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        cmd = ["/usr/bin/time", "-f", "peak_rss_kb=%M", sys.executable, "-c", QUERY,
               str(ROOT), tmp, str(rows), str(people)]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        rss = [ln for ln in done.stderr.splitlines() if ln.startswith("peak_rss_kb=")]
        result["peak_rss_mb"] = int(rss[-1].split("=")[1]) // 1024 if rss else None
        print(json.dumps(result))


if __name__ == "__main__":
    main()
