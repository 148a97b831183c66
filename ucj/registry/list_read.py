"""Reading a membership file for the list store (`list_store`): the streaming plan that
parses, validates, hashes and masks it, and the checks on what it wrote (bad cells,
unknown regions, regions the importer may not write). Nothing here registers anything."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import polars as pl
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import CHANGE, SystemActor, allowed_regions
from ucj.lib.bilingual import Bilingual, pair
from ucj.lib.personal import redact
from ucj.regions.models import Level, Region
from ucj.registry import files, nik
from ucj.registry.models import PROGRAMS, MembershipEntry

SPEC = {**files.MEMBERSHIP_COLUMNS, "wilayah": ("wilayah", "region", "kode_wilayah")}
FLAGS = tuple(p.lower() for p in PROGRAMS)
LEVELS = (Level.PROVINCE, Level.REGENCY, Level.CITY, Level.DISTRICT)


def problem(path: Path, row: Any, column: str, value: Any, msg_id: str, msg_en: str) -> dict:
    shown = redact(value) if value is not None else None
    return {
        "file": path.name, "row": row, "column": column, "value": shown,
        **pair(_("%(file)s, baris %(row)s, kolom %(column)s: %(problem)s"), file=path.name,
               row=row, column=column, problem=Bilingual(msg_id, msg_en)).as_dict(),
    }  # fmt: skip


def region_table() -> pl.DataFrame:
    """Region text as a file may write it (code with or without dots, or a name that is
    unique among current provinces, kab/kota and kecamatan) → current region code."""
    rows = list(
        Region.objects.current()
        .filter(level__in=[lv.value for lv in LEVELS])
        .values_list("code", "name")
    )
    codes = pl.DataFrame(rows, schema={"code": pl.String, "name": pl.String}, orient="row")
    names = (
        codes.with_columns(pl.col("name").str.to_lowercase().alias("key"))
        .filter(pl.col("key").is_unique())
        .select("key", "code")
    )
    return pl.concat(
        [
            codes.select(pl.col("code").alias("key"), "code"),
            codes.select(
                pl.col("code").str.replace_all(".", "", literal=True).alias("key"), "code"
            ),
            names,
        ]
    ).unique("key", keep="first")


def prepared(path: Path, as_of: dt.date, region: Region | None) -> pl.LazyFrame:
    frame, present = files.scan(path, SPEC, categorical=(*FLAGS, "status"))
    # The few distinct (flags, status, month) cells first, in a pass of their own: found
    # inside the main plan they would hold the whole file in memory until known.
    combos = frame.select(files.BAD_COLUMNS).unique().collect(engine="streaming")
    parsed = files.parse_membership(frame, present, combos)
    if "wilayah" not in present and region is not None:
        parsed = parsed.with_columns(pl.lit(region.code).alias("wilayah"))
    table = region_table().lazy()
    key = pl.col("wilayah").cast(pl.String).str.strip_chars().str.to_lowercase()
    parsed = parsed.with_columns(key.alias("_region_key")).join(
        table, left_on="_region_key", right_on="key", how="left", maintain_order="left"
    )
    stored = nik.stored_fields(parsed, "nik", as_of)
    return stored.with_columns(
        pl.col("kpj").cast(pl.String).fill_null("").str.slice(0, 30),
        pl.col("segmen").cast(pl.String).fill_null("").str.to_uppercase().alias("segment"),
        *[pl.col(p).alias(p.lower()) for p in PROGRAMS],
        pl.when(pl.col("active")).then(pl.lit("aktif")).otherwise(pl.lit("non_aktif"))
        .alias("status"),
        pl.col("code").alias("region_code"),
        pl.col("code").str.slice(0, 2).alias("province"),
        (pl.col("wilayah").is_null() | pl.col("code").is_null()).alias("_bad_wilayah"),
    )  # fmt: skip


class Refused(Exception):
    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(problems[0]["message_en"])
        self.problems = problems


def check(path: Path, tmp: Path, user: Any) -> None:
    """Unreadable cells, unknown regions, regions the user may not write: refused with
    the file, row and column (at most files.MAX_REPORTED), nothing stored."""
    data = pl.scan_parquet(str(tmp / "**" / "*.parquet"), hive_partitioning=True)
    bad_cols = [*files.BAD_COLUMNS, "wilayah"]
    flags = [f"_bad_{c}" for c in bad_cols]
    bad = (
        data.filter(pl.any_horizontal(pl.col(f) for f in flags))
        .head(files.MAX_REPORTED)
        .collect(engine="streaming")
    )
    problems = files.problems(path, bad.drop("_bad_wilayah"))
    for rec in bad.filter(pl.col("_bad_wilayah")).iter_rows(named=True):
        problems.append(problem(
            path, rec["row"], "wilayah", rec["wilayah"],
            *pair(_("wilayah tidak dikenal: tulis kode wilayah (mis. 19.71), atau sebut wilayah "
                    "seluruh berkas saat impor (--region)")),
        ))  # fmt: skip
    if problems:
        raise files.FileProblem(problems[: files.MAX_REPORTED])
    if isinstance(user, SystemActor):
        return
    allowed = set(allowed_regions(user, CHANGE, MembershipEntry).values_list("code", flat=True))
    # streaming: the file's region column is never held whole (40M rows)
    regions = data.group_by("region_code").agg(pl.col("row").min()).collect(engine="streaming")
    outside = regions.filter(~pl.col("region_code").is_in(sorted(allowed))).sort("row")
    if user is None or outside.height:
        first = outside.row(0, named=True) if outside.height else {"row": 2, "region_code": ""}
        raise Refused([problem(
            path, first["row"], "wilayah", first["region_code"],
            *pair(_("Anda tidak berwenang mengubah data wilayah ini")),
        )])  # fmt: skip
