"""Demo for `ucj demo`: a generated (data contoh) non-ASN roster of Kota Pangkal Pinang and
a BPJS TK list covering them for JKK and JKM but not JHT, the shape the city reported in
May 2025 (FACTS §9), reconciled so that the scorecard shows group coverage. The NIKs are
synthetic (structurally valid, on the city's kecamatan codes). Safe to run twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from ucj.regions.models import Region
from ucj.registry import stored
from ucj.registry.models import PROGRAMS, Roster

SOURCE = "data contoh (dibangkitkan)"
AS_OF = dt.date(2025, 5, 16)
PERSONS = 240


def _niks() -> pl.Series:
    kec = ["197101", "197102", "197103", "197104", "197105", "197106", "197107"]
    return pl.Series(
        "nik",
        [
            f"{kec[i % len(kec)]}{(i % 28) + 1 + (40 if i % 3 == 0 else 0):02d}"
            f"{(i % 12) + 1:02d}{70 + i % 30:02d}{i + 1:04d}"
            for i in range(PERSONS)
        ],
    )


def load(stdout: Any) -> None:
    city = Region.objects.filter(code="19.71").first()
    if city is None or Roster.objects.filter(region=city, source=SOURCE).exists():
        return
    niks = _niks()
    people = stored.hashed(
        pl.DataFrame({"nik": niks, "row": range(2, PERSONS + 2)}), AS_OF
    ).select(
        "row", "nik_hash", "nik_masked", "nik_valid", "nik_error", "birth_year",
        pl.col("sex").fill_null(""),
        pl.format("Pegawai non-ASN {}", pl.col("row") - 1).alias("name"),
        pl.lit("Pemerintah Kota Pangkal Pinang").alias("agency"),
    )  # fmt: skip
    stored.store_roster(
        people, name="Non-ASN Pemkot Pangkal Pinang (contoh)", region=city, group="non_asn",
        payer="APBD", as_of=AS_OF, source=SOURCE, is_sample=True,
    )  # fmt: skip
    flags = {"JKK": True, "JKM": True, "JHT": False, "JP": False, "JKP": False}
    members = stored.hashed(pl.DataFrame({"nik": niks}), AS_OF).select(
        "nik_hash", "nik_masked",
        pl.format("2505{}", pl.int_range(PERSONS).cast(pl.String).str.zfill(6)).alias("kpj"),
        pl.lit("BPU").alias("segment"),
        *[pl.lit(flags[p]).alias(p.lower()) for p in PROGRAMS],
        pl.lit("aktif").alias("status"),
        pl.lit(dt.date(2025, 4, 1)).alias("last_paid"),
        pl.lit(city.pk).alias("region_id"),
    )  # fmt: skip
    mlist = stored.store_membership(
        members, region=city, as_of=AS_OF, source=SOURCE, is_sample=True
    )
    outcome = stored.reconcile_region(city.code, AS_OF)
    stdout.write(
        f"registri: contoh non-ASN Pangkal Pinang, {PERSONS} orang, JKK "
        f"{outcome.summary['by_program']['JKK']}%, JHT {outcome.summary['by_program']['JHT']}% "
        f"(daftar BPJS #{mlist.pk})"
    )
