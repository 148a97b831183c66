"""The engine interface: what reconciliation and list statistics ask of an engine.

Two engines answer it (docs/ARCHITECTURE.md, "Engines"): `polars` (the default: one
machine, in this process) and `spark` (Apache Spark through PySpark: local mode or a
cluster). Everything around the engine stays the same whichever runs: the inputs are
read, validated and keyed by Polars here (the NIK is hashed once, `nik.nik_hash_expr`),
and the summary, the per-roster shares and the output files are built from what the
engine returns by the same code, so the JSON cannot differ between engines.

An engine does the part that grows with the membership list:
  reconcile:  first-wins duplicates, each roster person's membership (active, programs
              covered by an active row, last month paid), statuses, members in no roster;
  list_stats: rows, persons and program flags per region × segment × status.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import polars as pl

from ucj.lib.bilingual import Bilingual
from ucj.registry.models import PROGRAMS
from ucj.registry.reconcile import Outcome

# What list statistics return, column for column, in this order (sorted by the keys).
STATS_KEYS = ["region_code", "segment", "status"]
STATS_COLUMNS = [*STATS_KEYS, "rows", "persons", *PROGRAMS]


class EngineUnavailable(Exception):
    """The engine asked for cannot run here; `problem` says why, in both languages (the
    CLI prints it and exits 2, with no traceback)."""

    def __init__(self, problem: Bilingual) -> None:
        super().__init__(problem.message_en)
        self.problem = problem


@dataclass(frozen=True)
class Members:
    """Membership rows handed to an engine.

    `frame`: the rows, lazily (any engine can read it; an engine in another process
    writes it to Parquet first). `parquet`: when the rows are a stored list, its folders
    (`list_store.list_dirs`), so an engine on other machines reads the files themselves;
    `region`: narrow those files to one region's rows (code or a code below it).
    `narrowed`: `frame` already holds only the rows of the roster's persons, each with
    its person (`reconcile.owned`, joined as the stored lists were read), and the roster
    handed with it is marked (`reconcile.mark_duplicates`); the caller counts the members
    in no roster. Only the in-process engine is handed such rows.
    """

    frame: pl.LazyFrame
    parquet: tuple[Path, ...] = ()
    region: str | None = None
    narrowed: bool = False


class Engine(Protocol):
    name: str
    # May the engine see a join key made from the raw NIK (the NIK as an integer)? Only
    # an engine that keeps everything in this process' memory: others get `nik_hash`.
    in_process: bool

    def reconcile(
        self,
        roster: pl.DataFrame | pl.LazyFrame,
        membership: Members,
        key: str,
        parse: Callable[[pl.LazyFrame], pl.LazyFrame] | None = None,
        fallback: pl.LazyFrame | None = None,
    ) -> tuple[Outcome, pl.DataFrame]:
        """`reconcile.run`'s contract: roster (key, nik_valid, order, label, roster, …);
        membership rows with the key, `active`, the programs and `last_paid` (or `parse`
        making them). Returns the outcome and the membership rows of roster persons
        (at least those with an unreadable cell, in file order)."""
        ...

    def list_stats(self, members: Members) -> pl.DataFrame:
        """STATS_COLUMNS of stored-list rows (nik_hash, segment, status, region_code,
        the program flags in lower case)."""
        ...


def stats_frame(rows: pl.DataFrame) -> pl.DataFrame:
    """The one shape of list statistics (types and order), whichever engine made it."""
    types = {
        **dict.fromkeys(STATS_KEYS, pl.String),
        **dict.fromkeys(["rows", "persons", *PROGRAMS], pl.Int64),
    }
    return rows.select([pl.col(c).cast(t) for c, t in types.items()]).sort(
        STATS_KEYS, nulls_last=True
    )


def stats_json(stats: pl.DataFrame) -> dict[str, object]:
    """`ucj lists stats --json`: the rows, and totals over them (persons are summed per
    group: a person in two groups counts in both)."""
    rows = stats.to_dicts()
    totals = {c: int(stats[c].sum()) for c in ["rows", *PROGRAMS]}
    return {"groups": rows, "totals": totals}
