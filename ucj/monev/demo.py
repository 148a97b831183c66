"""Demo monev data for `ucj demo`: the sessions of FACTS.md §9 and a few records.

The meetings, their dates, organisers and themes are as reported (FACTS.md §7.2, §9).
What the articles do not give (attendee names, due dates, plan-alignment answers) is
generated and marked as sample (*data contoh*). Safe to run twice.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from ucj.accounts.scoping import SystemActor
from ucj.monev import services
from ucj.monev.models import Mode, MonevSession, Organiser
from ucj.monev.records import JakonProjects, PlanAlignment, Regulation
from ucj.monev.services import FollowUpInput, RecommendationInput, SessionInput
from ucj.regions.models import Region

DEMO = SystemActor("demo", "ucj demo")  # the demo loader writes every region

SAMPLE = "data contoh (dibangkitkan)"

SESSIONS = [
    (
        SessionInput(
            date=dt.date(2025, 5, 19),
            title="Monev UCJ 2025 Kabupaten Lampung Tengah",
            organiser=Organiser.PEMKAB_PEMKOT,
            mode=Mode.IN_PERSON,
            region_codes=["18.02"],
            location="Lampung Tengah",
            held=True,
            notes="Pemkab dan BPJS TK Cabang (lampungtengahkab.go.id); peserta rapat contoh.",
            attendees=[
                ("(contoh) Kepala Disnaker", "Disnaker Lampung Tengah", "pemapar"),
                ("(contoh) Kepala Cabang", "BPJS TK Cabang", "narasumber"),
            ],
            agenda_notes={
                "target": "Penyampaian target UCJ 2025",
                "evaluation": "Lampung Tengah 'sangat rendah' (26%)",
                "strategy": "Pekerja informal; pendataan aparatur desa",
                "regulation": "Regulasi daerah yang mendukung UCJ",
            },
        ),
        [
            (
                "18.02",
                "Cakupan pekerja informal masih rendah",
                "Daftarkan aparatur desa setelah pendataan Dinas PMK",
                "Selesaikan pendataan aparatur desa",
                "Dinas PMK Lampung Tengah",
                120,
            )
        ],
    ),
    (
        SessionInput(
            date=dt.date(2025, 5, 16),
            title="Asistensi dan Monitoring Evaluasi Pelaksanaan UC Jamsosnaker",
            organiser=Organiser.BSKDN,
            mode=Mode.ONLINE,
            region_codes=["19.71"],
            held=True,
            notes="BSKDN Kemendagri, daring (bangka.sonora.id).",
            agenda_notes={
                "evaluation": "Non-ASN 100% JKK/JKM, belum JHT",
                "strategy": "Kemitraan CSR; sinkronisasi kebijakan",
                "regulation": "Tinjau muatan ketenagakerjaan RPJMD",
            },
        ),
        [
            (
                "19.71",
                "Non-ASN belum terlindungi JHT karena keuangan daerah",
                "Tinjau muatan ketenagakerjaan RPJMD dan cari mitra CSR",
                "Evaluasi tindak lanjut UCJ",
                "Disnaker Kota Pangkal Pinang",
                45,
            )
        ],
    ),
]


def _sessions(stdout: Any) -> int:
    made = 0
    for data, findings in SESSIONS:
        if MonevSession.objects.filter(date=data.date, title=data.title).exists():
            continue
        session = services.record_session(DEMO, data)
        for code, text, rec, action, office, days in findings:
            services.add_finding(
                DEMO,
                session,
                code,
                text,
                [
                    RecommendationInput(
                        rec, [FollowUpInput(action, office, data.date + dt.timedelta(days=days))]
                    )
                ],
            )
        made += 1
    return made


def _records() -> None:
    region = {r.code: r for r in Region.objects.filter(code__in=["73", "74", "15.03"])}
    # Sulsel Pergub 34/2014 made BPJS TK membership a permit condition (FACTS.md §3.1).
    Regulation.objects.get_or_create(
        region=region["73"],
        kind="pergub",
        number="34",
        year=2014,
        defaults={
            "title": "Syarat kepesertaan BPJS Ketenagakerjaan dalam perizinan",
            "covers_permit": True,
            "source": "matasulsel.com (2025)",
        },
    )
    # Sultra, as of 8 Aug 2025: 68 of 2,947 APBD 2025 projects registered (FACTS.md §3.4).
    JakonProjects.objects.get_or_create(
        region=region["74"],
        year=2025,
        defaults={
            "projects": 2_947,
            "registered": 68,
            "reported_pct": Decimal("2.31"),
            "as_of": dt.date(2025, 8, 8),
            "source": "sultratop.com",
        },
    )
    PlanAlignment.objects.get_or_create(
        region=region["15.03"],
        year=2024,
        defaults={
            "in_rpjmd": True,
            "in_rkpd": True,
            "apbd_budget_line": True,
            "target_pct": Decimal("65.00"),
            "target_document": "APBD Perubahan 2024",
            "source": SAMPLE,
            "is_sample": True,
        },
    )


def load(stdout: Any) -> None:
    from ucj.monev.defaults import ensure_defaults

    ensure_defaults()
    with transaction.atomic():
        _records()
        made = _sessions(stdout)
        from ucj.monev.cycle_demo import load as load_cycle

        made += load_cycle(stdout)
    stdout.write(f"monev: {made} sesi contoh, regulasi/Jakon/perencanaan contoh")
    from ucj.monev import demo_cycle

    demo_cycle.load(stdout)
