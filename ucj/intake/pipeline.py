"""The one import pipeline: read → map headers → parse → check → write in one transaction.

`run_import` is what the CLI and the web call. It never raises for bad input: the
outcome carries the contract's counts, errors and warnings and the exit status
(0 committed or clean dry run, 1 bad data and nothing written, 2 unreadable).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.intake import kinds as registry
from ucj.intake.budget import PhaseClock, PhaseTimeout
from ucj.intake.checks import CONTROL, Checks, as_list, combine, issues_frame
from ucj.intake.fields import with_fields
from ucj.intake.guard import refuse_locked, refuse_outside_scope
from ucj.intake.kinds import Kind, header_key
from ucj.intake.parsers import parse_column
from ucj.intake.readers import RawTable, Unreadable, read_table
from ucj.intake.regions import parse_regions
from ucj.intake.storing import CONCURRENT, Collision, sha256_of, store
from ucj.intake.writer import attname
from ucj.lib.bilingual import Bilingual, pair
from ucj.lib.cells import formula_like
from ucj.lib.personal import redact, redact_expr

__all__ = ["Outcome", "run_import", "sha256_of"]


@dataclass
class Outcome:
    ok: bool
    exit_code: int
    batch: int | None = None
    rows: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: pl.DataFrame = field(default_factory=lambda: combine([]))
    warnings: pl.DataFrame = field(default_factory=lambda: combine([]))
    table: RawTable | None = None
    dry_run: bool = False

    def as_json(self) -> dict[str, Any]:
        """The contract's keys; `errors`/`warnings` list the first UCJ_IMPORT_MAX_ERRORS
        messages, then one line counting the rest by column (`checks.as_list`)."""
        limit = settings.UCJ_IMPORT_MAX_ERRORS
        return {
            "ok": self.ok,
            "batch": self.batch,
            "rows": self.rows,
            "inserted": self.inserted,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": as_list(self.errors, limit),
            "warnings": as_list(self.warnings, limit),
        }


def _file_error(message_id: str, message_en: str, name: str, code: int = 2) -> Outcome:
    problem = Bilingual(message_id, message_en)
    whole = pair(_("Berkas '%(file)s': %(problem)s"), file=name, problem=problem)
    frame = pl.DataFrame(
        {
            "row": [None],
            "column": [None],
            "value": [redact(name)],
            "message_id": [redact(whole.message_id)],
            "message_en": [redact(whole.message_en)],
        },
        schema={
            "row": pl.Int64,
            "column": pl.Utf8,
            "value": pl.Utf8,
            "message_id": pl.Utf8,
            "message_en": pl.Utf8,
        },
    )
    return Outcome(False, code, errors=frame)


def run_import(
    path: Path,
    kind_name: str,
    *,
    user: Any,
    source: str = "",
    dry_run: bool = False,
    sheet: str | None = None,
    file_name: str | None = None,
    is_sample: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    region: str | None = None,
) -> Outcome:
    """Import one file as `user`: an account, limited to the regions where the kind's
    model's `write_policy` lets it write, or an explicit `SystemActor` (the CLI passes
    `cli_actor()`, recorded on the batch). `None` is refused: an import without a user
    is never taken for the system. `region`: the region (code or name) of rows whose
    region cell is empty, or of every row when the file has no such column (a roster
    of one kab/kota's village staff, say); checked like a cell."""
    # The name is stored and quoted: no control characters (PostgreSQL refuses NUL).
    name = re.sub(CONTROL, "\ufffd", file_name or path.name)[:255]
    if user is None:
        return _file_error(
            "impor tanpa pengguna ditolak; CLI mengimpor sebagai sistem (cli_actor)",
            "an import without a user is refused; the CLI imports as the system (cli_actor)",
            name,
        )
    kind = registry.get(kind_name)
    if kind is None:
        known = ", ".join(k.name for k in registry.all_kinds())
        return _file_error(
            *pair(
                _("jenis '%(kind)s' tidak dikenal (ada: %(known)s)"), kind=kind_name, known=known
            ),
            name,
        )
    region = (region or "").strip() or None
    if region is not None and (problem := _default_region_problem(kind, region)):
        return _file_error(*problem, name)
    known_headers = set().union(*(c.header_keys() for c in kind.columns))
    clock = PhaseClock(progress or (lambda stage, done, total: None))
    try:
        with clock.phase("baca / read"):
            table = read_table(path, known_headers, sheet)
        clock("baca / read", table.data.height, table.data.height)
        outcome = _check_and_write(
            table, kind, name, path, user, source, dry_run, is_sample, clock, region
        )
    except Unreadable as exc:
        return _file_error(exc.message_id, exc.message_en, name)
    except PhaseTimeout as exc:  # raised inside the transaction: it rolled back
        return _file_error(exc.message_id, exc.message_en, name)
    outcome.table = table
    return outcome


def _default_region_problem(kind: Kind, region: str) -> tuple[str, str] | None:
    column = kind.region_column
    if column is None:
        return (
            f"jenis '{kind.name}' tidak punya kolom wilayah (--region tidak berlaku)",
            f"kind '{kind.name}' has no region column (--region does not apply)",
        )
    parsed = parse_regions(pl.Series([region], dtype=pl.Utf8), column).row(0, named=True)
    if parsed["err_id"]:
        return (f"wilayah '{region}': {parsed['err_id']}", f"region '{region}': {parsed['err_en']}")
    return None


def _map_headers(
    table: RawTable, kind: Kind, region: str | None
) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """kind column → table column (c0…), and header problems (column, id, en)."""
    where: dict[str, str] = {}
    problems = []
    for i, header in enumerate(table.headers):
        k = header_key(header)
        for col in kind.columns:
            if k in col.header_keys():
                if col.name in where:
                    problems.append(
                        (col.name, f"kolom '{col.name}' ada dua kali", f"column '{col.name}' twice")
                    )
                where[col.name] = f"c{i}"
    for col in kind.columns:
        defaulted = region is not None and col.parser == "region"
        if col.required and col.name not in where and not defaulted:
            names = ", ".join([col.name, *col.aliases])
            problems.append(
                (
                    col.name,
                    f"kolom wajib '{col.name}' tidak ada (nama yang diterima: {names})",
                    f"required column '{col.name}' missing (accepted names: {names})",
                )
            )
    return where, problems


def _check_and_write(
    table: RawTable,
    kind: Kind,
    name: str,
    path: Path,
    user: Any,
    source: str,
    dry_run: bool,
    is_sample: bool,
    tick: PhaseClock,
    region: str | None = None,
) -> Outcome:
    with tick.phase("periksa / check"):
        checked = _check(table, kind, name, user, source, dry_run, is_sample, region)
    if isinstance(checked, Outcome):
        return checked
    outcome, clean = checked
    tick("periksa / check", outcome.rows, outcome.rows)
    with tick.phase("simpan / store"):
        return _store(outcome, kind, clean, name, path, user, source, dry_run, tick)


def _check(
    table: RawTable,
    kind: Kind,
    name: str,
    user: Any,
    source: str,
    dry_run: bool,
    is_sample: bool,
    region: str | None,
) -> Outcome | tuple[Outcome, pl.DataFrame]:
    where, problems = _map_headers(table, kind, region)
    if problems:
        header = pl.DataFrame({"_row": [table.header_row] * len(problems)})
        parts = [
            issues_frame(header.slice(i, 1), col, pl.lit(col), pl.lit(mid), pl.lit(men))
            for i, (col, mid, men) in enumerate(problems)
        ]
        return Outcome(False, 1, errors=combine(parts))
    data = table.data
    if data.height == 0:
        return _file_error(*pair(_("tidak ada baris data")), name, code=1)
    frame = data.select("_row", *[_raw(c, where, region) for c in kind.columns])
    checks = Checks(kind, frame, user=user, today=timezone.localdate())
    parsed = _parse(frame, kind, checks)
    refuse_outside_scope(parsed, kind, user, checks)
    bad = combine(checks.errors).get_column("row").unique()
    # No bad row (the usual case): no filtered copy of every column (memory budget).
    clean = parsed.filter(~pl.col("_row").is_in(bad.implode())) if bad.len() else parsed
    clean = with_fields(clean, kind, source, is_sample)
    key = [attname(kind.model, k) for k in kind.key]
    refuse_locked(clean, kind, checks)
    _duplicates(clean, kind, key, checks)
    checks.frame = clean
    if kind.validate:
        kind.validate(checks)
    errors, warnings = combine(checks.errors), combine(checks.warnings)
    outcome = Outcome(
        errors.height == 0, 0, rows=data.height, errors=errors, warnings=warnings, dry_run=dry_run
    )
    if errors.height:
        outcome.exit_code = 1
        return outcome
    return outcome, clean


def _store(
    outcome: Outcome,
    kind: Kind,
    clean: pl.DataFrame,
    name: str,
    path: Path,
    user: Any,
    source: str,
    dry_run: bool,
    tick: Callable[[str, int, int], None],
) -> Outcome:
    try:
        result, batch = store(
            kind, clean, name, path, user, source, outcome.warnings, dry_run, tick
        )
    except Collision:
        return _file_error(*pair(CONCURRENT), name, code=1)
    outcome.inserted, outcome.updated, outcome.unchanged = (
        result.inserted,
        result.updated,
        result.unchanged,
    )
    outcome.batch = batch.pk if batch else None
    return outcome


def _raw(col: Any, where: dict[str, str], region: str | None) -> pl.Expr:
    """The file's text of one column (null where absent); empty region cells take the
    default region, which is then parsed and checked like any cell."""
    expr = pl.col(where[col.name]) if col.name in where else pl.lit(None, pl.Utf8)
    if region is not None and col.parser == "region":
        expr = expr.fill_null(pl.lit(region))
    return expr.alias(f"_raw.{col.name}")


def _parse(frame: pl.DataFrame, kind: Kind, checks: Checks) -> pl.DataFrame:
    columns = []
    for col in kind.columns:
        raw = frame.get_column(f"_raw.{col.name}")
        checks.error(
            frame.filter(pl.col(f"_raw.{col.name}").str.contains(CONTROL)),
            col.name,
            "berisi karakter kendali (mis. NUL); hapus karakter itu",
            "contains control characters (e.g. NUL); remove them",
        )
        # What an export's formula guard would defuse is refused here (`ucj.lib.cells`):
        # = + - @ tab CR at the start, unless the cell is a plain signed number.
        formula = frame.filter(formula_like(pl.col(f"_raw.{col.name}")))
        checks.error(
            formula,
            col.name,
            "rumus/tautan tidak diterima (teks diawali = + - @); isi nilainya",
            "formulas/links are not accepted (text starting with = + - @); enter the value",
        )
        if col.parser == "text" and not col.sensitive:
            # A NIK typed into a free-text column would be stored in the clear.
            raw_text = pl.col(f"_raw.{col.name}")
            checks.error(
                frame.filter(raw_text.is_not_null() & (redact_expr(raw_text) != raw_text)),
                col.name,
                "berisi angka berbentuk NIK; NIK hanya boleh di kolom nik",
                "holds a NIK-shaped number; a NIK belongs in the nik column only",
            )
        if col.required:
            checks.error(
                frame.filter(pl.col(f"_raw.{col.name}").is_null()),
                col.name,
                "wajib diisi",
                "required",
            )
        parsed = parse_regions(raw, col) if col.parser == "region" else parse_column(raw, col)
        part = pl.concat([frame.select("_row", f"_raw.{col.name}"), parsed], how="horizontal")
        checks.error(
            part.filter(pl.col("err_id").is_not_null()),
            col.name,
            pl.col("err_id"),
            pl.col("err_en"),
        )
        if col.parser == "region":
            columns.append(parsed.get_column("region_id"))
        columns.append(parsed.get_column("value").alias(col.name))
    today = checks.today
    result = pl.concat([frame, pl.DataFrame(columns)], how="horizontal")
    for col in kind.columns:
        if col.parser == "period":
            future = result.filter(pl.col(col.name) > today.replace(day=1))
            checks.error(future, col.name, "periode di masa depan", "period in the future")
        elif col.parser == "date":
            future = result.filter(pl.col(col.name) > today)
            checks.error(future, col.name, "tanggal di masa depan", "date in the future")
    return result


def _duplicates(clean: pl.DataFrame, kind: Kind, key: list[str], checks: Checks) -> None:
    if clean.height == 0 or not clean.select(key).is_duplicated().any():
        return  # the common case, found with one hash pass instead of a window
    first = pl.col("_row").min().over(key)
    dup = clean.with_columns(first.alias("_first")).filter(pl.col("_row") != pl.col("_first"))
    if dup.height:
        checks.error(
            dup,
            kind.columns[0].name,
            pl.format("kunci yang sama sudah ada di baris {}", pl.col("_first")),
            pl.format("the same key is already in row {}", pl.col("_first")),
        )
