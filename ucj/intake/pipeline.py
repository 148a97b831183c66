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
from django.utils.translation import gettext_lazy as _

from ucj.intake import kinds as registry
from ucj.intake.checks import CONTROL, Checks, as_list, combine, issues_frame
from ucj.intake.guard import owner_region
from ucj.intake.kinds import Kind, header_key
from ucj.intake.readers import RawTable, Unreadable, read_table
from ucj.intake.regions import parse_regions
from ucj.intake.rows import Rows, duplicates
from ucj.intake.storing import CONCURRENT, Collision, sha256_of, store
from ucj.lib.bilingual import Bilingual, pair
from ucj.lib.budget import PhaseClock, PhaseTimeout
from ucj.lib.personal import redact

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
    coverage_change: dict[str, Any] | None = None  # web preview only, not in the JSON contract

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
    preview: bool = False,
    within: dict[int, str] | None = None,
) -> Outcome:
    """Import one file. `user` None = the system (CLI); a web user is limited to the
    regions `allowed_regions(user, 'change')` gives. `region`: the region (code or name)
    of rows whose region cell is empty, or of every row when the file has no such
    column (a roster of one kab/kota's village staff, say); checked like a cell.
    `preview`: a dry run also computes coverage before → after (the web preview; not in
    the JSON contract, and too slow for the background jobs of big files). `within`
    (region id → code): only rows of these regions are accepted, e.g. the regions a data
    request asked a branch for; any other row is a row error naming them."""
    # The name is stored and quoted: no control characters (PostgreSQL refuses NUL).
    name = re.sub(CONTROL, "\ufffd", file_name or path.name)[:255]
    if user is None:  # never taken for the system: the CLI passes `cli_actor()`
        return _file_error(
            *pair(_("impor tanpa pengguna ditolak; CLI mengimpor sebagai sistem (cli_actor)")),
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
    owner: int | None = None
    if kind.owner_region:  # the rows belong to the importing office (no region column)
        owner, problem = owner_region(kind, user, region)
        if problem:
            return _file_error(*problem, name, code=1)
        region = None
    elif region is not None and (problem := _default_region_problem(kind, region)):
        return _file_error(*problem, name)
    known_headers = set().union(*(c.header_keys() for c in kind.columns))
    clock = PhaseClock(progress or (lambda stage, done, total: None))
    try:
        with clock.phase("baca / read"):
            table = read_table(path, known_headers, sheet)
        clock("baca / read", 0, 0)
        outcome = _check_and_write(
            table, kind, name, path, user, source, dry_run, is_sample, clock, region,
            preview=dry_run and preview, owner=owner, within=within,
        )  # fmt: skip
    except Unreadable as exc:
        return _file_error(exc.message_id, exc.message_en, name)
    except PhaseTimeout as exc:  # raised inside the transaction: it rolled back
        return _file_error(exc.message_id, exc.message_en, name)
    outcome.table = table
    return outcome


def _default_region_problem(kind: Kind, region: str) -> tuple[str, str] | None:
    column = kind.region_column
    if column is None:
        return pair(
            _("jenis '%(kind)s' tidak punya kolom wilayah (--region tidak berlaku)"), kind=kind.name
        )
    parsed = parse_regions(pl.Series([region], dtype=pl.Utf8), column).row(0, named=True)
    if parsed["err_id"]:
        problem = Bilingual(parsed["err_id"], parsed["err_en"])
        return pair(_("wilayah '%(region)s': %(problem)s"), region=region, problem=problem)
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
                        (col.name, *pair(_("kolom '%(column)s' ada dua kali"), column=col.name))
                    )
                where[col.name] = f"c{i}"
    for col in kind.columns:
        defaulted = region is not None and col.parser == "region"
        if col.required and col.name not in where and not defaulted:
            names = ", ".join([col.name, *col.aliases])
            problems.append(
                (
                    col.name,
                    *pair(
                        _("kolom wajib '%(column)s' tidak ada (nama yang diterima: %(names)s)"),
                        column=col.name,
                        names=names,
                    ),
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
    *,
    preview: bool = False,
    owner: int | None = None,
    within: dict[int, str] | None = None,
) -> Outcome:
    where, problems = _map_headers(table, kind, region)
    if problems:
        header = pl.DataFrame({"_row": [table.header_row] * len(problems)})
        parts = [
            issues_frame(header.slice(i, 1), col, pl.lit(col), pl.lit(mid), pl.lit(men))
            for i, (col, mid, men) in enumerate(problems)
        ]
        return Outcome(False, 1, errors=combine(parts))
    rows = Rows(kind, where, region, user, source, is_sample, owner=owner, within=within)
    with tick.phase("periksa / check"):
        checked = _check(table, rows, name, dry_run, tick)
    if isinstance(checked, Outcome):
        return checked
    outcome, whole = checked
    del checked
    if rows.kind.whole_file is not None:
        # Of what the checks across rows kept, the writer gets only the kind's own
        # columns (the generic writer reads none): the rest is let go before the file is
        # read again (issue 14's memory budget).
        kept = [c for c in rows.kind.whole_file if c in whole.columns] if rows.kind.write else []
        whole = whole.select(kept) if kept else whole.clear()
    tick("periksa / check", outcome.rows, outcome.rows)
    with tick.phase("simpan / store"):
        return _store(outcome, rows, table, whole, name, path, dry_run, tick, preview)


def _check(
    table: RawTable, rows: Rows, name: str, dry_run: bool, tick: PhaseClock
) -> Outcome | tuple[Outcome, pl.DataFrame]:
    """Every batch checked row by row; what the whole file needs is kept compact
    (`Rows.compact`), then duplicate keys and the kind's own checks run on it."""
    kind = rows.kind
    checks = Checks(kind, pl.DataFrame(), user=rows.user, today=rows.today)
    kept, total = [], 0
    rows.start_pass()
    for data in table.batches():
        total += data.height
        kept.append(rows.compact(rows.check(data, checks)))
        tick("periksa / check", total, 0)
    if total == 0:
        return _file_error(*pair(_("tidak ada baris data")), name, code=1)
    # Batches side by side, not copied into one block (that would hold the file twice).
    whole = pl.concat(kept, how="vertical_relaxed", rechunk=False) if len(kept) > 1 else kept[0]
    del kept
    if not rows.numbered:
        duplicates(whole, kind, rows.compact_key(whole), checks)
    checks.frame = whole
    if kind.validate:
        kind.validate(checks)
    errors, warnings = combine(checks.errors), combine(checks.warnings)
    outcome = Outcome(
        errors.height == 0, 0, rows=total, errors=errors, warnings=warnings, dry_run=dry_run
    )
    if errors.height:
        outcome.exit_code = 1
        return outcome
    return outcome, whole


def _store(
    outcome: Outcome,
    rows: Rows,
    table: RawTable,
    whole: pl.DataFrame,
    name: str,
    path: Path,
    dry_run: bool,
    tick: Callable[[str, int, int], None],
    preview: bool = False,
) -> Outcome:
    kind = rows.kind
    if kind.whole_file is None:
        batches: Callable[[], Any] = lambda: iter([whole])  # noqa: E731
        summary = None
    else:

        def batches() -> Any:
            # The file again, batch by batch: it passed every check, so the messages
            # of this second pass are thrown away.
            scratch = Checks(kind, pl.DataFrame(), user=rows.user, today=rows.today)
            rows.start_pass()
            for data in table.batches():
                clean = rows.check(data, scratch)
                scratch.errors.clear()
                yield clean

        summary = whole
    try:
        result, batch = store(
            kind, batches, outcome.rows, summary, name, path, rows.user, rows.source,
            outcome.warnings, dry_run, tick, preview=preview,
        )  # fmt: skip
    except Collision:
        return _file_error(*pair(CONCURRENT), name, code=1)
    outcome.inserted, outcome.updated, outcome.unchanged = (
        result.inserted,
        result.updated,
        result.unchanged,
    )
    outcome.batch = batch.pk if batch else None
    outcome.coverage_change = result.coverage_change
    return outcome
