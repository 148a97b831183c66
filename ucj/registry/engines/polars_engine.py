"""The default engine: Polars in this process (one machine). Reconciliation is
`reconcile.run`, unchanged; list statistics one streaming group-by."""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from ucj.registry.engines.base import STATS_KEYS, Members, stats_frame
from ucj.registry.models import PROGRAMS
from ucj.registry.reconcile import Outcome, run


class PolarsEngine:
    name = "polars"
    in_process = True

    def reconcile(
        self,
        roster: pl.DataFrame | pl.LazyFrame,
        membership: Members,
        key: str,
        parse: Callable[[pl.LazyFrame], pl.LazyFrame] | None = None,
        fallback: pl.LazyFrame | None = None,
    ) -> tuple[Outcome, pl.DataFrame]:
        return run(roster, membership.frame, key, parse, fallback, membership.narrowed)

    def list_stats(self, members: Members) -> pl.DataFrame:
        rows = members.frame.group_by(STATS_KEYS).agg(
            pl.len().alias("rows"),
            pl.col("nik_hash").drop_nulls().n_unique().alias("persons"),
            *[pl.col(p.lower()).sum().alias(p) for p in PROGRAMS],
        )
        return stats_frame(rows.collect(engine="streaming"))
