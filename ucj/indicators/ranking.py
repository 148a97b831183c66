"""Ranks: kab/kota within their province and nationally, provinces nationally.

Ranks are on the computed coverage % as shown (2 decimals), so regions that look tied
share a rank ("1, 2, 2, 4"). Only comparable regions are ranked: those with a computed
figure in the month (a province only when its month is complete), and only when they
are at least UCJ_MIN_REPORTING_PCT of the set (a province's kab/kota, all kab/kota, all
provinces); otherwise the rank is null. `rank_*_of` says how many were ranked. Rank
change compares with the region's previous month with a computed figure, and only when
both months have a rank.
"""

from __future__ import annotations

import polars as pl

from ucj.regions.models import KABKOTA, Level


def _ranked(
    score: pl.Expr, eligible: pl.Expr, over: list[str], total: pl.Expr, pct: float
) -> tuple[pl.Expr, pl.Expr]:
    """(rank, how many ranked) among the eligible rows of each group; null below pct."""
    n = eligible.sum().over(over).cast(pl.Int64)
    ok = eligible & (n > 0) & (n.cast(pl.Float64) * 100 >= total.cast(pl.Float64) * pct - 1e-9)
    rank = pl.when(ok).then(score.rank("min").over(over).cast(pl.Int64))
    return rank, pl.when(ok).then(n)


def add_ranks(frame: pl.DataFrame, min_pct: float) -> pl.DataFrame:
    is_kab = pl.col("level").is_in(list(KABKOTA))
    is_prov = pl.col("level") == Level.PROVINCE
    has = pl.col("coverage_pct").is_not_null()
    # Null scores (not eligible) rank last inside their group and are blanked after.
    frame = frame.with_columns(
        pl.when(is_kab & has)
        .then(pl.lit("kab"))
        .when(is_prov & has & pl.col("complete").fill_null(False))
        .then(pl.lit("prov"))
        .alias("_grp"),
        pl.when(is_kab)
        .then(pl.col("province_code"))
        .otherwise(pl.lit(None, pl.Utf8))
        .alias("_prov"),
    )
    prov_kab_total = (
        frame.filter(is_prov)
        .group_by(pl.col("code").alias("_prov"))
        .agg(pl.col("parts_total").max().cast(pl.Int64).alias("_kab_total"))
    )
    frame = frame.join(prov_kab_total, on="_prov", how="left")
    score = -pl.col("coverage_pct")
    in_prov, in_prov_of = _ranked(
        score,
        pl.col("_grp") == "kab",
        ["period", "_grp", "_prov"],
        pl.col("_kab_total"),
        min_pct,
    )
    kab_nat, kab_nat_of = _ranked(
        score, pl.col("_grp") == "kab", ["period", "_grp"], pl.col("kab_all"), min_pct
    )
    prov_nat, prov_nat_of = _ranked(
        score, pl.col("_grp") == "prov", ["period", "_grp"], pl.col("prov_all"), min_pct
    )
    frame = frame.with_columns(
        in_prov.alias("rank_in_province"),
        in_prov_of.alias("rank_in_province_of"),
        pl.when(is_kab).then(kab_nat).otherwise(prov_nat).alias("rank_national"),
        pl.when(is_kab).then(kab_nat_of).otherwise(prov_nat_of).alias("rank_national_of"),
    )
    # The rank a change is told against: within the province for kab/kota, else national.
    frame = frame.with_columns(
        pl.when(is_kab)
        .then(pl.col("rank_in_province"))
        .otherwise(pl.col("rank_national"))
        .alias("_rank")
    )
    # Previous month with a computed figure (months with only a reported figure are
    # skipped); its rank may be null, and then there is no change to tell.
    computed = frame.filter(has).sort("code", "period")
    computed = computed.select(
        "code",
        "period",
        pl.col("_rank").shift(1).over("code").alias("rank_previous"),
        pl.col("period").shift(1).over("code").alias("rank_previous_period"),
        pl.col("rank_national").shift(1).over("code").alias("_rank_nat_prev"),
    )
    frame = frame.join(computed, on=["code", "period"], how="left").sort("code", "period")
    return frame.with_columns(
        (pl.col("rank_previous") - pl.col("_rank")).alias("rank_change"),
        (pl.col("_rank_nat_prev") - pl.col("rank_national")).alias("rank_change_national"),
    ).drop("_grp", "_prov", "_kab_total", "_rank", "_rank_nat_prev")
