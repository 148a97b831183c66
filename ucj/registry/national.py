"""A roster file against the nation's stored membership lists (`ucj reconcile --roster
FILE --stored`, issue 17): the current stored list of every region, read from Parquet.

The join key is `nik_hash`: the roster's NIKs are hashed with the same key (vectorised,
`nik.nik_hash_expr`) and dropped; the lists never held a raw NIK. Same engine and same
JSON as every reconciliation (`reconcile.run`).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.registry import files, list_store, nik, services
from ucj.registry.models import PROGRAMS, MembershipList
from ucj.registry.reconcile import Outcome, run

KEY = "nik_hash"


class NoStoredList(Exception):
    pass


def current_lists() -> list[MembershipList]:
    """The latest stored list of each region (a list added to is read with its bases)."""
    latest = MembershipList.objects.exclude(store="").values("region_id").annotate(last=Max("id"))
    ids = [row["last"] for row in latest]
    return list(MembershipList.objects.filter(id__in=ids).order_by("region__code"))


def members(lists: list[MembershipList], for_output: bool = False) -> pl.LazyFrame:
    frames = [list_store.scan(m) for m in lists]
    frame = pl.concat(frames) if frames else pl.LazyFrame(schema=list_store.STORED)
    flags = [pl.col(p.lower()).alias(p) for p in PROGRAMS]
    if for_output:
        return frame.select(
            KEY, "nik_masked", "kpj", pl.col("segment").alias("segmen"),
            (pl.col("status") == "aktif").alias("active"), *flags, "last_paid",
        )  # fmt: skip
    return frame.select(KEY, (pl.col("status") == "aktif").alias("active"), *flags, "last_paid")


def roster_lazy(path: Path, as_of: dt.date) -> pl.LazyFrame:
    """The roster file validated and keyed by the hashed NIK; the raw NIK dropped."""
    frame, _present = files.scan(path, files.ROSTER_COLUMNS)
    frame = nik.check_frame(frame, "nik", as_of)
    return frame.with_columns(
        pl.when(pl.col("nik_valid")).then(nik.nik_hash_expr(pl.col("nik"))).alias(KEY),
        nik.nik_masked_expr(pl.col("nik")).alias("nik_masked"),
        pl.col("row").alias("order"),
        pl.col("row").cast(pl.String).alias("label"),
        pl.col("kelompok").fill_null(path.stem).alias("roster"),
    ).drop("nik")


def reconcile_national(path: Path, as_of: dt.date, out_dir: Path | None = None) -> Outcome:
    if not path.exists():
        raise FileNotFoundError(path)
    lists = current_lists()
    if not lists:
        raise NoStoredList(
            pair(
                _("Belum ada daftar kepesertaan tersimpan (%(command)s)"),
                command="ucj lists import",  # a value: the catalogue names no command
            ).joined()
        )
    outcome, _rows = run(roster_lazy(path, as_of), members(lists), KEY)
    if out_dir is not None:
        keys = outcome.persons.lazy().filter(pl.col("nik_valid")).select(KEY)
        outside = members(lists, for_output=True).join(keys, on=KEY, how="anti").drop(KEY)
        services.write_outputs(outcome, out_dir, outside, "BPJS TK (tersimpan / stored)", as_of)
    return outcome
