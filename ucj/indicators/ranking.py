"""Ranks: kab/kota within their province and nationally, provinces nationally.

Ranks are on the coverage % as shown (2 decimals), so regions that look tied share a
rank ("1, 2, 2, 4"). Rank change compares with the region's previous month with data.
"""

from __future__ import annotations

import polars as pl

from ucj.regions.models import KABKOTA, Level


def add_ranks(frame: pl.DataFrame) -> pl.DataFrame:
    score = -pl.col("coverage_pct")
    is_kab = pl.col("level").is_in(list(KABKOTA))
    is_prov = pl.col("level") == Level.PROVINCE
    frame = frame.with_columns(
        pl.when(is_kab).then(pl.lit("kab")).when(is_prov).then(pl.lit("prov")).alias("_grp")
    )
    frame = frame.with_columns(
        pl.when(is_kab)
        .then(score.rank("min").over("period", "_grp", "province_code"))
        .cast(pl.Int64)
        .alias("rank_in_province"),
        pl.when(is_kab | is_prov)
        .then(score.rank("min").over("period", "_grp"))
        .cast(pl.Int64)
        .alias("rank_national"),
    )
    # The rank a change is told against: within the province for kab/kota, else national.
    frame = frame.with_columns(
        pl.when(is_kab)
        .then(pl.col("rank_in_province"))
        .otherwise(pl.col("rank_national"))
        .alias("_rank")
    ).sort("code", "period")
    frame = frame.with_columns(
        pl.col("_rank").shift(1).over("code").alias("rank_previous"),
        pl.col("period").shift(1).over("code").alias("rank_previous_period"),
        pl.col("rank_national").shift(1).over("code").alias("_rank_nat_prev"),
    )
    return frame.with_columns(
        (pl.col("rank_previous") - pl.col("_rank")).alias("rank_change"),
        (pl.col("_rank_nat_prev") - pl.col("rank_national")).alias("rank_change_national"),
    ).drop("_grp", "_rank", "_rank_nat_prev")
