"""Indicator figures for the monev tests: Sarolangun and its neighbours, a few months.

Sarolangun (FACTS.md §9): about 112,000 workers, 43% covered in Oct 2024, target 65%.
The monthly series is generated for the tests and flagged as sample data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ucj.accounts.testing import region
from ucj.indicators.models import Participation, PotentialWorkers, Target

MONTHS = [dt.date(2024, m, 1) for m in (6, 7, 8, 9, 10)]
POTENTIAL = {"15.03": 112_000, "15.04": 150_000, "15.01": 90_000}
# PU, BPU persons per month for each region.
ACTIVE = {
    "15.03": [
        (30_000, 14_000),
        (30_200, 14_400),
        (30_500, 15_000),
        (30_800, 16_000),
        (31_000, 17_160),
    ],
    "15.04": [(40_000, 20_000)] * 5,
    "15.01": [(20_000, 8_000)] * 4 + [(20_000, 20_000)],
}
# The rest of Jambi, low and flat: ranks compare a province whose month is complete.
for _code in ("15.02", "15.05", "15.06", "15.07", "15.08", "15.09", "15.71", "15.72"):
    POTENTIAL[_code] = 100_000
    ACTIVE[_code] = [(10_000, 2_000)] * 5


def load(sample: bool = True) -> None:
    for code, total in POTENTIAL.items():
        PotentialWorkers.objects.create(
            region=region(code),
            year=2024,
            total=total,
            basis="potensi",
            source="BPJS TK Cabang Sarolangun",
            as_of=dt.date(2024, 1, 31),
            is_sample=sample,
        )
        for day, (pu, bpu) in zip(MONTHS, ACTIVE[code], strict=True):
            for segment, count in (("PU", pu), ("BPU", bpu)):
                Participation.objects.create(
                    region=region(code),
                    period=day,
                    segment=segment,
                    program="",
                    count=count,
                    source="BPJS TK Kanwil Sumbagteng",
                    as_of=day.replace(day=28),
                    is_sample=sample,
                )
    Target.objects.create(
        region=region("15.03"),
        year=2024,
        pct=Decimal("65.00"),
        issuer="rpjmd",
        document="APBD Perubahan 2024",
        source="jambi-independent.co.id",
        as_of=dt.date(2024, 10, 2),
    )
