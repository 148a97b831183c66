"""Is a potential (the coverage denominator) plausible against the region's population?

The 2025 population (ucj.regions.population) is the yardstick: a potential above
UCJ_POTENTIAL_MAX_POPULATION_PCT (default 75%) of everyone living there, children and
the old included, or below UCJ_POTENTIAL_MIN_POPULATION_PCT (default 20%) is more likely
a wrong figure (a typo, another region's number, a count of something else) than a fact.
An import warns (it does not refuse: a source may know better); coverage objects say it.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from ucj.lib.formats import number
from ucj.regions import population
from ucj.regions.models import Region


def warn_population(checks: Any, column: str = "potensi") -> None:
    """Warn on every row whose potential is outside the plausible share of the population."""
    f = checks.frame
    if f.height == 0 or column not in f.columns:
        return
    ids = f.get_column("region_id").drop_nulls().unique().to_list()
    people = population.population()
    rows = [
        (region_id, people[code], number(people[code]), f"{people[code]:,}")
        for region_id, code in Region.objects.filter(id__in=ids).values_list("id", "code")
        if people.get(code)
    ]
    if not rows:
        return
    table = pl.DataFrame(
        rows,
        schema={"region_id": pl.Int64, "_pop": pl.Int64, "_pop_id": pl.Utf8, "_pop_en": pl.Utf8},
        orient="row",
    )
    low, high = population.bounds()
    joined = f.join(table, on="region_id")
    share = pl.col(column).cast(pl.Float64) / pl.col("_pop")
    for rows, bound, word_id, word_en in (
        (joined.filter(share > high), high, "lebih dari", "above"),
        (joined.filter(share < low), low, "kurang dari", "below"),
    ):
        pct_id, pct_en = _pct(bound)
        checks.warn(
            rows,
            column,
            pl.format(
                f"potensi {word_id} {pct_id} jumlah penduduk 2025 ({{}} jiwa, Kemendagri)",
                "_pop_id",
            ),
            pl.format(
                f"potential is {word_en} {pct_en} of the 2025 population ({{}}, Kemendagri)",
                "_pop_en",
            ),
        )


def _pct(fraction: float) -> tuple[str, str]:
    value = round(fraction * 100, 2)
    return f"{number(value, 0 if value == int(value) else 2)}%", f"{value:g}%"


def potential_plausible(obj: dict[str, Any]) -> bool:
    """For a coverage object: False when its potential is outside the plausible share."""
    return population.potential_plausible(obj["code"], obj.get("potential_workers"))
