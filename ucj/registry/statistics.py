"""List statistics: the current stored membership lists counted per region × segment ×
status (rows, persons, each program flag), through an engine (`ucj lists stats`)."""

from __future__ import annotations

import polars as pl

from ucj.registry import engines, list_store, national
from ucj.registry.engines.base import STATS_COLUMNS, stats_frame


def list_statistics(
    region: str | None = None, engine: engines.Engine | None = None
) -> pl.DataFrame:
    """Every region's current stored list (national.current_lists), or only the rows of
    `region` (its code or a code below it). Columns: engines.base.STATS_COLUMNS."""
    lists = national.current_lists()
    if not lists:
        empty = dict.fromkeys(STATS_COLUMNS, pl.Int64)
        return stats_frame(pl.DataFrame(schema=empty))
    frames = [list_store.scan(m) for m in lists]
    frame = pl.concat(frames)
    if region:
        code = pl.col("region_code")
        frame = frame.filter((code == region) | code.str.starts_with(region + "."))
    folders = tuple(d for m in lists for d in list_store.list_dirs(m))
    members = engines.Members(frame, parquet=folders, region=region)
    return (engine or engines.get()).list_stats(members)
