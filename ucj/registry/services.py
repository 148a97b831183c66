"""Reconciling files directly (`ucj reconcile --roster FILE --membership FILE`) and writing
the results. Only masked NIKs leave memory: output files never hold the raw NIK."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import polars as pl

from ucj.lib import sheets
from ucj.registry import engines, files, nik
from ucj.registry.models import PROGRAMS
from ucj.registry.reconcile import Outcome

KEY = "nik_key"
HASHED = "nik_hash"
PERSON_COLUMNS = [
    "row",
    "nik_masked",
    "nama",
    "kelompok",
    "instansi",
    "roster",
    "status",
    "nik_errors",
    "duplicate_of",
    *PROGRAMS,
]


def roster_file_lazy(path: Path, as_of: dt.date, key: str = KEY) -> pl.LazyFrame:
    """The roster file validated and keyed, with the raw NIK already dropped; the key is
    the NIK as an integer, or its keyed hash (`key="nik_hash"`, for an engine outside
    this process)."""
    frame, _present = files.scan(path, files.ROSTER_COLUMNS)
    frame = nik.check_frame(frame, "nik", as_of)
    value = pl.col("nik").cast(pl.Int64, strict=False)
    if key == HASHED:
        value = nik.nik_hash_expr(pl.col("nik"))
    frame = frame.with_columns(
        pl.when(pl.col("nik_valid")).then(value).alias(key),
        nik.nik_masked_expr(pl.col("nik")).alias("nik_masked"),
        pl.col("row").alias("order"),
        pl.col("row").cast(pl.String).alias("label"),
        pl.col("kelompok").fill_null(path.stem).alias("roster"),
    )
    return frame.drop("nik")


def roster_file_frame(path: Path, as_of: dt.date) -> pl.DataFrame:
    return roster_file_lazy(path, as_of).collect()


def membership_file_frame(path: Path, fast: bool = False) -> tuple[pl.LazyFrame, set[str]]:
    """The list lazily, with the join key (the normalised NIK as an integer). `fast`
    reads the NIK as a number: right for every plain 16-digit cell, null for the rest."""
    fast = fast and path.suffix.lower() not in {".xlsx", ".xlsm", ".parquet"}
    cats = tuple(files.BAD_COLUMNS)
    frame, present = files.scan(path, files.MEMBERSHIP_COLUMNS, cats, int_nik=fast)
    if fast:
        return frame.with_columns(pl.col("nik").alias(KEY)), present
    # No 16-digit check needed: a key that is not a valid NIK matches no roster key.
    key = nik.clean_expr(pl.col("nik")).cast(pl.Int64, strict=False)
    return frame.with_columns(key.alias(KEY)), present


def reconcile_files(
    roster_path: Path,
    membership_path: Path,
    as_of: dt.date,
    out_dir: Path | None = None,
    engine: engines.Engine | None = None,
) -> Outcome:
    """Raise files.FileProblem (nothing written) when a membership cell that counts is
    unreadable; FileNotFoundError when a file is missing."""
    if not membership_path.exists():
        raise FileNotFoundError(membership_path)
    engine = engine or engines.get()
    if not engine.in_process:
        return reconcile_files_hashed(roster_path, membership_path, as_of, out_dir, engine)
    roster = roster_file_lazy(roster_path, as_of)
    membership, present = membership_file_frame(membership_path)
    needed = membership.select(KEY, "row", *files.BAD_COLUMNS)
    # Most lists hold plain 16-digit NIKs: read them as numbers, and read the file again as
    # text (separators stripped) only when some cell was not a plain number.
    fast, _ = membership_file_frame(membership_path, fast=True)
    outcome, rows = engine.reconcile(
        roster,
        engines.Members(fast.select(KEY, "row", *files.BAD_COLUMNS)),
        KEY,
        lambda f: files.parse_membership(f, present),
        fallback=needed,
    )
    return _finish(outcome, rows, membership, present, KEY, membership_path, as_of, out_dir)


def reconcile_files_hashed(
    roster_path: Path,
    membership_path: Path,
    as_of: dt.date,
    out_dir: Path | None,
    engine: engines.Engine,
) -> Outcome:
    """`reconcile_files` for an engine outside this process: both files keyed by the
    hashed NIK before the engine sees them (the membership file parsed whole). The hash
    is of the NIK as an integer, so a key matches exactly when the integer key would."""
    roster = roster_file_lazy(roster_path, as_of, key=HASHED)
    frame, present = files.scan(membership_path, files.MEMBERSHIP_COLUMNS)
    number = nik.clean_expr(pl.col("nik")).cast(pl.Int64, strict=False).cast(pl.String)
    frame = frame.with_columns(nik.nik_hash_expr(number).alias(HASHED))
    parsed = files.parse_membership(frame, present)
    flags = [f"_bad_{c}" for c in files.BAD_COLUMNS]
    members = parsed.select(
        HASHED, "row", "active", *PROGRAMS, "last_paid",
        *[pl.col(c).cast(pl.String) for c in files.BAD_COLUMNS], *flags,
    )  # fmt: skip
    outcome, rows = engine.reconcile(roster, engines.Members(members), HASHED)
    return _finish(outcome, rows, frame, present, HASHED, membership_path, as_of, out_dir)


def _finish(
    outcome: Outcome,
    rows: pl.DataFrame,
    membership: pl.LazyFrame,
    present: set[str],
    key: str,
    membership_path: Path,
    as_of: dt.date,
    out_dir: Path | None,
) -> Outcome:
    """A file reconciliation's end, whichever key joined it: the file's unreadable cells
    refuse it; `out_dir` gets the outputs, with the members on no roster (masked NIK)."""
    outcome.problems = files.problems(membership_path, files.bad_rows(rows))
    if outcome.problems:
        raise files.FileProblem(outcome.problems)
    if out_dir is not None:
        valid_keys = outcome.persons.lazy().filter(pl.col("nik_valid")).select(key)
        outside = (
            files.parse_membership(membership.join(valid_keys, on=key, how="anti"), present)
            .filter(pl.col(key).is_not_null())
            .select(
                nik.nik_masked_expr(nik.clean_expr(pl.col("nik"))).alias("nik_masked"),
                "kpj",
                "segmen",
                "active",
                *PROGRAMS,
                "last_paid",
            )
        )
        write_outputs(outcome, out_dir, outside, membership_path.name, as_of)
    return outcome


def write_parquet(outcome: Outcome, path: Path) -> Path:
    """`--out x.parquet`: the per-person results (masked NIK only) as one Parquet file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    person_table(person_rows(outcome)).write_parquet(path)
    return path


