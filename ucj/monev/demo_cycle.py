"""Demo data of the monev cycle (issue 19): benefits paid, finding dimensions, and a
Triwulan III 2025 monev in Jambi so that its packs have something to compile.

Published: Lampung Tengah, two JKM benefits of Rp42,000,000 each paid to heirs
(lampungtengahkab.go.id, monev of 19 May 2025; FACTS.md §9), stored as published, not
sample. Everything else is generated and marked *data contoh*: the Jambi benefits (a
JKM case is the regulated Rp42,000,000, FACTS.md §4.6; other amounts are invented) and
the Sarolangun and Kerinci sessions. Safe to run twice.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.db import transaction

from ucj.accounts.scoping import SystemActor
from ucj.monev import services
from ucj.monev.benefits import BenefitPaid
from ucj.monev.models import Finding, FollowUp, Mode, MonevSession, Organiser, Status
from ucj.monev.services import FollowUpInput, RecommendationInput, SessionInput
from ucj.regions.models import Region

DEMO = SystemActor("demo", "ucj demo")  # the demo loader writes every region

SAMPLE = "data contoh (dibangkitkan)"
JKM_BENEFIT = 42_000_000  # PP 82/2019: JKM Rp42 M (FACTS.md §4.6)
LAMPUNG_TENGAH: dict[str, Any] = {
    "code": "18.02",
    "period": dt.date(2025, 5, 1),
    "program": "JKM",
    "cases": 2,
    "amount": 2 * JKM_BENEFIT,
    "source": "lampungtengahkab.go.id (Monev UCJ 2025, 19 Mei 2025)",
    "as_of": dt.date(2025, 5, 19),
    "story": (
        "Santunan JKM Rp42.000.000 masing-masing diserahkan kepada ahli waris seorang "
        "pengawas pemilu ad hoc (Panwascam) dan seorang pegawai kontrak Sekretariat DPRD."
    ),
}
# Findings of the demo sessions of FACTS.md §9, by the dimension the reports point to.
DIMENSIONS = {
    "Cakupan pekerja informal masih rendah": ("aksesibilitas", "informal_sulit"),
    "Non-ASN belum terlindungi JHT karena keuangan daerah": ("penganggaran", "anggaran_terbatas"),
}
# (code, date, [(text, dimension, obstacle, recommendation, action, office, due, done)])
Q3: list[tuple[str, dt.date, list[Any]]] = [
    ("15.03", dt.date(2025, 8, 14), [
        ("(contoh) Perbup perlindungan pekerja rentan belum ditetapkan", "regulasi",
         "regulasi_lemah", "Tetapkan Perbup perlindungan jaminan sosial ketenagakerjaan",
         "Susun rancangan Perbup", "Bagian Hukum Setda Sarolangun", dt.date(2025, 9, 15), None),
        ("(contoh) Anggaran APBD-P hanya cukup untuk sebagian pekerja rentan", "penganggaran",
         "anggaran_terbatas", "Tambah pagu iuran pekerja rentan di APBD 2026",
         "Usulkan pagu di RAPBD 2026", "Bappeda Sarolangun", dt.date(2025, 12, 31), None),
        ("(contoh) Pekerja informal belum mengenal manfaat JKK dan JKM", "aksesibilitas",
         "kesadaran_rendah", "Sosialisasi bersama BPJS TK di kecamatan",
         "Sosialisasi di 10 kecamatan", "Disnakertrans Sarolangun", dt.date(2025, 9, 5),
         dt.date(2025, 9, 3)),
    ]),
    ("15.01", dt.date(2025, 9, 10), [
        ("(contoh) Data pekerja rentan desa belum lengkap", "pengawasan", "pendataan_belum",
         "Tuntaskan pendataan bersama Dinas PMD", "Rekap data pekerja rentan desa",
         "Dinas PMD Kerinci", dt.date(2025, 9, 30), None),
    ]),
]  # fmt: skip


def _benefits() -> int:
    lt = LAMPUNG_TENGAH
    region = Region.objects.get(code=lt["code"])
    keep = {k: v for k, v in lt.items() if k not in ("code", "period", "program", "source")}
    BenefitPaid.objects.get_or_create(
        region=region, period=lt["period"], program=lt["program"], source=lt["source"],
        defaults={**keep, "is_sample": False},
    )  # fmt: skip
    rng = random.Random(19)  # the same sample every time
    rows = []
    for region in Region.objects.kabkota().in_province("15").order_by("code"):
        for month in range(1, 11):
            period = dt.date(2025, month, 1)
            jkm = rng.randint(0, 3)
            jkk = rng.randint(0, 4)
            jht = rng.randint(5, 40)
            for program, cases, amount in (
                ("JKM", jkm, jkm * JKM_BENEFIT),
                ("JKK", jkk, jkk * rng.randint(3, 60) * 1_000_000),
                ("JHT", jht, jht * rng.randint(8, 30) * 1_000_000),
            ):
                if cases:
                    rows.append(
                        BenefitPaid(
                            region=region, period=period, program=program, cases=cases,
                            amount=amount, source=SAMPLE, as_of=period, is_sample=True,
                        )
                    )  # fmt: skip
    BenefitPaid.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _sessions() -> int:
    made = 0
    for code, date, findings in Q3:
        region = Region.objects.get(code=code)
        title = f"(contoh) Monev UCJ Triwulan III 2025 {region.name}"
        if MonevSession.objects.filter(date=date, title=title).exists():
            continue
        session = services.record_session(
            DEMO,
            SessionInput(
                date=date, title=title, organiser=Organiser.BPJS_TK, mode=Mode.IN_PERSON,
                region_codes=[code], period=dt.date(2025, date.month, 1), held=True,
                notes="Sesi contoh yang dibangkitkan / generated sample session.",
            ),
        )  # fmt: skip
        for text, dim, obstacle, rec, action, office, due, done in findings:
            finding = services.add_finding(
                DEMO, session, code, text,
                [RecommendationInput(rec, [FollowUpInput(action, office, due)])],
                dimension=dim, obstacle=obstacle,
            )  # fmt: skip
            if done:
                FollowUp.objects.filter(recommendation__finding=finding).update(
                    status=Status.DONE, completed=done
                )
        made += 1
    return made


def load(stdout: Any) -> None:
    with transaction.atomic():
        for text, (dim, obstacle) in DIMENSIONS.items():
            Finding.objects.filter(text=text, dimension="").update(
                dimension=dim, obstacle_id=_obstacle_id(obstacle)
            )
        benefits = _benefits()
        made = _sessions()
    stdout.write(
        f"monev: manfaat dibayar (Lampung Tengah terbit + {benefits} baris contoh Jambi), "
        f"{made} sesi contoh triwulan III 2025"
    )


def _obstacle_id(code: str) -> int | None:
    from ucj.monev.dimensions import ObstacleType

    return ObstacleType.objects.filter(code=code).values_list("pk", flat=True).first()
