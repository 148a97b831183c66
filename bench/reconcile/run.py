"""Benchmark: reconcile a 1M-row roster against a 10M-row membership list (issue 9).

    python bench/reconcile/run.py            # full size: 1,000,000 × 10,000,000
    python bench/reconcile/run.py --small    # CI size: 20,000 × 200,000

Generates both files as CSV with structurally valid synthetic NIKs on real kecamatan codes
(the installed region master, ucj/regions/data/regions.csv), then in separate processes
(so each peak RSS is its own) runs `ucj reconcile`'s engine and a bare Polars join of the
same two files. Prints seconds, peak RSS and the ratio. Goals: ratio ≤ 1.5, RSS ≤ 3 GB.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path

import polars as pl

ROOT = Path(__file__).resolve().parents[2]
GROUPS = ["non_asn", "rt_rw", "aparatur_desa", "pekerja_rentan", "gtk"]


def kecamatan_codes() -> list[str]:
    text = resources.files("ucj.regions").joinpath("data", "regions.csv").read_text("utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return [r["code"].replace(".", "") for r in rows if r["level"] == "district"]


def _rand(n: int, seed: int, modulo: int) -> pl.Expr:
    """Deterministic pseudo-random integers 0..modulo-1 (hash of the row index)."""
    return (pl.int_range(n, dtype=pl.UInt64).hash(seed) % modulo).cast(pl.Int64)


def synthetic_niks(n: int, seed: int, kec: list[str]) -> pl.DataFrame:
    """NIKs that pass every structural rule: born 1961–2005, half of them women."""
    codes = pl.Series("kec", kec)
    frame = pl.select(
        _rand(n, seed, len(kec)).alias("i"),
        (_rand(n, seed + 1, 28) + 1).alias("day"),
        (_rand(n, seed + 2, 12) + 1).alias("mon"),
        (_rand(n, seed + 3, 45) + 61).alias("yy"),
        _rand(n, seed + 4, 2).alias("woman"),
        (_rand(n, seed + 5, 9999) + 1).alias("serial"),
    )
    return frame.select(
        pl.concat_str(
            codes.gather(frame["i"]),
            (pl.col("day") + 40 * pl.col("woman")).cast(pl.String).str.zfill(2),
            pl.col("mon").cast(pl.String).str.zfill(2),
            (pl.col("yy") % 100).cast(pl.String).str.zfill(2),
            pl.col("serial").cast(pl.String).str.zfill(4),
        ).alias("nik"),
        pl.col("woman"),
    )


def generate(folder: Path, roster_rows: int, member_rows: int) -> tuple[Path, Path]:
    kec = kecamatan_codes()
    people = synthetic_niks(roster_rows, 11, kec)
    roster = people.with_columns(
        pl.format("Pekerja {}", pl.int_range(roster_rows)).alias("nama"),
        pl.when(pl.col("woman") == 1)
        .then(pl.lit("P"))
        .otherwise(pl.lit("L"))
        .alias("jenis_kelamin"),
        pl.lit(GROUPS).list.get(_rand(roster_rows, 12, len(GROUPS))).alias("kelompok"),
        pl.lit("Dinas Contoh").alias("instansi"),
    ).drop("woman")
    # 1% duplicates (a later row repeats an earlier NIK) and 1% broken NIKs.
    roster = roster.with_columns(
        pl.when(pl.int_range(roster_rows) % 100 == 7)
        .then(pl.col("nik").shift(1).fill_null(pl.col("nik")))
        .when(pl.int_range(roster_rows) % 100 == 13)
        .then(pl.col("nik").str.slice(0, 15))
        .otherwise(pl.col("nik"))
        .alias("nik")
    )
    roster_path = folder / "roster.csv"
    roster.write_csv(roster_path)
    del roster

    matched = people.select("nik").head(int(roster_rows * 0.7))
    others = synthetic_niks(member_rows - matched.height, 97, kec).select("nik")
    niks = pl.concat([matched, others])

    def flag(seed: int, share: int) -> pl.Expr:
        return (
            pl.when(_rand(member_rows, seed, 100) < share).then(pl.lit("Y")).otherwise(pl.lit("N"))
        )

    membership = niks.select(
        "nik",
        pl.format("{}", _rand(member_rows, 21, 10**11) + 10**10).alias("kpj"),
        pl.when(_rand(member_rows, 22, 3) == 0)
        .then(pl.lit("PU"))
        .otherwise(pl.lit("BPU"))
        .alias("segmen"),
        flag(23, 100).alias("jkk"),
        flag(23, 100).alias("jkm"),
        flag(24, 30).alias("jht"),
        flag(25, 15).alias("jp"),
        flag(26, 10).alias("jkp"),
        pl.when(_rand(member_rows, 27, 100) < 85)
        .then(pl.lit("aktif"))
        .otherwise(pl.lit("non-aktif"))
        .alias("status"),
        pl.format("2025-{}", (_rand(member_rows, 28, 12) + 1).cast(pl.String).str.zfill(2)).alias(
            "bulan_iuran_terakhir"
        ),
        # the member's kab/kota as BPJS TK records it (here: where the NIK was issued)
        pl.format("{}.{}", pl.col("nik").str.slice(0, 2), pl.col("nik").str.slice(2, 2)).alias(
            "wilayah"
        ),
    )
    member_path = folder / "membership.csv"
    membership.write_csv(member_path)
    return roster_path, member_path


def phase(name: str, roster: str, membership: str) -> None:
    """Child process: run one side, print seconds and own peak RSS as JSON."""
    start = time.perf_counter()
    cpu_start = 0.0
    if name == "generate":
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
        django.setup()
        folder = Path(roster).parent
        sizes = json.loads(membership)
        generate(folder, sizes[0], sizes[1])
        print(json.dumps({"seconds": round(time.perf_counter() - start, 1)}))
        return
    if name == "reconcile":
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
        django.setup()
        import datetime as dt

        from ucj.registry.codebook import codebook
        from ucj.registry.services import reconcile_files

        codebook()  # once per process, like a server; read before timing
        start = time.perf_counter()
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu_start = usage.ru_utime + usage.ru_stime
        outcome = reconcile_files(Path(roster), Path(membership), dt.date(2026, 1, 15))
        result: dict = {"summary": outcome.summary, "in_no_roster": outcome.members_in_no_roster}
    elif name in ("reconcile_spark", "stored_spark"):
        import spark_phase  # beside this file: the Spark engine's side

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
        import django

        django.setup()
        print(json.dumps(spark_phase.run(name, Path(roster), Path(membership))))
        return
    elif name in ("reconcile_stored", "join_stored", "duckdb_stored", "pandas_stored", "store"):
        result = stored_phase(name, Path(roster), Path(membership))
        start, cpu_start = result.pop("_start"), result.pop("_cpu_start")
    else:
        joined = pl.scan_csv(roster).join(pl.scan_csv(membership), on="nik").collect()
        result = {"joined_rows": joined.height}
    result["seconds"] = round(time.perf_counter() - start, 2)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    result["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime - cpu_start, 2)
    result["peak_rss_mb"] = round(_peak_kb() / 1024)
    print(json.dumps(result))


def _peak_kb() -> int:
    """This process's own peak RSS (VmHWM). Not ru_maxrss, which Linux carries over from
    the parent through fork and exec (bench/import/memory.py says how that misled)."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def stored_phase(name: str, roster: Path, membership: Path) -> dict:
    """The stored-list side (issue 17): the membership list imported once into the list
    store (`ucj lists import`, its own time), then a roster FILE against it three ways:
    `ucj reconcile --roster FILE --stored`'s engine, a bare Polars join (roster CSV read,
    keyed hash, join with the Parquet store) and DuckDB doing the same."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
    django.setup()
    import datetime as dt

    from django.conf import settings

    from ucj.registry.codebook import codebook

    codebook()
    store = Path(settings.UCJ_LIST_STORE)
    start = time.perf_counter()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_start = usage.ru_utime + usage.ru_stime
    result: dict = {"_start": start, "_cpu_start": cpu_start}
    if name == "store":
        from ucj.accounts.scoping import cli_actor
        from ucj.registry.list_store import import_membership

        stored = import_membership(membership, cli_actor())
        result["rows"] = stored.rows
    elif name == "reconcile_stored":
        from ucj.registry.national import reconcile_national

        outcome = reconcile_national(roster, dt.date(2026, 1, 15))
        result.update(summary=outcome.summary, in_no_roster=outcome.members_in_no_roster)
    else:  # the baselines: a bare Polars join, pandas, DuckDB
        import baselines  # beside this file

        result["joined_rows"] = baselines.run(name, roster, store, settings.NIK_KEY)
    return result


def child(name: str, roster: Path, membership: Path | str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--phase", name, str(roster), str(membership)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if out.returncode != 0:
        sys.exit(f"{name} failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def stored_report(roster: Path, membership: Path, repeat: int, kept: bool = False) -> None:
    if kept:
        print("ucj lists import: skipped, the kept store is read (--keep)")
    else:
        made = child("store", roster, membership)
        print(f"ucj lists import: {made['rows']:,} rows in {made['seconds']:.1f} s "
              f"(CPU {made['cpu_seconds']:.1f} s), peak RSS {made['peak_rss_mb']} MB")  # fmt: skip
    runs: dict[str, list[dict]] = {"reconcile_stored": [], "join_stored": [], "duckdb_stored": []}
    only = [n for n in os.environ.get("BENCH_ONLY", "").split(",") if n]
    if only:
        runs = {name: [] for name in runs if name in only}
    for _ in range(repeat):
        for name in runs:
            runs[name].append(child(name, roster, membership))
    if only and "pandas_stored" not in only:
        pass
    elif _has_pandas():  # once: minutes at national size, and only a floor is asked of it
        runs["pandas_stored"] = [child("pandas_stored", roster, membership)]
    else:
        print("pandas side skipped: pip install pandas pyarrow")
    best = {name: min(r, key=lambda x: x["seconds"]) for name, r in runs.items()}
    for name, r in best.items():
        print(f"{name}: {r['seconds']:.2f} s (CPU {r['cpu_seconds']:.2f} s), "
              f"peak RSS {max(x['peak_rss_mb'] for x in runs[name])} MB")  # fmt: skip
    ours = best.get("reconcile_stored")
    if ours is None:
        return
    print(json.dumps(ours["summary"]))
    print(f"members in no roster: {ours['in_no_roster']:,}")
    for other in ("join_stored", "duckdb_stored"):
        if other not in best:
            continue
        wall = ours["seconds"] / max(best[other]["seconds"], 0.01)
        cpu = ours["cpu_seconds"] / max(best[other]["cpu_seconds"], 0.01)
        print(f"ratio vs {other}: {wall:.2f} wall, {cpu:.2f} CPU (goal ≤ 1.3)")
    if "pandas_stored" in best:
        ahead = best["pandas_stored"]["seconds"] / max(ours["seconds"], 0.01)
        print(f"pandas script ÷ ours: {ahead:.2f} wall (goal ≥ 4)")
    if os.environ.get("BENCH_SPARK", "1") == "0" or (only and "stored_spark" not in only):
        print("Spark side skipped (BENCH_SPARK=0, or --only without stored_spark)")
        return
    import spark_phase

    spark_phase.report(ours, child("stored_spark", roster, membership))


def _has_pandas() -> bool:
    try:
        import pandas  # noqa: F401
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true", help="CI size")
    parser.add_argument("--phase", nargs=3, metavar=("NAME", "ROSTER", "MEMBERSHIP"))
    parser.add_argument("--repeat", type=int, default=2, help="runs of each side")
    parser.add_argument("--stored", action="store_true", help="against the list store")
    parser.add_argument("--rows", nargs=2, type=int, metavar=("ROSTER", "MEMBERSHIP"))
    parser.add_argument(
        "--keep", help="folder for the files, database and store, reused when present"
    )
    parser.add_argument("--only", nargs="+", help="run only these sides (stored mode)")
    args = parser.parse_args()
    if args.phase:
        phase(*args.phase)
        return
    if args.keep:  # the database and the list store live beside the kept files
        Path(args.keep).mkdir(parents=True, exist_ok=True)
        os.environ["UCJ_DATA_DIR"] = str(Path(args.keep).resolve() / "data")
    if args.only:
        os.environ["BENCH_ONLY"] = ",".join(args.only)
    roster_rows, member_rows = (20_000, 200_000) if args.small else (1_000_000, 10_000_000)
    if args.rows:
        roster_rows, member_rows = args.rows
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
    import django

    django.setup()
    from ucj.web.setup import initialise

    initialise()  # the engine reads kecamatan codes from the database's region master
    with tempfile.TemporaryDirectory(prefix="bench-reconcile-") as tmp:
        folder = Path(args.keep).resolve() if args.keep else Path(tmp)
        roster, membership = folder / "roster.csv", folder / "membership.csv"
        if args.keep and roster.exists() and membership.exists():
            print(f"files reused from {folder} (--keep)")
        else:
            made = child("generate", roster, json.dumps([roster_rows, member_rows]))
            print(
                f"generated {roster_rows:,} roster and {member_rows:,} membership rows "
                f"in {made['seconds']:.1f} s"
            )
        if args.stored:
            store = folder / "store"
            kept = bool(args.keep) and (store / "membership").is_dir()
            os.environ["UCJ_LIST_STORE"] = str(store)
            stored_report(roster, membership, args.repeat, kept)
            return
        # Alternate the two, and keep each one's best run: the machine is shared.
        runs: dict[str, list[dict]] = {"reconcile": [], "join": []}
        for _ in range(args.repeat):
            for name in runs:
                runs[name].append(child(name, roster, membership))
        spark = child("reconcile_spark", roster, membership)
    ours = min(runs["reconcile"], key=lambda r: r["seconds"])
    bare = min(runs["join"], key=lambda r: r["seconds"])
    ours["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs["reconcile"])
    bare["peak_rss_mb"] = max(r["peak_rss_mb"] for r in runs["join"])
    ratio = ours["seconds"] / max(bare["seconds"], 0.01)
    cpu_ratio = ours["cpu_seconds"] / max(bare["cpu_seconds"], 0.01)
    print(json.dumps(ours["summary"]))
    print(f"members in no roster: {ours['in_no_roster']:,}")
    print(f"bare join rows: {bare['joined_rows']:,}")
    for label, r in (("reconcile", ours), ("bare join", bare)):
        print(
            f"{label}: {r['seconds']:.2f} s (CPU {r['cpu_seconds']:.2f} s), "
            f"peak RSS {r['peak_rss_mb']} MB"
        )
    print(f"ratio: {ratio:.2f} wall, {cpu_ratio:.2f} CPU (goal ≤ 1.5); peak RSS goal ≤ 3072 MB")
    import spark_phase

    spark_phase.report(ours, spark)
    ok = ratio <= 1.5 and ours["peak_rss_mb"] <= 3072
    if not args.small and not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
