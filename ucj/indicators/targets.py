"""Targets: the one each region is judged against, and the workers it means."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import polars as pl

from ucj.indicators.models import IssuerPriority, Target


def targets(years: Iterable[int]) -> pl.DataFrame:
    """The target each region is judged against per year, by issuer priority."""
    priority = dict(IssuerPriority.objects.values_list("issuer", "rank"))
    by_code: dict[str, dict[int, list[Any]]] = {}
    for t in Target.objects.values(
        "region__code",
        "year",
        "pct",
        "workers",
        "issuer",
        "document",
        "source",
        "source_url",
        "as_of",
        "is_sample",
    ):
        by_code.setdefault(t["region__code"], {}).setdefault(t["year"], []).append(t)
    out = []
    for code, per_year in by_code.items():
        for year in years:
            earlier = [y for y in per_year if y <= year]
            if not earlier:
                continue  # a later year's target does not judge an earlier month
            chosen = min(per_year[max(earlier)], key=lambda t: priority.get(t["issuer"], 99))
            pct = chosen["pct"]
            out.append(
                (
                    code,
                    year,
                    None if pct is None else float(pct),
                    chosen["workers"],
                    chosen["issuer"],
                    chosen["year"],
                    chosen["document"],
                    chosen["source"],
                    chosen["source_url"],
                    chosen["as_of"],
                    chosen["is_sample"],
                )
            )
    return pl.DataFrame(
        out,
        schema={
            "code": pl.Utf8,
            "year": pl.Int32,
            "target_pct_set": pl.Float64,
            "target_workers_set": pl.Int64,
            "target_issuer": pl.Utf8,
            "target_year": pl.Int32,
            "target_document": pl.Utf8,
            "tgt_source": pl.Utf8,
            "tgt_url": pl.Utf8,
            "tgt_as_of": pl.Date,
            "tgt_sample": pl.Boolean,
        },
        orient="row",
    )


def ceil_workers(pct: float | None, potential: int | None) -> int | None:
    """⌈pct × potential ÷ 100⌉, in integers where possible so 38.39% never rounds up twice."""
    if pct is None or potential is None:
        return None
    hundredths = round(pct * 100)
    if math.isclose(hundredths, pct * 100, abs_tol=1e-6):
        return -(-(hundredths * potential) // 10000)
    return math.ceil(pct * potential / 100)
