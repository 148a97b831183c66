"""Small factory data for the dashboard tests: a few months of sample figures for the
kab/kota of some provinces (set-based bulk inserts)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ucj.indicators import version
from ucj.indicators.models import (
    Issuer,
    Participation,
    PotentialWorkers,
    ReportedCoverage,
    Target,
)
from ucj.regions.models import Region

SOURCE = "Data uji dasbor"
MONTHS = [dt.date(2025, 3, 1), dt.date(2025, 4, 1), dt.date(2025, 5, 1)]


def load(provinces: tuple[str, ...] = ("15", "18", "51"), months: list[dt.date] = MONTHS) -> None:
    regions = list(Region.objects.kabkota().filter(province_code__in=provinces).order_by("code"))
    pots, parts = [], []
    for i, region in enumerate(regions):
        potential = 100_000 + 10_000 * i
        pots.append(
            PotentialWorkers(
                region=region,
                year=months[0].year,
                total=potential,
                formal=potential // 2,
                informal=potential - potential // 2,
                source=SOURCE,
                as_of=dt.date(2025, 1, 31),
                is_sample=True,
            )
        )
        for m, period in enumerate(months):
            # Coverage spreads from ~15% to ~65% so every band is used; it moves each month.
            pct = 15 + (i * 7) % 50 + m * (1 if i % 3 else -1)
            pu = potential * pct // 100 * 6 // 10
            bpu = potential * pct // 100 - pu
            for segment, program, count in (
                ("PU", "", pu),
                ("BPU", "", bpu),
                ("PU", "JKK", pu),
                ("BPU", "JKK", bpu),
                ("PU", "JHT", pu * 9 // 10),
            ):
                parts.append(
                    Participation(
                        region=region,
                        period=period,
                        segment=segment,
                        program=program,
                        count=count,
                        source=SOURCE,
                        as_of=period.replace(day=28),
                        is_sample=True,
                    )
                )
    PotentialWorkers.objects.bulk_create(pots)
    Participation.objects.bulk_create(parts)
    version.bump()  # as every set-based writer does (bulk_create sends no signal)
    if "15" not in provinces:
        return
    sarolangun = Region.objects.get(code="15.03")
    Target.objects.create(
        region=sarolangun,
        year=2025,
        pct=Decimal("45"),
        issuer=Issuer.RPJMD,
        source=SOURCE,
        is_sample=True,
    )
    ReportedCoverage.objects.create(
        region=sarolangun,
        period=months[-1],
        pct=Decimal("20.00"),
        source="Laporan uji",
        as_of=months[-1].replace(day=20),
        is_sample=True,
    )
