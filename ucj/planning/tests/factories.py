"""Coverage figures for planning tests: Jambi kab/kota in Sep 2024 (Sarolangun at 43%)."""

from __future__ import annotations

from ucj.accounts.testing import month, region
from ucj.indicators.models import Participation, PotentialWorkers

PERIOD = "2024-09"
# code: (potential, active). Sarolangun ~112.000 workers, 43% covered (FACTS.md §9);
# the neighbours are made-up test figures.
JAMBI = {
    "15.03": (112_000, 48_160),
    "15.04": (200_000, 100_000),  # 50%
    "15.05": (150_000, 45_000),  # 30%
    "15.71": (300_000, 210_000),  # 70%
    # The rest of Jambi at 20%: ranks compare a province whose month is complete.
    **{c: (100_000, 20_000) for c in ("15.01", "15.02", "15.06", "15.07", "15.08", "15.09")},
    "15.72": (100_000, 20_000),
}


def jambi_figures() -> None:
    for code, (potential, active) in JAMBI.items():
        PotentialWorkers.objects.create(
            region=region(code), year=2024, total=potential, source="uji", is_sample=True
        )
        Participation.objects.create(
            region=region(code),
            period=month(PERIOD),
            segment="BPU",
            program="",
            count=active,
            source="uji",
            is_sample=True,
        )
