"""Set-based writes: compare a file's rows with what is stored, insert, update, log changes.

No per-row ORM: the stored rows are read with one query per file, compared in Polars,
new rows go in with executemany (SQLite) or COPY (PostgreSQL), changed rows are updated
with one executemany, and every changed value gets a ChangeRecord (before/after).
Everything runs inside the caller's transaction: the whole file or nothing.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

import polars as pl
from django.db import connection, models

from ucj.audit.models import ChangeRecord
from ucj.intake.bulk import relaxed_for_bulk
from ucj.intake.kinds import Kind
from ucj.intake.models import ImportBatch
from ucj.regions.models import Region

CHUNK = 100_000
PROVENANCE = ("source", "as_of", "batch", "is_sample")


@dataclass
class WriteResult:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    # A dry run's coverage before → after per region and month (indicators/coverage_change.py)
    coverage_change: dict[str, Any] | None = None


@dataclass
class WriteJob:
    """What a writer gets: the clean rows (model attnames as columns) and the batch."""

    kind: Kind
    frame: pl.DataFrame
    batch: ImportBatch
    progress: Callable[[int], None] = field(default=lambda n: None)
    # A kind with `whole_file` is written batch by batch: `whole` holds those columns
    # for every row of the file, `state` what one batch leaves for the next (e.g. the
    # roster row the entries belong to). None / empty for kinds written in one go.
    whole: pl.DataFrame | None = None
    state: dict[str, Any] = field(default_factory=dict)

    @property
    def model(self) -> type[models.Model]:
        return self.kind.model

    def record_changes(self, changes: pl.DataFrame) -> None:
        """changes: object_id, key, field, before, after, before_batch_id (texts/ints)."""
        if changes.height == 0:
            return
        frame = changes.with_columns(
            pl.lit(self.batch.pk).alias("batch_id"),
            pl.lit(self.model._meta.label).alias("model"),
        )
        insert_frame(ChangeRecord, frame)


def attname(model: type[models.Model], name: str) -> str:
    return model._meta.get_field(name).attname  # type: ignore[union-attr]


def _concrete(model: type[models.Model]) -> list[Any]:
    return [f for f in model._meta.concrete_fields if not f.primary_key]


def canonical(expr: pl.Expr, f: Any) -> pl.Expr:
    """One text form per value, the same for what a file says and what a database returns."""
    if isinstance(f, models.DateField):
        return expr.cast(pl.Utf8).str.slice(0, 10)
    if isinstance(f, models.DecimalField):
        return expr.cast(pl.Float64).round(f.decimal_places).cast(pl.Utf8)
    if isinstance(f, models.BooleanField):
        return expr.cast(pl.Int8).cast(pl.Utf8)
    if isinstance(f, models.IntegerField | models.ForeignKey | models.BigIntegerField):
        return expr.cast(pl.Int64).cast(pl.Utf8)
    return expr.cast(pl.Utf8)


def _db_ready(frame: pl.DataFrame, model: type[models.Model]) -> pl.DataFrame:
    """Columns as the driver wants them: SQLite gets ISO dates and 0/1."""
    if connection.vendor != "sqlite":
        return frame
    exprs = []
    for name, dtype in frame.schema.items():
        if dtype == pl.Date:
            exprs.append(pl.col(name).dt.strftime("%Y-%m-%d"))
        elif dtype == pl.Boolean:
            exprs.append(pl.col(name).cast(pl.Int8))
    return frame.with_columns(exprs) if exprs else frame


def _literal(value: Any) -> str:
    """A constant as SQL text: only values this module produced (int, float, str, None)."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float):
        return repr(value)
    return "'" + str(value).replace("'", "''") + "'"


