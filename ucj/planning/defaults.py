"""Rate tables every database gets at `ucj init` (rates of FACTS.md §4). Idempotent.

Rows are matched on their natural key and only created when missing, so an admin's
correction survives the next `ucj init`. Where FACTS.md gives no start date the
row's start is left open and the note says so.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

from django.db.models import Value
from django.db.models.functions import Replace

from ucj.planning.models import (
    ContributionRate,
    JakonBand,
    PmiPackage,
    PmiPhase,
    RateBase,
    Relaxation,
)

PP44 = "PP 44/2015 jo. PP 82/2019; Permenaker 5/2021"
OPEN_START = "Tanggal mulai tidak tercatat di sumber yang dihimpun (berlaku sejak peraturan)."
JKP_CHANGE = dt.date(2025, 2, 7)
JKP_CAP = (
    "Batas upah Rp5 juta (sumber menyebutnya untuk manfaat; dipakai juga sebagai dasar "
    "porsi JKP — verifikasi). "
)
JP_CAP_CHANGE = dt.date(2024, 3, 1)

JKK_CLASSES = [
    (1, "0.24", "sangat rendah"),
    (2, "0.54", "rendah"),
    (3, "0.89", "sedang"),
    (4, "1.27", "tinggi"),
    (5, "1.74", "sangat tinggi"),
]


def _pu_rates() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for cls, pct, label in JKK_CLASSES:
        rows.append(
            dict(
                segment="PU",
                program="JKK",
                risk_class=cls,
                base=RateBase.WAGE,
                total_pct=D(pct),
                employer_pct=D(pct),
                worker_pct=D(0),
                legal_basis=PP44,
                source="fame.grid.id; makassar.tribunnews.com (2020)",
                note=f"Risiko {label}. {OPEN_START}",
            )
        )
    rows += [
        dict(
            segment="PU",
            program="JKM",
            base=RateBase.WAGE,
            total_pct=D("0.30"),
            employer_pct=D("0.30"),
            worker_pct=D(0),
            legal_basis=PP44,
            source="fame.grid.id",
            note=OPEN_START,
        ),
        dict(
            segment="PU",
            program="JHT",
            base=RateBase.WAGE,
            total_pct=D("5.7"),
            employer_pct=D("3.7"),
            worker_pct=D("2"),
            legal_basis="PP 46/2015",
            source="rbtv.disway.id; fame.grid.id",
            note="Sukarela untuk PU usaha mikro (Menaker, Mei 2024). " + OPEN_START,
        ),
        dict(
            segment="PU",
            program="JP",
            base=RateBase.WAGE,
            total_pct=D("3"),
            employer_pct=D("2"),
            worker_pct=D("1"),
            base_max=9_559_600,
            valid_to=JP_CAP_CHANGE - dt.timedelta(days=1),
            legal_basis="PP 45/2015 pasal 29",
            source="jatim.suaraindonesia.co.id; tanjungpinang.pikiran-rakyat.com (2024)",
            verified=False,
            note="Batas upah sebelum Maret 2024; batas tahun-tahun sebelumnya (diindeks "
            "tiap tahun) tidak tercatat di sumber yang dihimpun — verifikasi untuk periode lama.",
        ),
        dict(
            segment="PU",
            program="JP",
            base=RateBase.WAGE,
            total_pct=D("3"),
            employer_pct=D("2"),
            worker_pct=D("1"),
            base_max=10_042_300,
            valid_from=JP_CAP_CHANGE,
            legal_basis="PP 45/2015 pasal 29",
            source="jatim.suaraindonesia.co.id; tanjungpinang.pikiran-rakyat.com (2024)",
            verified=False,
            note="Batas upah Rp10.042.300 sejak Maret 2024. Batas 2025/2026 belum ditemukan "
            "di sumber mana pun — verifikasi. Sukarela untuk PU usaha kecil.",
        ),
        dict(
            segment="PU",
            program="JKP",
            base=RateBase.WAGE,
            total_pct=D("0.46"),
            employer_pct=D(0),
            worker_pct=D(0),
            government_pct=D("0.22"),
            from_jkk_pct=D("0.14"),
            from_jkm_pct=D("0.10"),
            valid_to=JKP_CHANGE - dt.timedelta(days=1),
            legal_basis="PP 37/2021",
            source="okezone.com; kaltenglima.com",
            base_max=5_000_000,
            note="Pemberi kerja tidak membayar tambahan: 0,22% dibayar Pemerintah Pusat, "
            "0,14% diambil dari iuran JKK dan 0,10% dari iuran JKM (rekomposisi). "
            + JKP_CAP
            + OPEN_START,
        ),
        dict(
            segment="PU",
            program="JKP",
            base=RateBase.WAGE,
            total_pct=D("0.36"),
            employer_pct=D(0),
            worker_pct=D(0),
            government_pct=D("0.22"),
            from_jkk_pct=D("0.14"),
            from_jkm_pct=D(0),
            valid_from=JKP_CHANGE,
            legal_basis="PP 6/2025",
            source="statusternate.com (Feb 2025)",
            base_max=5_000_000,
            note="Pemberi kerja tidak membayar tambahan: 0,22% dibayar Pemerintah Pusat, "
            "0,14% diambil dari iuran JKK (rekomposisi). " + JKP_CAP,
        ),
    ]
    return rows


def _bpu_rates() -> list[dict[str, Any]]:
    basis = "PP 44/2015; Permenaker 1/2016 (digabung ke Permenaker 5/2021)"
    return [
        dict(
            segment="BPU",
            program="JKK",
            base=RateBase.INCOME,
            total_pct=D("1"),
            employer_pct=D(0),
            worker_pct=D("1"),
            base_min=1_000_000,
            base_max=20_700_000,
            legal_basis=basis,
            source="radarmukomuko.disway.id; star.grid.id",
            note="1% penghasilan dilaporkan: minimum Rp10.000 (Rp1 juta), maksimum Rp207.000 "
            "(Rp20,7 juta). " + OPEN_START,
        ),
        dict(
            segment="BPU",
            program="JKM",
            base=RateBase.FLAT,
            flat_amount=6_800,
            legal_basis=basis,
            source="radarmukomuko.disway.id; star.grid.id",
            note=OPEN_START,
        ),
        dict(
            segment="BPU",
            program="JHT",
            base=RateBase.INCOME,
            total_pct=D("2"),
            employer_pct=D(0),
            worker_pct=D("2"),
            base_min=1_000_000,
            optional=True,
            legal_basis=basis,
            source="radarmukomuko.disway.id; star.grid.id",
            verified=False,
            note="Sukarela. Batas penghasilan minimum yang sama dengan JKK dianggap, "
            "belum diverifikasi.",
        ),
    ]


JAKON_JKK = [
    (0, 100, "0.21"),
    (100, 500, "0.17"),
    (500, 1000, "0.13"),
    (1000, 5000, "0.11"),
    (5000, None, "0.09"),
]
JAKON_JKM = [
    (0, 100, "0.03"),
    (100, 500, "0.02"),
    (500, 1000, "0.02"),
    (1000, 5000, "0.01"),
    (5000, None, "0.01"),
]
MILLION = 1_000_000


def _jakon() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for program, bands in (("JKK", JAKON_JKK), ("JKM", JAKON_JKM)):
        for lower, upper, pct in bands:
            jkm = program == "JKM"
            rows.append(
                dict(
                    program=program,
                    lower=lower * MILLION,
                    upper=upper * MILLION if upper else None,
                    rate_pct=D(pct),
                    cumulative=True,
                    legal_basis="PP 44/2015",
                    source="star.grid.id",
                    verified=not jkm,
                    note=(
                        "Struktur kumulatif dianggap sama dengan JKK — verifikasi."
                        if jkm
                        else "Jika upah diketahui, JKK 1,74% dari upah. " + OPEN_START
                    ),
                )
            )
    return rows


def _pmi() -> list[dict[str, Any]]:
    basis = "Permenaker 4/2023 pasal 18"
    src = "pasal.id; finance.detik.com (Mar 2023); fame.grid.id"
    rows: list[dict[str, Any]] = [
        dict(phase=PmiPhase.BEFORE, amount=37_500, note="JKK+JKM sebelum penempatan."),
        dict(phase=PmiPhase.EXTRA_MONTH, amount=13_500, note="Per bulan tambahan."),
        dict(phase=PmiPhase.JHT, amount=50_000, amount_max=600_000, note="JHT sukarela."),
    ]
    for months, amount in ((6, 108_000), (12, 189_000), (24, 332_500)):
        rows.append(
            dict(
                phase=PmiPhase.DURING_AFTER,
                contract_months=months,
                amount=amount,
                note="JKK+JKM selama dan setelah bekerja.",
            )
        )
    for row in rows:
        row.update(legal_basis=basis, source=src)
    return rows


def _relaxations() -> list[dict[str, Any]]:
    return [
        dict(
            code="pp-49-2020",
            name="Relaksasi COVID-19: JKK dan JKM dipotong 99%",
            segments="PU,BPU,JAKON",
            programs="JKK,JKM",
            payable_pct=D("1"),
            valid_from=dt.date(2020, 8, 1),
            valid_to=dt.date(2021, 1, 31),
            legal_basis="PP 49/2020",
            source="headlines.id; voi.id; pasal.id",
            note="99% iuran JP ditunda (bukan dipotong; tidak dihitung di sini). Segmen yang "
            "dicakup tidak dirinci di sumber — verifikasi.",
        ),
        dict(
            code="pp-7-2025",
            name="Diskon 50% JKK industri padat karya",
            segments="PU",
            programs="JKK",
            payable_pct=D("50"),
            valid_from=dt.date(2025, 2, 1),
            valid_to=dt.date(2026, 1, 31),
            legal_basis="PP 7/2025 jo. PP 36/2025",
            source="vozpublica.info; emasharini.id; cuplikandunia.info (Sep 2025)",
            condition="Industri padat karya (makanan/minuman/tembakau, tekstil/garmen, kulit, "
            "alas kaki, mainan anak, furnitur), minimal 50 peserta aktif.",
            note="Tarif diskon 0,12/0,27/0,445/0,635/0,87%. Tunggakan dilunasi paling lambat "
            "30 Juni 2026.",
        ),
        dict(
            code="permenaker-10-2024",
            name="Diskon 50% JKK dan JKM padat karya (dilaporkan)",
            segments="PU",
            programs="JKK,JKM",
            payable_pct=D("50"),
            valid_from=dt.date(2024, 10, 1),
            valid_to=None,
            legal_basis="Permenaker 10/2024",
            source="genmuslim.id",
            verified=False,
            condition="Industri padat karya.",
            note="Hanya dilaporkan satu sumber; periode akhir dan syarat belum diverifikasi.",
        ),
    ]


def _ensure(model: Any, rows: list[dict[str, Any]], keys: tuple[str, ...]) -> int:
    created = 0
    for row in rows:
        lookup = {k: row.get(k) for k in keys}
        _obj, made = model.objects.get_or_create(**lookup, defaults=row)
        created += int(made)
    return created


# Notes stored by earlier versions cited a development file; screens must not.
OLD_NOTE_WORDING = {
    "tidak tercatat di FACTS.md": "tidak tercatat di sumber yang dihimpun",
    "(FACTS.md menyebutnya": "(sumber menyebutnya",
    "(FACTS.md open question 9)": "di sumber mana pun",
    "tidak dirinci di FACTS.md": "tidak dirinci di sumber",
}


def _reword_notes() -> None:
    for model in (ContributionRate, JakonBand, PmiPackage, Relaxation):
        for old, new in OLD_NOTE_WORDING.items():
            model.objects.filter(note__contains=old).update(
                note=Replace("note", Value(old), Value(new))
            )


def ensure_defaults() -> int:
    """Create missing rate rows; returns how many were created."""
    dated = ("valid_from", "valid_to")
    _reword_notes()
    return (
        _ensure(
            ContributionRate,
            _pu_rates() + _bpu_rates(),
            ("segment", "program", "risk_class", *dated),
        )
        + _ensure(JakonBand, _jakon(), ("program", "lower", *dated))
        + _ensure(PmiPackage, _pmi(), ("phase", "contract_months", *dated))
        + _ensure(Relaxation, _relaxations(), ("code",))
    )
