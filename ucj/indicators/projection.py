"""Projection: when the target is reached at the current pace, and what it takes.

The pace is the least-squares slope of active participants over the months in the
window (at least 3 points). "Not at the current pace" is a null reach_period. Status:
`met` (already at or above the target), `on_pace` (reached by the deadline, December of
the target's year), `behind` (reached, but after the deadline), `not_at_current_pace`,
`too_few_points`, `no_target`.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import polars as pl

MIN_POINTS = 3
HORIZON_MONTHS = 12 * 30  # beyond this the answer is "not at the current pace"


def month_index(value: dt.date) -> int:
    return value.year * 12 + value.month - 1


def from_index(index: int) -> dt.date:
    return dt.date(index // 12, index % 12 + 1, 1)


def paces(frame: pl.DataFrame) -> pl.DataFrame:
    """Per region: points and least-squares slope (participants per month)."""
    t = (pl.col("period").dt.year().cast(pl.Int64) * 12 + pl.col("period").dt.month()).cast(
        pl.Float64
    )
    data = frame.filter(pl.col("persons").is_not_null()).with_columns(
        t.alias("_t"), pl.col("persons").cast(pl.Float64).alias("_y")
    )
    agg = data.group_by("code").agg(
        pl.len().alias("points"),
        ((pl.col("_t") - pl.col("_t").mean()) * (pl.col("_y") - pl.col("_y").mean()))
        .sum()
        .alias("_sxy"),
        ((pl.col("_t") - pl.col("_t").mean()) ** 2).sum().alias("_sxx"),
    )
    return agg.with_columns(
        pl.when(pl.col("_sxx") > 0)
        .then(pl.col("_sxy") / pl.col("_sxx"))
        .otherwise(None)
        .alias("pace_per_month")
    ).select("code", "points", "pace_per_month")


def project(
    period: dt.date,
    active: int | None,
    target_workers: int | None,
    target_year: int | None,
    points: int | None,
    pace: float | None,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "reach_period": None,
        "monthly_needed": None,
        "status": "no_target",
        "pace_per_month": None if pace is None else round(pace, 1),
        "points": points or 0,
        "deadline": None,
    }
    if active is None or target_workers is None:
        return out
    gap = max(0, target_workers - active)
    deadline_year = max(target_year or period.year, period.year)
    months_left = max(1, month_index(dt.date(deadline_year, 12, 1)) - month_index(period))
    out["deadline"] = f"{deadline_year}-12"
    out["monthly_needed"] = math.ceil(gap / months_left)
    if gap == 0:  # already there: met, whatever the pace
        out.update(status="met", reach_period=period.strftime("%Y-%m"))
        return out
    if (points or 0) < MIN_POINTS or pace is None:
        out["status"] = "too_few_points"
        return out
    months = math.ceil(gap / pace) if pace > 0 else None
    if months is None or months > HORIZON_MONTHS:
        out["status"] = "not_at_current_pace"
        return out
    reach = month_index(period) + months
    # Reaching it after the deadline is not being on pace: the target is missed.
    late = reach > month_index(dt.date(deadline_year, 12, 1))
    out.update(
        status="behind" if late else "on_pace", reach_period=from_index(reach).strftime("%Y-%m")
    )
    return out
