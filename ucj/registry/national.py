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
from ucj.registry import engines, files, list_store, nik, services
from ucj.registry.models import PROGRAMS, MembershipList
from ucj.registry.reconcile import Outcome

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


def reconcile_national(
    path: Path, as_of: dt.date, out_dir: Path | None = None, engine: engines.Engine | None = None
) -> Outcome:
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
    engine = engine or engines.get()
    lazy = roster_lazy(path, as_of)
    if not engine.in_process:
        folders = tuple(d for m in lists for d in list_store.list_dirs(m))
        rows = engines.Members(members(lists), parquet=folders)
        outcome, _rows = engine.reconcile(lazy, rows, KEY)
    else:
        # Only the members on the roster are read whole: the streaming engine semi-joins
        # the lists with the roster's valid keys as it reads them (a duplicate's key is
        # its survivor's), so ten million rows are never held; the members in no roster
        # are the lists' persons (counted once per set of lists, `list_store.persons`)
        # less those matched. Both in one call: the roster plan is run once (shared).
        keys = lazy.filter(pl.col("nik_valid")).select(KEY)
        plans = [lazy, members(lists).join(keys, on=KEY, how="semi")]
        roster, on_roster = pl.collect_all(plans, engine="streaming")
        narrowed = engines.Members(on_roster.lazy(), narrowed=True)
        outcome, matched = engine.reconcile(roster, narrowed, KEY)
        outcome.members_in_no_roster = list_store.persons(lists) - matched[KEY].n_unique()
    if out_dir is not None:
        keys = outcome.persons.lazy().filter(pl.col("nik_valid")).select(KEY)
        outside = members(lists, for_output=True).join(keys, on=KEY, how="anti").drop(KEY)
        services.write_outputs(outcome, out_dir, outside, "BPJS TK (tersimpan / stored)", as_of)
    return outcome
