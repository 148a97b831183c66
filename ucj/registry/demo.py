"""Demo for `ucj demo`: generated (data contoh) rosters with a BPJS TK list each,
reconciled so that the scorecard shows group coverage: the non-ASN of Kota Pangkal
Pinang covered for JKK and JKM but not JHT, the shape the city reported in May 2025
(FACTS §9), and (invented) the RT/RW heads of Kab. Sarolangun, three in four on the
list, so the Sarolangun, Jambi and BPJS branch demo log-ins see a result in their own
region. The NIKs are synthetic (structurally valid, on the region's kecamatan codes).
Safe to run twice."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from ucj.lib.formats import number, percent
from ucj.regions.models import Region
from ucj.registry import stored
from ucj.registry.models import PROGRAMS, Roster

SOURCE = "data contoh (dibangkitkan)"
AS_OF = dt.date(2025, 5, 16)
PERSONS = 240


# (region, kecamatan codes, roster name, agency, group, payer, share on the BPJS list,
# programs on that list): Pangkal Pinang's shape as the city reported it in May 2025;
# Sarolangun's is invented, to give the demo's Sarolangun, Jambi and BPJS branch log-ins
# (demo_sarolangun, demo_jambi, demo_bpjs) a result in their own region.
SAMPLES = (
    (
        "19.71",
        ["197101", "197102", "197103", "197104", "197105", "197106", "197107"],
        "Non-ASN Pemkot Pangkal Pinang (contoh)",
        "Pemerintah Kota Pangkal Pinang",
        "non_asn",
        "APBD",
        1.0,
        {"JKK": True, "JKM": True, "JHT": False, "JP": False, "JKP": False},
    ),
    (
        "15.03",
        ["150301", "150302", "150303", "150304", "150305", "150306"],
        "Ketua RT/RW Kab. Sarolangun (contoh)",
        "Pemerintah Kabupaten Sarolangun",
        "rt_rw",
        "APBD",
        0.75,
        {"JKK": True, "JKM": True, "JHT": False, "JP": False, "JKP": False},
    ),
)


def _niks(kec: list[str]) -> pl.Series:
    return pl.Series(
        "nik",
        [
            f"{kec[i % len(kec)]}{(i % 28) + 1 + (40 if i % 3 == 0 else 0):02d}"
            f"{(i % 12) + 1:02d}{70 + i % 30:02d}{i + 1:04d}"
            for i in range(PERSONS)
        ],
    )


# Sarolangun's RT/RW heads also carry their desa (the first DESA_PER_KECAMATAN desa of each
# person's kecamatan, in turn), so the demo shows the drill-down and the contest league.
DESA_DEMO = {"15.03"}
DESA_PER_KECAMATAN = 4


def _desa_ids(kec: list[str]) -> pl.Series | None:
    from ucj.regions.villages import ensure_villages

    kabkota = kec[0][:2] + "." + kec[0][2:4]
    ensure_villages([kabkota])
    dotted = [f"{k[:2]}.{k[2:4]}.{k[4:6]}" for k in kec]
    by_kec: dict[str, list[int]] = {}
    for pk, code in (
        Region.objects.current()
        .filter(parent__code__in=dotted)
        .order_by("code")
        .values_list("id", "code")
    ):
        by_kec.setdefault(code[:8], []).append(pk)
    if any(k not in by_kec for k in dotted):
        return None
    ids = []
    for i in range(PERSONS):
        desa = by_kec[dotted[i % len(kec)]][:DESA_PER_KECAMATAN]
        ids.append(desa[(i // len(kec)) % len(desa)])
    return pl.Series("domicile_id", ids, dtype=pl.Int64)


def load(stdout: Any) -> None:
    for sample in SAMPLES:
        _load(stdout, *sample)


def _load(
    stdout: Any,
    code: str,
    kec: list[str],
    roster_name: str,
    agency: str,
    group: str,
    payer: str,
    share: float,
    flags: dict[str, bool],
) -> None:
    city = Region.objects.filter(code=code).first()
    if city is None or Roster.objects.filter(region=city, source=SOURCE).exists():
        return
    niks = _niks(kec)
    people = stored.hashed(
        pl.DataFrame({"nik": niks, "row": range(2, PERSONS + 2)}), AS_OF
    ).select(
        "row", "nik_hash", "nik_masked", "nik_valid", "nik_error", "birth_year",
        pl.col("sex").fill_null(""),
        pl.format("Peserta contoh {}", pl.col("row") - 1).alias("name"),
        pl.lit(agency).alias("agency"),
    )  # fmt: skip
    desa = _desa_ids(kec) if code in DESA_DEMO else None
    if desa is not None:
        people = people.with_columns(desa)
    stored.store_roster(
        people, name=roster_name, region=city, group=group,
        payer=payer, as_of=AS_OF, source=SOURCE, is_sample=True,
    )  # fmt: skip
    listed = niks.head(int(PERSONS * share))
    members = stored.hashed(pl.DataFrame({"nik": listed}), AS_OF).select(
        "nik_hash", "nik_masked",
        pl.format("2505{}", pl.int_range(len(listed)).cast(pl.String).str.zfill(6)).alias("kpj"),
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
    by_program = outcome.summary["by_program"]
    stdout.write(
        f"registri: contoh {roster_name}, {number(PERSONS)} orang, JKK "
        f"{percent(by_program['JKK'], 1)}, JHT {percent(by_program['JHT'], 1)} "
        f"(daftar BPJS #{mlist.pk}; {city.name})"
    )
