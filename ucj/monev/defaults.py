"""Defaults every database gets at `ucj init`: the published national Jakon figure and
the obstacle types of monev findings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ucj.monev.dimensions import ensure_obstacles
from ucj.monev.records import JakonProjects

# FACTS.md §3.4: Ditjen Keuda + BPJS TK, TA 2025, as of end June 2025. The source writes
# "31 Juni 2025", a date that does not exist; 30 June is stored and the note says why.
NATIONAL_JAKON_2025 = {
    "year": 2025,
    "projects": 60_656,
    "registered": 7_455,
    "reported_pct": Decimal("12.29"),
    "as_of": dt.date(2025, 6, 30),
    "source": (
        "Ditjen Bina Keuda Kemendagri & BPJS Ketenagakerjaan, monev Jakon proyek APBD "
        "TA 2025 (nusantarainfo.com; risks.id; tribunnews.com, 28 Jul 2025); "
        "sumber menulis '31 Juni 2025'"
    ),
    "is_sample": False,
}


def ensure_defaults() -> None:
    data: dict[str, Any] = dict(NATIONAL_JAKON_2025)
    year = data.pop("year")
    if not JakonProjects.objects.filter(region__isnull=True, year=year).exists():
        JakonProjects.objects.create(region=None, year=year, **data)
    ensure_obstacles()
