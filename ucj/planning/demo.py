"""Demo planning data for `ucj demo`: the two cases of FACTS.md §9 as sample rows.

The articles give no amounts, so every funding row here is generated (is_sample=True,
shown as *data contoh*). Scenarios are inputs, not figures. Safe to run twice.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ucj.planning import scenarios
from ucj.planning.models import FundingSource
from ucj.planning.rates import PlanError
from ucj.regions.models import Region

SAMPLE = "data contoh (dibangkitkan)"

FUNDING = [
    # Sarolangun: JKK+JKM through APBD-P 2024 (amount and workers generated).
    (
        "15.03",
        2024,
        "apbd_p",
        1_241_856_000,
        900_000_000,
        24_640,
        18_000,
        "pekerja_rentan",
        "JKK,JKM",
        "APBD Perubahan 2024 (contoh)",
    ),
    # Pangkalpinang: non-ASN covered for JKK and JKM, not JHT (amount generated).
    (
        "19.71",
        2025,
        "apbd",
        604_800_000,
        450_000_000,
        3_000,
        3_000,
        "non_asn",
        "JKK,JKM",
        "APBD 2025 (contoh)",
    ),
    (
        "19.71",
        2025,
        "csr_tjsl",
        100_800_000,
        None,
        500,
        None,
        "rt_rw",
        "JKK,JKM",
        "Kemitraan CSR (contoh)",
    ),
]

SCENARIOS = [
    ("15.03", "JKK+JKM untuk kesenjangan, Okt–Des",
     {"kind": "reach", "target_pct": 65, "programs": ["JKK", "JKM"], "months": 3,
      "start": "2024-10", "period": "2024-09"}),
    ("15.03", "Sama ditambah JHT",
     {"kind": "reach", "target_pct": 65, "programs": ["JKK", "JKM", "JHT"], "months": 3,
      "start": "2024-10", "period": "2024-09"}),
    ("19.71", "Non-ASN: tambah JHT setahun",
     {"kind": "workers", "workers": 3_000, "programs": ["JKK", "JKM", "JHT"], "months": 12,
      "start": "2026-01"}),
]  # fmt: skip


def load(stdout: Any) -> None:
    regions = {r.code: r for r in Region.objects.filter(code__in={"15.03", "19.71"})}
    with transaction.atomic():
        for code, year, source, committed, realised, workers, done, group, progs, doc in FUNDING:
            FundingSource.objects.update_or_create(
                region=regions[code], year=year, source=source, worker_group=group,
                defaults={"committed_amount": committed, "realised_amount": realised,
                          "workers": workers, "realised_workers": done, "programs": progs,
                          "document": doc, "note": SAMPLE, "is_sample": True},
            )  # fmt: skip
        made = 0
        for code, name, params in SCENARIOS:
            try:
                scenarios.save(regions[code], name, params)
                made += 1
            except PlanError as exc:  # a rate table edited away: say so, keep the demo going
                stdout.write(f"planning: skenario {name!r} dilewati / skipped: {exc}")
    stdout.write(f"planning: {len(FUNDING)} pendanaan (data contoh), {made} skenario")
