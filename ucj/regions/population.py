"""The 2025 population of every province and kab/kota (Kemendagri, shipped with the product).

Read from the package's data folder (data/population_2025.csv, provenance in
data/POPULATION.md), once per process. It is a yardstick for potential workers, never a
denominator: a potential above a configurable share of the population (default 75%) or
below 20% of it is implausible.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

from django.conf import settings

SOURCE = "Kemendagri, penduduk 2025 (Kepmendagri 300.2.2-2138/2025)"
SOURCE_EN = "Kemendagri, 2025 population (Kepmendagri 300.2.2-2138/2025)"
NATION_CODE = "ID"


@cache
def population() -> dict[str, int]:
    """Code → total population; 'ID' is the sum of the provinces."""
    text = resources.files("ucj.regions").joinpath("data", "population_2025.csv")
    rows = list(csv.DictReader(text.read_text(encoding="utf-8").splitlines()))
    out = {r["code"]: int(r["total"]) for r in rows}
    out[NATION_CODE] = sum(int(r["total"]) for r in rows if r["level"] == "province")
    return out


def bounds() -> tuple[float, float]:
    """(lowest, highest) plausible share of the population, as fractions."""
    return (
        float(settings.UCJ_POTENTIAL_MIN_POPULATION_PCT) / 100,
        float(settings.UCJ_POTENTIAL_MAX_POPULATION_PCT) / 100,
    )


def potential_plausible(code: str, potential: int | None) -> bool:
    """False only when both are known and the potential is outside the plausible share."""
    people = population().get(code)
    if potential is None or not people:
        return True
    low, high = bounds()
    return low * people <= potential <= high * people
