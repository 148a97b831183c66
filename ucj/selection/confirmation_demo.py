"""The confirmation demo (issue 20, item 5), run by `selection.demo.load`: the Sarolangun
selection (Rp1 M, 12 months of JKK+JKM: 4.960 people) is saved as a funded list, then a
later BPJS TK list (data per 1 Dec 2025, generated: data contoh) arrives. Invented.

The later list holds everyone of the first list (i mod 4 = 0, still active) and, of the
selected person i (see demo.py):
  i mod 3 = 0             active BPU with JKK+JKM          → registered
  i mod 3 = 1, i even     active PU (through an employer)  → registered under another scheme
  i mod 3 = 1, i odd      active BPU with JKK only         → registered under another scheme
  i mod 3 = 2, i mod 5 = 0  a non-active BPU row           → not registered
  i mod 3 = 2, otherwise  absent                           → not registered
Counts by hand: selection/tests/test_confirm.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from ucj.accounts.scoping import SystemActor
from ucj.lib.formats import number
from ucj.planning.rates import PlanError
from ucj.regions.models import Region
from ucj.registry import stored
from ucj.registry.models import PROGRAMS

ACTOR = SystemActor("demo", "ucj demo")
LATER = dt.date(2025, 12, 1)
SOURCE = "data contoh (dibangkitkan): daftar BPJS TK kemudian"
NAME = "Desil 1-4, Rp1 M, JKK+JKM 12 bulan (contoh)"
OFFICE = "Dinas Tenaga Kerja Kab. Sarolangun (contoh)"


def load_confirmation(stdout: Any, region: Region, people: pl.DataFrame) -> None:
    """`people`: the demo's hashed persons with `_i`. Skipped (with a line) when the
    selection cannot be priced (no rate tables: `ucj init` not run)."""
    from ucj.selection import saving
    from ucj.selection.confirm import confirm_selection
    from ucj.selection.services import SelectRequest, select

    try:
        answer, chosen = select(SelectRequest(code=region.code, budget=1_000_000_000), ACTOR)
        kept = saving.save(answer, chosen, {"budget": 1_000_000_000}, ACTOR, NAME, "apbd", OFFICE)
    except PlanError as exc:
        stdout.write(f"seleksi: konfirmasi contoh dilewati / skipped: {exc}")
        return
    picked = chosen.select((pl.col("row") - 2).alias("_i"))
    rows = later_rows(people, picked)
    stored.store_membership(
        rows.with_columns(pl.lit(region.pk).alias("region_id")),
        region=region, as_of=LATER, source=SOURCE, is_sample=True,
    )  # fmt: skip
    counts = confirm_selection(kept)
    stdout.write(
        f"seleksi: contoh #{kept.pk} {number(counts['selected'])} terpilih, per "
        f"{LATER:%d/%m/%Y}: {number(counts['registered'])} terdaftar, "
        f"{number(counts['registered_other_scheme'])} lewat skema lain, "
        f"{number(counts['not_registered'])} belum terdaftar"
    )


def later_rows(people: pl.DataFrame, picked: pl.DataFrame) -> pl.DataFrame:
    i = pl.col("_i")
    chosen = pl.col("_i").is_in(picked.get_column("_i").implode())
    frame = people.filter((i % 4 == 0) | (chosen & ((i % 3 != 2) | (i % 5 == 0))))
    first = i % 4 == 0
    pu = chosen & (i % 3 == 1) & (i % 2 == 0)
    jkk_only = chosen & (i % 3 == 1) & (i % 2 == 1)
    lapsed = chosen & (i % 3 == 2)
    flags = {
        p.lower(): (pl.lit(True) if p == "JKK" else ~jkk_only) if p in ("JKK", "JKM") else pu
        for p in PROGRAMS
    }
    return frame.select(
        "nik_hash", "nik_masked",
        pl.format("2512{}", i.cast(pl.String).str.zfill(6)).alias("kpj"),
        pl.when(pu & ~first).then(pl.lit("PU")).otherwise(pl.lit("BPU")).alias("segment"),
        *[expr.alias(name) for name, expr in flags.items()],
        pl.when(lapsed).then(pl.lit("non_aktif")).otherwise(pl.lit("aktif")).alias("status"),
        pl.lit(dt.date(2025, 11, 1)).alias("last_paid"),
    )  # fmt: skip
