"""From checked cells to model fields: each column's attname, the kind's derived fields,
provenance (`source`, `as_of`, `is_sample`) and field defaults for empty optional cells,
so the writer stores what the model expects and nothing else."""

from __future__ import annotations

import polars as pl

from ucj.intake.kinds import Kind
from ucj.intake.writer import attname


def with_fields(clean: pl.DataFrame, kind: Kind, source: str, is_sample: bool) -> pl.DataFrame:
    """Model attnames from the parsed columns, derived fields and provenance."""
    exprs = []
    for col in kind.columns:
        if col.field and col.parser != "region":
            value = pl.col(col.name)
            if col.default is not None:
                value = value.fill_null(pl.lit(col.default))
            exprs.append(value.alias(attname(kind.model, col.field)))
    out = clean.with_columns(exprs)
    if kind.derive:
        out = kind.derive(out)
    fields = {f.name for f in kind.model._meta.concrete_fields}
    if "source" in fields:  # the row's own source, else --source
        given = pl.lit(source or None, pl.Utf8)
        for name in ("source", kind.source_column):
            if name and name in out.columns:
                given = pl.col(name).fill_null(given)
                break
        out = out.with_columns(given.fill_null("").alias("source"))
    if "as_of" in fields and kind.as_of_column and "as_of" not in out.columns:
        out = out.with_columns(pl.col(kind.as_of_column).alias("as_of"))
    if "is_sample" in fields:
        out = out.with_columns(pl.lit(is_sample).alias("is_sample"))
    # An empty optional cell stores the field's default ('' for text), never NULL in a
    # NOT NULL column.
    fills = []
    for f in kind.model._meta.concrete_fields:
        if f.attname in out.columns and not f.null and f.get_default() is not None:
            fills.append(pl.col(f.attname).fill_null(pl.lit(f.get_default())))
    out = out.with_columns(fills)

    keep = {f.attname for f in kind.model._meta.concrete_fields} - {"id", "batch_id"}
    return out.select(
        "_row",
        *[c for c in out.columns if c.startswith("_raw.")],
        *[c for c in out.columns if c in keep or c in {col.name for col in kind.columns}],
    )
