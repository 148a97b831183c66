"""Demo for `ucj demo`: a generated (data contoh) roster of 24.000 vulnerable workers of
Kab. Sarolangun (15.03) with DTSEN deciles and a BPJS TK list, so that `ucj select 15.03
--budget 1000000000` has something to choose from. Invented, never real: every row is
marked is_sample and the source says "data contoh (dibangkitkan)".

Person i (0…23.999): decile i mod 10 + 1; on the BPJS TK list (active, JKK+JKM) when
i mod 4 = 0; born in 1950 (too old at 74) when i mod 20 = 13, else 1970–1999. Hand-computed
for the default scheme: 14.400 left out by decile, 2.400 as members, 1.200 by age, 6.000
eligible (deciles 1/2/3/4: 1.200/2.400/1.200/1.200); Rp1 M over 12 months at Rp16.800
a month (Rp201.600 a person) pays for 4.960: deciles 1–3 and 160 of decile 4; 1.040 left
out by the budget. Safe to run twice.

Then (`confirmation=True`, as `ucj demo` runs it; `confirmation.py`) the 4.960 are
saved as a funded selection and a later BPJS TK list (1 Dec 2025) confirms part of them.
People live in kecamatan 15.03.0(i mod 6 + 1) (their roster domicile)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from ucj.intake.writer import insert_frame
from ucj.lib.formats import number
from ucj.regions.models import Region
from ucj.registry import stored
from ucj.registry.models import PROGRAMS, Roster, WelfareDecile

SOURCE = "data contoh (dibangkitkan)"
NAME = "Pekerja rentan Kab. Sarolangun dengan desil (contoh)"
CODE = "15.03"
PERSONS = 24_000
AS_OF = dt.date(2025, 6, 30)
KEC = ["150301", "150302", "150303", "150304", "150305", "150306"]
KECAMATAN = [f"15.03.0{k}" for k in range(1, 7)]  # the same six, as region codes


def niks(n: int = PERSONS) -> pl.Series:
    def one(i: int) -> str:
        year = 50 if i % 20 == 13 else 70 + i % 30
        day = (i % 28) + 1 + (40 if i % 2 else 0)
        return f"{KEC[i % 6]}{day:02d}{(i % 12) + 1:02d}{year:02d}{i // 6 + 1:04d}"

    return pl.Series("nik", [one(i) for i in range(n)])


def load(stdout: Any, persons: int = PERSONS, confirmation: bool = True) -> Roster | None:
    region = Region.objects.filter(code=CODE).first()
    if region is None or Roster.objects.filter(region=region, name=NAME).exists():
        return None
    raw = niks(persons)
    people = stored.hashed(pl.DataFrame({"nik": raw, "row": range(2, persons + 2)}), AS_OF)
    people = people.with_columns(pl.int_range(pl.len()).alias("_i"))
    kec = dict(Region.objects.filter(code__in=KECAMATAN).values_list("code", "pk"))
    home = [kec.get(code, region.pk) for code in KECAMATAN]
    people = people.with_columns(
        pl.col("_i").mod(6).replace_strict(dict(enumerate(home))).alias("domicile_id")
    )
    roster = stored.store_roster(
        people.select(
            "row", "nik_hash", "nik_masked", "nik_valid", "nik_error", "birth_year",
            pl.col("sex").fill_null(""), "domicile_id",
        ),
        name=NAME, region=region, group="pekerja_rentan", payer="APBD", as_of=AS_OF,
        source=SOURCE, is_sample=True,
    )  # fmt: skip
    listed = people.filter(pl.col("_i") % 4 == 0)
    stored.store_membership(
        listed.select(
            "nik_hash", "nik_masked",
            pl.format("2506{}", pl.col("_i").cast(pl.String).str.zfill(6)).alias("kpj"),
            pl.lit("BPU").alias("segment"),
            *[pl.lit(p in ("JKK", "JKM")).alias(p.lower()) for p in PROGRAMS],
            pl.lit("aktif").alias("status"),
            pl.lit(dt.date(2025, 6, 1)).alias("last_paid"),
            pl.lit(region.pk).alias("region_id"),
        ),
        region=region, as_of=dt.date(2025, 7, 1), source=SOURCE, is_sample=True,
    )  # fmt: skip
    insert_frame(
        WelfareDecile,
        people.select(
            pl.lit(region.pk).alias("region_id"), pl.lit(region.pk).alias("owner"),
            "nik_hash", "nik_masked", (pl.col("_i") % 10 + 1).alias("decile"),
            pl.lit(AS_OF).alias("as_of"), pl.lit(SOURCE).alias("source"),
            pl.lit(True).alias("is_sample"),
        ),
    )  # fmt: skip
    stdout.write(
        f"seleksi: contoh {NAME}, {number(persons)} orang dengan desil, "
        f"{number(listed.height)} di daftar BPJS TK"
    )
    if confirmation:
        from ucj.selection.confirmation_demo import load_confirmation

        load_confirmation(stdout, region, people)
    return roster
