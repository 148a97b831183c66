"""Reported coverage: what a source stated for a region and month, kept beside ours."""

from __future__ import annotations

import datetime as dt

import polars as pl
from django.db.models import F

from ucj.indicators.frame import month
from ucj.indicators.models import ReportedCoverage


def reported(periods: list[dt.date] | None) -> pl.DataFrame:
    """The latest reported figure per region and month (by as-of date); every month when
    periods is None. Current regions only (a retired code's figure has no row to join)."""
    qs = ReportedCoverage.objects.filter(region__valid_to__isnull=True)
    if periods is not None:
        qs = qs.filter(period__in=periods)
    rows = list(
        qs.order_by("region_id", "period", F("as_of").desc(nulls_last=True), "-id").values_list(
            "region__code",
            "period",
            "pct",
            "formal_pct",
            "informal_pct",
            "category_label",
            "source",
            "source_url",
            "as_of",
            "is_sample",
        )
    )
    seen: set[tuple[str, dt.date]] = set()
    out = []
    for r in rows:
        key = (r[0], month(r[1]))
        if key in seen:
            continue
        seen.add(key)
        pcts = [None if v is None else float(v) for v in r[2:5]]
        out.append((r[0], key[1], *pcts, r[5] or None, *r[6:]))
    return pl.DataFrame(
        out,
        schema={
            "code": pl.Utf8,
            "period": pl.Date,
            "reported_pct": pl.Float64,
            "reported_formal_pct": pl.Float64,
            "reported_informal_pct": pl.Float64,
            "reported_category": pl.Utf8,
            "rep_source": pl.Utf8,
            "rep_url": pl.Utf8,
            "rep_as_of": pl.Date,
            "rep_sample": pl.Boolean,
        },
        orient="row",
    )
