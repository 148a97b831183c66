"""Potential workers for the coverage frame: one row per region and wanted year, taken
from that year's figure, else the latest earlier one, else the earliest later one (a
potential is published yearly and late; the month's coverage still needs a denominator).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import polars as pl

from ucj.indicators.models import PotentialWorkers


def _pick_year(years: list[int], want: int) -> int:
    """The figure for a year, else the latest earlier one, else the earliest later one."""
    earlier = [y for y in years if y <= want]
    return max(earlier) if earlier else min(years)


def potentials_by_year(years: Iterable[int], provinces: set[str] | None) -> pl.DataFrame:
    qs = PotentialWorkers.objects.all()
    if provinces is not None:
        qs = qs.filter(region__province_code__in=provinces)
    by_region: dict[int, dict[int, dict[str, Any]]] = {}
    for row in qs.values(
        "region_id",
        "year",
        "total",
        "formal",
        "informal",
        "basis",
        "source",
        "source_url",
        "as_of",
        "is_sample",
    ):
        by_region.setdefault(row["region_id"], {})[row["year"]] = row
    out = []
    for region_id, rows in by_region.items():
        for year in years:
            row = rows[_pick_year(list(rows), year)]
            out.append(
                (
                    region_id,
                    year,
                    row["total"],
                    row["formal"],
                    row["informal"],
                    row["basis"],
                    row["year"],
                    row["source"],
                    row["source_url"],
                    row["as_of"],
                    row["is_sample"],
                )
            )
    return pl.DataFrame(
        out,
        schema={
            "region_id": pl.Int64,
            "year": pl.Int32,
            "potential": pl.Int64,
            "potential_formal": pl.Int64,
            "potential_informal": pl.Int64,
            "basis": pl.Utf8,
            "potential_year": pl.Int32,
            "pot_source": pl.Utf8,
            "pot_url": pl.Utf8,
            "pot_as_of": pl.Date,
            "pot_sample": pl.Boolean,
        },
        orient="row",
    )