def write_outputs(
    outcome: Outcome,
    out_dir: Path,
    outside: pl.LazyFrame | None,
    membership_name: str,
    as_of: dt.date,
) -> list[Path]:
    """CSV files and one XLSX workbook: summary, per roster, per person, in no roster."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    summary = {
        **outcome.summary,
        "members_in_no_roster": outcome.members_in_no_roster,
        "membership_list": membership_name,
        "as_of": as_of.isoformat(),
    }
    path = out_dir / "rekonsiliasi_ringkasan.json"
    path.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
    written.append(path)
    persons = person_table(person_rows(outcome))
    rosters = roster_table(outcome.rosters)
    for name, frame in (("rekonsiliasi_per_orang", persons), ("rekonsiliasi_per_daftar", rosters)):
        path = out_dir / f"{name}.csv"
        sheets.frame_csv(frame, path)
        written.append(path)
    if outside is not None:
        path = out_dir / "peserta_tanpa_daftar.csv"
        sheets.frame_csv(outside, path)
        written.append(path)
    path = out_dir / "rekonsiliasi.xlsx"
    tables = {
        "ringkasan": pl.DataFrame(
            {
                "ukuran": list(summary),
                "nilai": [
                    json.dumps(v) if isinstance(v, dict) else str(v) for v in summary.values()
                ],
            }
        ),
        "per_daftar": rosters,
        "per_orang": persons.head(sheets.MAX_ROWS - 1),  # the CSV holds every row
    }
    sheets.write_frames(path, tables)
    written.append(path)
    return written


def person_rows(outcome: Outcome) -> pl.DataFrame:
    """The per-person results with the roster's columns for the output files (those a
    reconciliation read apart, `Outcome.detail`, joined back by row)."""
    if outcome.detail is None:
        return outcome.persons
    shown = [c for c in outcome.detail.collect_schema().names() if c != "row"]
    persons = outcome.persons.drop([c for c in shown if c in outcome.persons.columns])
    detail = outcome.detail.collect(engine="streaming")
    return persons.join(detail, on="row", how="left", maintain_order="left")


def person_table(persons: pl.DataFrame) -> pl.DataFrame:
    cols = [c for c in PERSON_COLUMNS if c in persons.columns]
    table = persons.select(cols)
    if table.schema.get("nik_errors") == pl.List(pl.String):
        table = table.with_columns(pl.col("nik_errors").list.join(";"))
    return table


def roster_table(rosters: list[dict[str, Any]]) -> pl.DataFrame:
    rows = []
    for r in rosters:
        for p in PROGRAMS:
            rows.append(
                {
                    "daftar": str(r["roster"]),
                    "program": p,
                    "orang": r["persons"],
                    "tercakup": r["covered"][p],
                    "persen": r["by_program"][p],
                }
            )
    schema = {
        "daftar": pl.String,
        "program": pl.String,
        "orang": pl.Int64,
        "tercakup": pl.Int64,
        "persen": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema)
