"""Demo for `ucj demo`: a generated (data contoh) village-staff pendataan of Kab. Lampung
Tengah (18.02), whose Dinas PMK was collecting data on village apparatus in May 2025
(FACTS §9; the people, NIKs and counts here are invented). Twelve desa of three
kecamatan, eight people each; a population list, a membership list before and a later
one, then the confirmation, so the funnel shows every step and the owner office gets
follow-ups. Safe to run twice (nothing is added when the campaign exists)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl

from ucj.campaigns.confirm import confirm_campaign
from ucj.campaigns.funnel import reconcile_listed
from ucj.campaigns.models import Campaign, CampaignEntry, PopulationEntry
from ucj.intake.writer import insert_frame
from ucj.regions.models import Level, Region
from ucj.regions.villages import ensure_villages
from ucj.registry import nik, stored

NAME = "Pendataan aparatur desa Lampung Tengah 2025 (contoh)"
KECAMATAN = ("18.02.04", "18.02.07", "18.02.23")  # Gunung Sugih, Terbanggi Besar, Kota Gajah
PER_DESA, DESA_PER_KEC = 8, 4
BEFORE, LATER = dt.date(2025, 6, 30), dt.date(2025, 11, 30)
POSITIONS = ("Kepala desa", "Sekretaris desa", "Kaur keuangan", "Kaur umum", "Kasi pemerintahan",
             "Kasi kesejahteraan", "Kepala dusun", "Anggota BPD")  # fmt: skip


def _nik(desa_no: int, i: int, broken: bool = False) -> str:
    kec = KECAMATAN[desa_no // DESA_PER_KEC].replace(".", "")
    value = f"{kec}{10 + i:02d}{1 + desa_no % 12:02d}{80 + i:02d}{desa_no * 10 + i + 1:04d}"
    return value[:15] if broken else value  # a digit dropped when typed: an invalid NIK


def _people(desa: list[Region]) -> list[dict[str, Any]]:
    rows = []
    for d, village in enumerate(desa):
        for i in range(PER_DESA):
            rows.append({
                "desa_id": village.pk, "desa_no": d, "i": i, "name": f"Warga {d + 1}-{i + 1}",
                "position": POSITIONS[i], "nik": _nik(d, i, broken=(i == 7 and d % 4 == 0)),
                "status": "diusulkan" if i < 5 else "terdata",
            })  # fmt: skip
    # The Sekretaris of the first desa is listed by the second desa too: a duplicate.
    first = rows[1]
    rows.append({**first, "desa_id": desa[1].pk, "desa_no": 1, "status": "terdata"})
    return rows


def _stored(frame: pl.DataFrame) -> pl.DataFrame:
    out = nik.stored_fields(frame, "nik", BEFORE).collect()
    return out.drop("birth_year", "sex")


def load(stdout: Any) -> None:
    if Campaign.objects.filter(name=NAME).exists():
        return
    ensure_villages(["18.02"])
    desa = []
    for kec in KECAMATAN:
        found = Region.objects.filter(level=Level.VILLAGE, parent__code=kec).order_by("code")
        desa += list(found[:DESA_PER_KEC])
    region = Region.objects.get(code="18.02")
    campaign = Campaign.objects.create(
        name=NAME, region=region, group="aparatur_desa", start=dt.date(2025, 5, 19),
        end=dt.date(2025, 12, 31), target_count=len(desa) * PER_DESA + 24,
        owner_office="Dinas PMK Kab. Lampung Tengah", is_sample=True,
    )  # fmt: skip
    people = _stored(pl.DataFrame(_people(desa)))
    # Already a member before the campaign: each desa's head (i == 0).
    members = people.filter((pl.col("i") == 0) & (pl.col("desa_no") % 2 == 0)).unique("nik_hash")
    stored.store_membership(_members(members, "BPU"), region=region, as_of=BEFORE, is_sample=True)
    insert_frame(
        PopulationEntry,
        people.filter(pl.col("i") != 6).unique("nik_hash").select(
            pl.lit(region.pk).alias("region_id"), "nik_hash", "nik_masked", "name",
            pl.lit("data contoh (dibangkitkan)").alias("source"), pl.lit(True).alias("is_sample"),
        ),
    )  # fmt: skip
    insert_frame(
        CampaignEntry,
        people.select(
            pl.lit(campaign.pk).alias("campaign_id"), "desa_id", "nik_hash", "nik_masked",
            "nik_valid", "nik_error", "name", pl.lit("aparatur_desa").alias("group"),
            "position", "status", (pl.col("i") + 1).alias("row"),
        ),
    )  # fmt: skip
    reconcile_listed(campaign)
    # The later list: the proposed people i = 1, 2 registered (BPU), i = 3 of every third
    # desa through an employer (PU, another scheme); the rest not yet.
    proposed = people.filter(pl.col("status") == "diusulkan")
    later_bpu = proposed.filter(pl.col("i").is_in([1, 2]) | (pl.col("i") == 0))
    later_pu = proposed.filter((pl.col("i") == 3) & (pl.col("desa_no") % 3 == 0))
    later = pl.concat([_members(later_bpu.unique("nik_hash"), "BPU"), _members(later_pu, "PU")])
    stored.store_membership(later, region=region, as_of=LATER, is_sample=True)
    result = confirm_campaign(campaign)
    stdout.write(
        f"  pendataan contoh Lampung Tengah: {people.height} terdata di {len(desa)} desa, "
        f"{result['registered']} terdaftar, {result['not_registered']} belum "
        f"({result['follow_ups']} tindak lanjut)\n"
    )


def _members(frame: pl.DataFrame, segment: str) -> pl.DataFrame:
    return frame.select(
        "nik_hash", "nik_masked", pl.lit("").alias("kpj"), pl.lit(segment).alias("segment"),
        pl.lit(True).alias("jkk"), pl.lit(True).alias("jkm"), pl.lit(False).alias("jht"),
        pl.lit(False).alias("jp"), pl.lit(False).alias("jkp"), pl.lit("aktif").alias("status"),
    )  # fmt: skip
