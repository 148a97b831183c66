"""Checking the rows of one batch of a file: texts → parsed cells → model fields, with
a row error for every bad cell; and what is kept of each batch for the whole file.

The pipeline (`pipeline.py`) runs `Rows.check` on every batch the reader gives, keeps
`Rows.compact` of each, then runs the checks across rows (duplicate keys, the kind's
`validate`) on what it kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.intake.checks import CONTROL, Checks, combine
from ucj.intake.fields import with_fields
from ucj.intake.guard import refuse_locked, refuse_outside, refuse_outside_scope
from ucj.intake.kinds import Kind
from ucj.intake.parsers import parse_column
from ucj.intake.regions import parse_regions
from ucj.intake.writer import attname
from ucj.lib.bilingual import pair
from ucj.lib.cells import formula_like
from ucj.lib.personal import redact_expr


@dataclass
class Rows:
    """How one file's rows become checked model fields, batch by batch."""

    kind: Kind
    where: dict[str, str]
    region: str | None
    user: Any
    source: str
    is_sample: bool
    today: Any = field(default_factory=timezone.localdate)
    owner: int | None = None  # the importing office's region (`Kind.owner_region`)
    within: dict[int, str] | None = None  # region id → code: the only regions accepted
    # One 64-bit hash of each hashed NIK of the batches already checked in this pass,
    # sorted (`occurrence`): 8 bytes a row, searched by bisection, no hash table.
    _seen: pl.Series | None = field(default=None, init=False, repr=False)

    def start_pass(self) -> None:
        """The file is read again from its first batch (check pass, then store pass)."""
        self._seen = None

    def check(self, data: pl.DataFrame, checks: Checks) -> pl.DataFrame:
        """One batch of texts → its rows without a row error, as model fields (the
        errors go to `checks`)."""
        kind = self.kind
        frame = data.select("_row", *[_raw(c, self.where, self.region) for c in kind.columns])
        before = len(checks.errors)
        parsed = _parse(frame, kind, checks)
        if kind.owner_region:
            parsed = parsed.with_columns(pl.lit(self.owner, pl.Int64).alias("region_id"))
        # The model's write policy (`accounts/policy.py`): region scope, then locked months.
        refuse_outside_scope(parsed, kind, self.user, checks)
        if self.within is not None:
            refuse_outside(parsed, kind, self.within, checks)
        bad = combine(checks.errors[before:]).get_column("row").unique()
        # No bad row (the usual case): no filtered copy of every column (memory budget).
        clean = parsed.filter(~pl.col("_row").is_in(bad.implode())) if bad.len() else parsed
        out = with_fields(clean, kind, self.source, self.is_sample)
        if "occurrence" in kind.key and "nik_hash" in out.columns:
            out = self._carry_occurrence(out)
        refuse_locked(out, kind, checks)
        if kind.check_batch is not None:
            whole, checks.frame = checks.frame, out
            kind.check_batch(checks)
            checks.frame = whole
        return out

    def _carry_occurrence(self, out: pl.DataFrame) -> pl.DataFrame:
        """A NIK's occurrence counted over the whole file, not within its batch: the
        derive step numbers a batch alone, so the same NIK in two batches came out as
        two first occurrences, the same key twice, and a valid file was refused.
        The earlier rows of a NIK are counted in the sorted hashes of the earlier batches
        (two bisections per row). A join with a (hash, count) frame regrouped after every
        batch held a hash table of the whole file at each step: a million-row roster
        peaked at +440 MB there (issue 14: ≤ 3× the file, here 54 MB)."""
        hashes = out.get_column("nik_hash").hash()
        seen = self._seen
        if seen is not None and seen.len():
            earlier = seen.search_sorted(hashes, side="right") - seen.search_sorted(
                hashes, side="left"
            )
            out = out.with_columns(
                (pl.col("occurrence") + earlier.cast(out.schema["occurrence"]).alias("_n")).alias(
                    "occurrence"
                )
            )
            hashes = pl.concat([seen, hashes])
        self._seen = hashes.sort()
        return out

    @property
    def numbered(self) -> bool:
        """The key ends in an occurrence counted over the rest of the key (a roster's
        repeated NIK): two rows of one file never share a key, so no duplicate check and
        nothing of the key is kept for one."""
        return "occurrence" in self.kind.key

    def key(self) -> list[str]:
        return [attname(self.kind.model, k) for k in self.kind.key]

    def compact(self, clean: pl.DataFrame) -> pl.DataFrame:
        """What is kept of a batch for the whole file: everything (small kinds), or the
        kind's `whole_file` columns, the natural key (text parts as two 64-bit hashes)
        and the first column's text (the duplicate message quotes it)."""
        kind = self.kind
        if kind.whole_file is None:
            return clean
        keep = ["_row", *[c for c in kind.whole_file if c in clean.columns]]
        key = [] if self.numbered else self.key()
        exact = [k for k in key if k in keep or clean.schema[k] != pl.Utf8]
        text = [k for k in key if k not in exact]
        first = f"_raw.{kind.columns[0].name}"
        if key and "row" not in kind.key and first in clean.columns and first not in keep:
            keep.append(first)
        few = self._few_values()
        exprs = [
            pl.col(c).cast(pl.Categorical) if c in few and clean.schema[c] == pl.Utf8 else pl.col(c)
            for c in dict.fromkeys([*keep, *exact])
        ]
        exprs[0] = pl.col("_row").cast(pl.Int32)  # a row number: never past two billion
        if text:
            exprs += [pl.struct(text).hash(seed).alias(f"_key{seed}") for seed in (1, 2)]
        return clean.select(exprs)

    def _few_values(self) -> set[str]:
        """Columns with few distinct values (choices, periods, regions…): kept as
        categories, four bytes a row instead of sixteen or more."""
        few = {"choice", "period", "date", "year", "region", "bool"}
        names = set()
        for col in self.kind.columns:
            if col.parser in few:
                names.add(f"_raw.{col.name}")
                if col.field:
                    names.add(attname(self.kind.model, col.field))
        return names

    def compact_key(self, whole: pl.DataFrame) -> list[str]:
        key = self.key()
        if all(k in whole.columns for k in key):
            return key
        return [*[k for k in key if k in whole.columns], "_key1", "_key2"]


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
            *pair(_("berisi karakter kendali (mis. NUL); hapus karakter itu")),
        )
        # What an export's formula guard would defuse is refused here (`ucj.lib.cells`):
        # = + - @ tab CR at the start, unless the cell is a plain signed number.
        formula = frame.filter(formula_like(pl.col(f"_raw.{col.name}")))
        checks.error(
            formula,
            col.name,
            *pair(_("rumus/tautan tidak diterima (teks diawali = + - @); isi nilainya")),
        )
        if col.parser == "text" and not col.sensitive:
            # A NIK typed into a free-text column would be stored in the clear.
            raw_text = pl.col(f"_raw.{col.name}")
            checks.error(
                frame.filter(raw_text.is_not_null() & (redact_expr(raw_text) != raw_text)),
                col.name,
                *pair(_("berisi angka berbentuk NIK; NIK hanya boleh di kolom nik")),
            )
        if col.required:
            checks.error(
                frame.filter(pl.col(f"_raw.{col.name}").is_null()),
                col.name,
                *pair(_("wajib diisi")),
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
            checks.error(future, col.name, *pair(_("periode di masa depan")))
        elif col.parser == "date":
            future = result.filter(pl.col(col.name) > today)
            checks.error(future, col.name, *pair(_("tanggal di masa depan")))
    return result


def duplicates(clean: pl.DataFrame, kind: Kind, key: list[str], checks: Checks) -> None:
    if clean.height == 0:
        return
    # One 64-bit hash per row, sorted: equal neighbours are the only possible duplicates.
    # Polars' own `is_duplicated` on the key columns built a hash table of about 200
    # bytes a row (2,000,000 rows: +430 MB, twice the file; issue 14's memory budget);
    # this costs two u64 columns. The few candidates are then compared exactly.
    hashed = clean.select(pl.struct(key).hash().alias("_h")).get_column("_h").sort()
    same = hashed.filter(hashed == hashed.shift(1))
    if same.len() == 0:
        return  # the common case
    suspects = clean.filter(pl.struct(key).hash().is_in(same.unique().implode()))
    first = pl.col("_row").min().over(key)
    dup = suspects.with_columns(first.alias("_first")).filter(pl.col("_row") != pl.col("_first"))
    if dup.height:
        checks.error(
            dup,
            kind.columns[0].name,
            pl.format("kunci yang sama sudah ada di baris {}", pl.col("_first")),
            pl.format("the same key is already in row {}", pl.col("_first")),
        )
