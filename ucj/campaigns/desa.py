"""A file's `desa` column: a desa/kelurahan code or name, resolved inside the row's
`wilayah` (kab/kota or kecamatan). Desa names repeat across the country, so they are
never resolved nationally (the region resolver leaves villages out); the villages of the
kab/kota involved are loaded first (`regions.villages.ensure_villages`). Each distinct
(text, area) is resolved once, whatever the number of rows."""

from __future__ import annotations

import polars as pl

from ucj.regions.villages import resolve_within

SCHEMA = {
    "desa_id": pl.Int64,
    "desa_code": pl.String,
    "err_id": pl.String,
    "err_en": pl.String,
    "warn_id": pl.String,  # a retired desa code or name read as its successor
    "warn_en": pl.String,
}


def resolve(frame: pl.DataFrame, column: str = "desa", area: str = "wilayah") -> pl.DataFrame:
    """desa_id, desa_code, err_id, err_en for each row of `frame`: its `column` text
    inside its `area` (the region code the pipeline resolved the `wilayah` cell to), by
    the region master's one resolver (`regions.villages.resolve_within`, as rosters)."""
    if frame.height == 0:
        return pl.DataFrame(schema=SCHEMA)
    pairs = frame.select(
        pl.col(column).cast(pl.String).fill_null("").alias("_text"),
        pl.col(area).cast(pl.String).fill_null("").alias("_area"),
    )
    distinct = pairs.unique()
    found = resolve_within(distinct.iter_rows())
    rows = [
        (f.region_id, f.code, f.error_id, f.error_en, f.warning_id, f.warning_en)
        for f in (found[key] for key in distinct.iter_rows())
    ]
    table = pl.concat([distinct, pl.DataFrame(rows, schema=SCHEMA, orient="row")], how="horizontal")
    return pairs.join(table, on=["_text", "_area"], how="left", maintain_order="left").select(
        list(SCHEMA)
    )
