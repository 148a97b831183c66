"""What a file will change, shown before it is confirmed: coverage per region and month,
before → after.

The dry run writes inside a transaction that is rolled back (`storing.store`); this
module asks the coverage engine (`indicators.coverage.compute`, set-based over the
whole frame) once before the write and once after it, in that same transaction, for
the months and provinces the file touches, and keeps the rows of the regions the file
names and of their provinces. Two engine runs per preview, never one query per row.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

import polars as pl

from ucj.indicators import coverage, data_months, frame
from ucj.regions.models import Region

# Kinds whose rows move a coverage figure (numerator, denominator, target or category).
KINDS = frozenset({"participants", "potential", "targets", "reported"})
MAX_ROWS = 500  # shown on the page; the rest is counted
COLUMNS = ("code", "period", "coverage_pct", "persons", "potential", "category")


def scope(
    kind_name: str, batches: Callable[[], Iterator[pl.DataFrame]]
) -> tuple[set[str], list[dt.date]] | None:
    """(region codes, months) the file touches, or None when it moves no coverage.
    `batches()` yields the checked rows (streamed imports: batch by batch)."""
    if kind_name not in KINDS:
        return None
    parts = [
        b.select([c for c in ("region_id", "period", "year") if c in b.columns]) for b in batches()
    ]
    clean = pl.concat(parts, how="diagonal_relaxed") if parts else pl.DataFrame()
    if "region_id" not in clean.columns or clean.height == 0:
        return None
    clean = clean.unique()
    ids = clean["region_id"].drop_nulls().unique().to_list()
    codes = set(Region.objects.filter(pk__in=ids).values_list("code", flat=True))
    if "period" in clean.columns:
        periods = sorted({frame.month(p) for p in clean["period"].drop_nulls().unique()})
    elif "year" in clean.columns:
        years = set(clean["year"].drop_nulls().unique().to_list())
        periods = [p for p in data_months.distinct_periods() if p.year in years]
    else:
        periods = []
    return (codes, periods) if codes and periods else None


def snapshot(codes: set[str], periods: list[dt.date]) -> pl.DataFrame:
    """Coverage of the touched regions and their provinces, for the touched months."""
    provinces = {c[:2] for c in codes}
    wanted = sorted(codes | provinces)
    df = coverage.compute(periods, provinces, ranks=False)
    return df.filter(pl.col("code").is_in(wanted)).select([c for c in COLUMNS if c in df.columns])


def compare(before: pl.DataFrame, after: pl.DataFrame) -> dict[str, Any]:
    """Rows whose coverage, participants, potential or category change, as JSON-ready dicts."""
    keys = ["code", "period"]
    joined = after.join(before, on=keys, how="full", suffix="_before", coalesce=True)
    values = [c for c in COLUMNS if c not in keys]
    changed = pl.any_horizontal(
        [pl.col(c).ne_missing(pl.col(f"{c}_before")) for c in values if c in after.columns]
    )
    rows = joined.filter(changed).sort(keys)
    names = dict(
        Region.objects.filter(code__in=rows["code"].unique().to_list()).values_list("code", "name")
    )
    out = []
    for row in rows.head(MAX_ROWS).iter_rows(named=True):
        out.append(
            {
                "code": row["code"],
                "name": names.get(row["code"], row["code"]),
                "period": f"{row['period']:%Y-%m}",
                "before_pct": row.get("coverage_pct_before"),
                "after_pct": row.get("coverage_pct"),
                "before_persons": row.get("persons_before"),
                "after_persons": row.get("persons"),
                "before_category": row.get("category_before"),
                "after_category": row.get("category"),
            }
        )
    return {"rows": out, "total": rows.height}