def _sqlite_insert(raw: Any, table: str, fields: list[Any], chunk: pl.DataFrame) -> None:
    """executemany, with the columns that hold one value for the whole chunk (source,
    batch, as-of date…) written into the statement: fewer parameters to bind per row."""
    constant = {
        name for name, n in chunk.select(pl.all().n_unique()).row(0, named=True).items() if n == 1
    }
    values = []
    for f in fields:
        if f.attname in constant:
            values.append(_literal(chunk.get_column(f.attname)[0]))
        else:
            values.append("?")
    varying = [f.attname for f in fields if f.attname not in constant]
    cols = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    one = f"({', '.join(values)})"
    head = f"INSERT INTO {table} ({cols}) VALUES "
    if not varying:
        raw.executemany(head + one, [()] * chunk.height)
        return
    # Many rows per statement: SQLite then steps once per ~200 rows instead of once per
    # row (about 3× faster); at most 999 parameters, the oldest SQLite limit.
    per = max(1, min(200, 999 // len(varying)))
    width = per * len(varying)
    columns = [chunk.get_column(c).to_list() for c in varying]
    flat = list(chain.from_iterable(zip(*columns, strict=True)))
    full = len(flat) // width
    if full:
        raw.executemany(
            head + ", ".join([one] * per), (flat[i * width : (i + 1) * width] for i in range(full))
        )
    rest = flat[full * width :]
    if rest:
        raw.execute(head + ", ".join([one] * (len(rest) // len(varying))), rest)


def insert_frame(
    model: type[models.Model], frame: pl.DataFrame, progress: Callable[[int], None] | None = None
) -> int:
    """Insert the rows of `frame` (columns = attnames); missing columns get field defaults."""
    if frame.height == 0:
        return 0
    fields = _concrete(model)
    extra = []
    for f in fields:
        if f.attname not in frame.columns:
            default = f.get_default() if f.has_default() or not f.null else None
            if default is None and not f.null:
                default = "" if isinstance(f, models.CharField | models.TextField) else None
            extra.append(pl.lit(default).alias(f.attname))
    frame = frame.with_columns(extra).select([f.attname for f in fields])
    frame = _db_ready(frame, model)
    table = connection.ops.quote_name(model._meta.db_table)
    cols = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    with connection.cursor() as cursor, relaxed_for_bulk(model, frame.height):
        raw = cursor.cursor
        for start in range(0, frame.height, CHUNK):
            chunk = frame.slice(start, CHUNK)
            if connection.vendor == "postgresql":
                buf = io.BytesIO()
                chunk.write_csv(buf, include_header=False, quote_style="non_numeric", null_value="")
                with raw.copy(f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv)") as copy:
                    copy.write(buf.getvalue())
            else:
                _sqlite_insert(raw, table, fields, chunk)
            if progress:
                progress(chunk.height)
    return frame.height


def _existing(job: WriteJob, key: list[str], compared: list[str]) -> pl.DataFrame:
    """Stored rows that may share a key with the file: one query, no model instances."""
    where = {}
    for k in key:
        where[k] = job.frame.get_column(k).unique().drop_nulls().to_list()
    return fetch_frame(job.model, ["id", *key, *compared, "batch_id"], where)


# More values than this go to the database as one array parameter. A batch's key values
# were once left out of the query past 1,000 (a roster's NIK hashes): every batch then
# read every stored row of the list, the rows of its own earlier batches included (a
# million-row roster: 200 s and 1.2 GB; issue 14's memory budget).
IN_LIST = 1000


def fetch_frame(
    model: type[models.Model], names: list[str], where: dict[str, list[Any]]
) -> pl.DataFrame:
    """Rows of `model` as a typed Polars frame, filtered by `attname IN values`.

    Raw SQL on purpose: Django's per-value converters (SQLite dates) cost more than the
    query for a million rows; on SQLite the expressions below carry no declared type,
    so the driver hands the text over untouched and Polars parses it in bulk."""
    field_of: dict[str, Any] = {f.attname: f for f in model._meta.concrete_fields}
    q = connection.ops.quote_name
    sqlite = connection.vendor == "sqlite"
    select = []
    for n in names:
        f = field_of[n]
        col = q(f.column)
        if sqlite and isinstance(f, models.DateField | models.DecimalField | models.BooleanField):
            col = f"({col} || '')" if isinstance(f, models.DateField) else f"({col} + 0)"
        select.append(col)
    sql = f"SELECT {', '.join(select)} FROM {q(model._meta.db_table)}"
    params: list[Any] = []
    conds = []
    for n, values in where.items():
        if not values:
            return pl.DataFrame(schema={n: _dtype(field_of[n]) for n in names})
        f = field_of[n]
        prepped = [f.get_db_prep_value(v, connection) for v in values]
        if len(prepped) <= IN_LIST:
            conds.append(f"{q(f.column)} IN ({', '.join(['%s'] * len(values))})")
            params.extend(prepped)
        elif connection.vendor == "postgresql":
            conds.append(f"{q(f.column)} = ANY(%s)")
            params.append(prepped)
        else:  # one JSON array, not tens of thousands of parameters
            conds.append(f"{q(f.column)} IN (SELECT value FROM json_each(%s))")
            params.append(json.dumps(prepped, default=str))
    if conds:
        sql += " WHERE " + " AND ".join(conds)
    with connection.cursor() as cursor:
        # The driver's cursor: with DEBUG on, Django's keeps every query's text with its
        # parameters, here up to megabytes of key values per batch (a million-row
        # roster: +80 MB by the end of the import; issue 14's memory budget).
        cursor.cursor.execute(sql, params)
        rows = cursor.fetchall()
    # Rows straight into a frame of fixed types (Polars walks the tuples in Rust: 0.4 s
    # less per million rows than transposing them in Python); SQLite's text dates and
    # 0/1 booleans are converted afterwards, in bulk.
    transport: dict[str, Any] = {}
    converted = []
    for n in names:
        f = field_of[n]
        if sqlite and isinstance(f, models.DateField):
            transport[n] = pl.Utf8
            converted.append(pl.col(n).str.to_date("%Y-%m-%d", strict=False))
        elif sqlite and isinstance(f, models.BooleanField):
            transport[n] = pl.Int64
            converted.append(pl.col(n).cast(pl.Boolean))
        else:
            transport[n] = _dtype(f)
    frame = pl.DataFrame(rows, schema=transport, orient="row", strict=False)
    return frame.with_columns(converted) if converted else frame


def _dtype(f: Any) -> Any:
    """The Polars type a database value of this field arrives in (dates: text on SQLite)."""
    if f is None or isinstance(f, models.IntegerField | models.ForeignKey):
        return pl.Int64
    if isinstance(f, models.DateField):
        return pl.Date
    if isinstance(f, models.DecimalField | models.FloatField):
        return pl.Float64
    if isinstance(f, models.BooleanField):
        return pl.Boolean
    return pl.Utf8


def upsert(job: WriteJob) -> WriteResult:
    """The generic writer: insert new keys, update changed values, log before/after."""
    model = job.model
    key = [attname(model, k) for k in job.kind.key]
    written = [c for c in job.frame.columns if not c.startswith("_") and c != "batch_id"]
    compared = [c for c in written if c not in key]
    field_of = {f.attname: f for f in _concrete(model)}
    existing = _existing(job, key, compared)
    incoming = job.frame.with_row_index("_i").with_columns(
        [canonical(pl.col(c), field_of[c]).alias(f"_k.{c}") for c in key]
    )
    if existing.height:
        old = existing.with_columns(
            [canonical(pl.col(c), field_of[c]).alias(f"_k.{c}") for c in key]
        ).select(
            pl.col("id").alias("_id"),
            pl.col("batch_id").alias("_old_batch"),
            *[pl.col(f"_k.{c}") for c in key],
            *[canonical(pl.col(c), field_of[c]).alias(f"_old.{c}") for c in compared],
        )
        joined = incoming.join(old, on=[f"_k.{c}" for c in key], how="left", nulls_equal=True)
    else:
        joined = incoming.with_columns(
            pl.lit(None, pl.Int64).alias("_id"), pl.lit(None, pl.Int64).alias("_old_batch")
        )
    new = joined.filter(pl.col("_id").is_null())
    found = joined.filter(pl.col("_id").is_not_null())
    result = WriteResult(inserted=new.height)
    if found.height:
        diffs = [
            ~canonical(pl.col(c), field_of[c]).eq_missing(pl.col(f"_old.{c}")) for c in compared
        ]
        changed = found.filter(pl.any_horizontal(diffs)) if diffs else found.clear()
        result.updated = changed.height
        result.unchanged = found.height - changed.height
        if changed.height:
            _update(job, changed, compared, key, field_of)
    insert_frame(
        model,
        # In key order: the unique index then grows at its end instead of everywhere.
        new.select(written).sort(key).with_columns(pl.lit(job.batch.pk).alias("batch_id")),
        job.progress,
    )
    job.progress(result.updated + result.unchanged)
    return result


def _update(
    job: WriteJob, changed: pl.DataFrame, compared: list[str], key: list[str], field_of: dict
) -> None:
    model = job.model
    label = " ".join("{}" for _ in key)
    parts = [pl.col(f"_k.{k}").fill_null("") for k in key]
    if "region_id" in key:  # the key as a user reads it: the region's code, not its id
        ids = changed.get_column("_k.region_id").unique().drop_nulls().cast(pl.Int64).to_list()
        found = Region.objects.filter(pk__in=ids).values_list("pk", "code")
        codes = {str(pk): code for pk, code in found}
        where = key.index("region_id")
        parts[where] = parts[where].replace(codes)
    records = []
    for c in compared:
        after = canonical(pl.col(c), field_of[c])
        diff = changed.filter(~after.eq_missing(pl.col(f"_old.{c}")))
        if diff.height:
            records.append(
                diff.select(
                    pl.col("_id").alias("object_id"),
                    pl.format(label, *parts).alias("key"),
                    pl.lit(c).alias("field"),
                    pl.col(f"_old.{c}").alias("before"),
                    after.alias("after"),
                    pl.col("_old_batch").alias("before_batch_id"),
                )
            )
    if records:
        job.record_changes(pl.concat(records))
    table = connection.ops.quote_name(model._meta.db_table)
    mark = "%s" if connection.vendor == "postgresql" else "?"
    sets = ", ".join(
        f"{connection.ops.quote_name(field_of[c].column)} = {mark}" for c in [*compared, "batch_id"]
    )
    rows = _db_ready(
        changed.select(*compared, pl.lit(job.batch.pk).alias("batch_id"), pl.col("_id")), model
    ).rows()
    with connection.cursor() as cursor:
        cursor.cursor.executemany(f"UPDATE {table} SET {sets} WHERE id = {mark}", rows)
