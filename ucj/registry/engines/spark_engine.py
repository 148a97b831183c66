"""Apache Spark (PySpark) behind the engine interface: local mode (`local[2]`) or a
cluster (`spark://host:7077`, `yarn`, `k8s://…`), Parquet in and out.

What Spark sees: Parquet files only, and no personal data but the keyed hash. A stored
list is read from its own folders under UCJ_LIST_STORE; anything else (a roster, a
membership file read by Polars) is first written as Parquet to a scratch folder under
UCJ_LIST_STORE/.engine/ (the path every app server, and so every Spark worker mounted
the same way, sees), holding only the join key (`nik_hash`), row numbers and the cells
the engine needs; the folder is removed when the job ends. Spark's answer comes back the
same way and Polars joins it onto the roster: the summary and the shares are then built
by the same code as for the Polars engine (base.py).

The keyed hash is made once, by Polars, before anything is written (`nik.nik_hash_expr`):
a raw NIK never reaches a scratch file. `hmac_sha256` is the same HMAC in Spark's own
functions (no Python per row), for a job that hashes inside the cluster; a test proves
it gives `nik.nik_hash`'s digest.
"""

from __future__ import annotations

import hashlib
import operator
import shutil
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import reduce
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.registry import files
from ucj.registry.engines.base import (
    STATS_COLUMNS,
    STATS_KEYS,
    EngineUnavailable,
    Members,
    stats_frame,
)
from ucj.registry.models import PROGRAMS, PersonStatus
from ucj.registry.reconcile import Outcome, per_roster, summarise

DEFAULT_MASTER = "local[2]"
_sessions: dict[str, Any] = {}


def session(master: str = DEFAULT_MASTER) -> Any:
    """One Spark session per process and master (starting one takes ~10 s)."""
    if master not in _sessions:
        from pyspark.sql import SparkSession

        builder = (
            SparkSession.builder.master(master)
            .appName("ucj-monev")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.session.timeZone", "UTC")
            # a file's `jht` cells sit beside the parsed `JHT` flag
            .config("spark.sql.caseSensitive", "true")
        )
        try:
            spark = builder.getOrCreate()
        except Exception as exc:  # a bad master URL, no JVM: said plainly, no traceback
            reason = str(exc).splitlines()[0][:300] if str(exc) else type(exc).__name__
            msg = _("Mesin Spark tidak dapat dimulai (%(master)s): %(reason)s")
            raise EngineUnavailable(pair(msg, master=master, reason=reason)) from exc
        spark.sparkContext.setLogLevel("ERROR")
        _sessions[master] = spark
    return _sessions[master]


def hmac_sha256(column: Any, key: str) -> Any:
    """HMAC-SHA256 of a text column (ASCII) keyed by `key`, as lower-case hex: RFC 2104
    written with Spark's sha2/unhex/concat, so it runs in the JVM. Same digest as
    `nik.nik_hash` (the key is padded, or hashed first when longer than 64 bytes)."""
    from pyspark.sql import functions as F

    raw = key.encode()
    if len(raw) > 64:
        raw = hashlib.sha256(raw).digest()
    raw = raw.ljust(64, b"\0")
    ipad = F.unhex(F.lit(bytes(b ^ 0x36 for b in raw).hex()))
    opad = F.unhex(F.lit(bytes(b ^ 0x5C for b in raw).hex()))
    # as `nik_hash`: any non-ASCII character becomes "?" (Spark's encode would refuse it)
    text = F.encode(F.regexp_replace(column, r"[^\x00-\x7F]", "?"), "US-ASCII")
    inner = F.unhex(F.sha2(F.concat(ipad, text), 256))
    return F.sha2(F.concat(opad, inner), 256)


@contextmanager
def scratch() -> Iterator[Path]:
    folder = Path(settings.UCJ_LIST_STORE) / ".engine" / uuid.uuid4().hex
    folder.mkdir(parents=True)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _stored(spark: Any, members: Members) -> Any:
    """A stored list's own Parquet folders, narrowed to `members.region`."""
    from pyspark.sql import functions as F

    rows = spark.read.parquet(*[str(d) for d in members.parquet])
    if members.region:
        code = F.col("region_code")
        rows = rows.filter((code == members.region) | code.startswith(members.region + "."))
    return rows


def _membership(spark: Any, members: Members, key: str, tmp: Path) -> Any:
    """key, active, the programs, last_paid (and a file's row and unreadable cells)."""
    from pyspark.sql import functions as F

    if members.parquet:
        return _stored(spark, members).select(
            F.col("nik_hash").alias(key),
            (F.col("status") == "aktif").alias("active"),
            *[F.col(p.lower()).alias(p) for p in PROGRAMS],
            "last_paid",
        )
    path = tmp / "members.parquet"
    members.frame.sink_parquet(path)
    return spark.read.parquet(str(path))


def _read_back(folder: Path, schema: dict[str, Any]) -> pl.DataFrame:
    found = sorted(folder.glob("*.parquet"))
    if not found:
        return pl.DataFrame(schema=schema)
    return pl.read_parquet(found).select([pl.col(c).cast(t) for c, t in schema.items()])


