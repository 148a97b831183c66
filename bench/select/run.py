"""Benchmark: the selection (`ucj.selection.ranking.rank`: decile join, membership test,
every rule, ranking, the budget cut, counts by reason) against a bare Polars join of the
same frames, in the same run (issue 20).

Goal: ≤ 1.5× the bare join (candidates ⋈ deciles, anti-join members).
    python bench/select/run.py            # 1,000,000 candidates, 10,000,000 members
    python bench/select/run.py --small    # 20,000 / 200,000 (CI)
The frames are generated in memory (hash-like 64-character keys, as stored); reading
them from the database is not measured here (the membership list is narrowed to the
roster's people in SQL before it reaches Polars, `selection/services.active_members`).
Needs no database, so it runs the same under UCJ_DATABASE_URL. Exit 1 if the goal is
missed at full size; --small only checks that it works.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")

import django  # noqa: E402

django.setup()

import polars as pl  # noqa: E402

from ucj.selection.ranking import Rules, rank  # noqa: E402

GOAL = 1.5


def frames(n: int, members: int) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    key = pl.int_range(0, pl.len()).cast(pl.Utf8).str.zfill(12)
    hashed = pl.concat_str([pl.lit("a" * 52), key])  # 64 characters, as nik_hash
    cands = pl.select(i=pl.int_range(0, n)).with_columns(
        hashed.alias("nik_hash"),
        pl.col("i").alias("entry_id"),
        (pl.col("i") // 50_000).alias("roster_id"),
        (pl.col("i") % 50_000 + 2).alias("row"),
        (pl.col("i") % 97 != 0).alias("nik_valid"),
        (1950 + pl.col("i") % 60).cast(pl.Int32).alias("birth_year"),
        pl.lit(1, pl.Int64).alias("domicile_id"),
        pl.lit("pekerja_rentan").alias("group"),
    )
    deciles = cands.select("nik_hash", (pl.col("i") % 10 + 1).alias("decile"))
    # Members: every 4th candidate, plus people who are on no roster (the rest of the list).
    on_roster = cands.filter(pl.col("i") % 4 == 0).select("nik_hash")
    rest = pl.select(j=pl.int_range(0, members - on_roster.height)).select(
        pl.concat_str([pl.lit("b" * 52), pl.col("j").cast(pl.Utf8).str.zfill(12)]).alias("nik_hash")
    )
    return cands.drop("i"), deciles, pl.concat([on_roster, rest])


def bare(cands: pl.DataFrame, deciles: pl.DataFrame, members: pl.DataFrame) -> int:
    return (
        cands.lazy()
        .join(deciles.lazy(), on="nik_hash", how="left")
        .join(members.lazy(), on="nik_hash", how="anti")
        .collect()
        .height
    )


def ours(cands: pl.DataFrame, deciles: pl.DataFrame, members: pl.DataFrame) -> dict[str, int]:
    rules = Rules(decile_max=4, member=True, age=(15, 65), domicile=True,
                  order=["decile", "member", "age", "domicile"])  # fmt: skip
    chosen, left = rank(
        cands, deciles, members, rules, start_year=2026, fit=100_000,
        priority=("decile", "group"), domiciles=pl.Series([1], dtype=pl.Int64),
    )  # fmt: skip
    return {"selected": chosen.height, **left}


def best(fn: object, *args: object, repeat: int = 3) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn(*args)  # type: ignore[operator]
        times.append(time.perf_counter() - t)
    return min(times), out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", action="store_true")
    args = parser.parse_args()
    n, m = (20_000, 200_000) if args.small else (1_000_000, 10_000_000)
    if os.environ.get("UCJ_BENCH_SIZE"):  # e.g. "200000,2000000" while tuning
        n, m = (int(x) for x in os.environ["UCJ_BENCH_SIZE"].split(","))
    cands, deciles, members = frames(n, m)
    t_bare, _h = best(bare, cands, deciles, members)
    t_ours, counts = best(ours, cands, deciles, members)
    factor = t_ours / t_bare if t_bare else 0.0
    print(json.dumps({
        "candidates": n, "members": m, "bare_join_s": round(t_bare, 3),
        "selection_s": round(t_ours, 3), "factor": round(factor, 2), "goal": GOAL,
        "counts": counts,
    }, indent=2))  # fmt: skip
    return 0 if args.small or factor <= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