class SparkEngine:
    name = "spark"
    in_process = False

    def __init__(self, master: str = DEFAULT_MASTER) -> None:
        self.master = master

    def reconcile(
        self,
        roster: pl.DataFrame | pl.LazyFrame,
        membership: Members,
        key: str,
        parse: Callable[[pl.LazyFrame], pl.LazyFrame] | None = None,
        fallback: pl.LazyFrame | None = None,
    ) -> tuple[Outcome, pl.DataFrame]:
        if parse is not None or fallback is not None:
            raise ValueError("the Spark engine takes parsed rows keyed by nik_hash")
        from pyspark.sql import Window
        from pyspark.sql import functions as F

        if isinstance(roster, pl.LazyFrame):
            roster = roster.collect()
        roster = roster.sort("order")
        spark = session(self.master)
        with scratch() as tmp:
            roster.select(key, "nik_valid", "order", "label").write_parquet(tmp / "roster.parquet")
            r = spark.read.parquet(str(tmp / "roster.parquet"))
            m = _membership(spark, membership, key, tmp)
            valid = F.col("nik_valid")
            # First wins (reconcile.mark_duplicates): the first row of a key in roster order.
            r = r.withColumn("_n", F.row_number().over(Window.partitionBy(key).orderBy("order")))
            r = r.withColumn("duplicate", valid & (F.col("_n") > 1))
            first = F.when(valid & (F.col("_n") == 1), F.col("label"))
            survivor = F.first(first, ignorenulls=True).over(Window.partitionBy(key))
            r = r.withColumn("duplicate_of", F.when(F.col("duplicate"), survivor))
            unique = r.filter(valid & ~F.col("duplicate")).select(key)
            on_roster = m.join(unique, key, "left_semi")
            outside_n = (
                (m.filter(F.col(key).isNotNull()).join(unique, key, "left_anti").select(key))
                .distinct()
                .count()
            )
            active = F.coalesce(F.col("active"), F.lit(False))
            by_person = on_roster.groupBy(key).agg(
                F.bool_or(active).alias("active"),
                *[F.bool_or(F.col(p) & active).alias(p) for p in PROGRAMS],
                F.max("last_paid").alias("last_paid"),
                F.lit(True).alias("member"),
            )
            persons = r.join(by_person, key, "left")
            status = (
                F.when(~valid, F.lit(PersonStatus.INVALID.value))
                .when(F.col("duplicate"), F.lit(PersonStatus.DUPLICATE.value))
                .when(F.coalesce(F.col("active"), F.lit(False)), F.lit(PersonStatus.ACTIVE.value))
                .when(F.coalesce(F.col("member"), F.lit(False)), F.lit(PersonStatus.INACTIVE.value))
                .otherwise(F.lit(PersonStatus.NOT_MEMBER.value))
            )
            counted = valid & ~F.col("duplicate")
            persons.select(
                "order",
                "duplicate",
                "duplicate_of",
                *[F.when(counted, F.coalesce(F.col(p), F.lit(False))).alias(p) for p in PROGRAMS],
                "last_paid",
                status.alias("status"),
            ).write.parquet(str(tmp / "persons"))
            bad = [c for c in m.columns if c.startswith("_bad_")]
            if bad:
                flags = [F.coalesce(F.col(c), F.lit(False)) for c in bad]
                flagged = on_roster.filter(reduce(operator.or_, flags))
                flagged.orderBy("row").limit(files.MAX_REPORTED).write.parquet(str(tmp / "bad"))
            result = _read_back(
                tmp / "persons",
                {
                    "order": roster.schema["order"],
                    "duplicate": pl.Boolean,
                    "duplicate_of": pl.String,
                    **dict.fromkeys(PROGRAMS, pl.Boolean),
                    "last_paid": pl.Date,
                    "status": pl.String,
                },
            )
            kept = {"row": pl.Int64, **dict.fromkeys(files.BAD_COLUMNS, pl.String)}
            rows = _read_back(tmp / "bad", kept | dict.fromkeys(bad, pl.Boolean))
        persons_pl = roster.join(result, on="order", how="left", maintain_order="left")
        outcome = Outcome(
            summarise(persons_pl), persons_pl, per_roster(persons_pl), int(outside_n), []
        )
        return outcome, rows.sort("row")

    def list_stats(self, members: Members) -> pl.DataFrame:
        from pyspark.sql import functions as F

        spark = session(self.master)
        with scratch() as tmp:
            if members.parquet:
                rows = _stored(spark, members)
            else:
                members.frame.sink_parquet(tmp / "members.parquet")
                rows = spark.read.parquet(str(tmp / "members.parquet"))
            rows.groupBy(*STATS_KEYS).agg(
                F.count(F.lit(1)).alias("rows"),
                F.countDistinct("nik_hash").alias("persons"),
                *[F.sum(F.col(p.lower()).cast("long")).alias(p) for p in PROGRAMS],
            ).write.parquet(str(tmp / "stats"))
            found = sorted((tmp / "stats").glob("*.parquet"))
            empty = pl.DataFrame(schema=dict.fromkeys(STATS_COLUMNS, pl.Int64))
            out = pl.read_parquet(found) if found else empty
        return stats_frame(out.with_columns([pl.col(p).fill_null(0) for p in PROGRAMS]))
