"""Reading roster and membership files (CSV or XLSX) into lazy Polars frames.

Headers are matched Indonesian first, then English and common variants. Every cell is
read as text (a NIK read as a number loses nothing here, but "3273-01…" or a leading
apostrophe would break a numeric read). Bad values are reported with file, row, column
and value in both languages; NIK values are never quoted in a message.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from pathlib import Path
from typing import Any

import polars as pl
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.lib.periods import month_expr
from ucj.lib.personal import redact
from ucj.registry.models import PROGRAMS

ROSTER_COLUMNS: dict[str, tuple[str, ...]] = {
    "nik": ("nik", "no_nik", "nomor_nik", "no_ktp", "nomor_induk_kependudukan", "national_id"),
    "nama": ("nama", "nama_lengkap", "name", "full_name"),
    "tanggal_lahir": ("tanggal_lahir", "tgl_lahir", "birth_date", "date_of_birth", "dob"),
    "jenis_kelamin": ("jenis_kelamin", "jk", "kelamin", "sex", "gender"),
    "domisili": ("domisili", "kode_wilayah", "wilayah", "domicile", "region"),
    "kelompok": ("kelompok", "kelompok_pekerja", "group", "worker_group"),
    "instansi": ("instansi", "opd", "unit_kerja", "agency", "employer"),
}
MEMBERSHIP_COLUMNS: dict[str, tuple[str, ...]] = {
    "nik": ROSTER_COLUMNS["nik"],
    "kpj": ("kpj", "no_kpj", "nomor_kpj", "participant_number"),
    "segmen": ("segmen", "segment", "kategori_peserta"),
    **{p.lower(): (p.lower(), f"program_{p.lower()}", f"{p.lower()}_flag") for p in PROGRAMS},
    "status": ("status", "status_kepesertaan", "status_peserta", "membership_status"),
    "bulan_iuran_terakhir": (
        "bulan_iuran_terakhir",
        "iuran_terakhir",
        "blth_iuran_terakhir",
        "last_paid_month",
        "last_paid",
    ),
}
TRUE_WORDS = ["ya", "y", "1", "yes", "true", "iya", "v", "x"]
FALSE_WORDS = ["tidak", "tdk", "n", "0", "no", "false", "-"]
ACTIVE_WORDS = ["aktif", "active", "a", "1", "ya", "y"]
INACTIVE_WORDS = [
    "non-aktif",
    "non aktif",
    "nonaktif",
    "non_aktif",
    "tidak aktif",
    "inactive",
    "na",
    "0",
    "tidak",
    "n",
    "non-active",
]
MAX_REPORTED = 20
HINT = _("gunakan ya/tidak, Y/N atau 1/0; status aktif/non-aktif; bulan YYYY-MM")


class FileProblem(Exception):
    """Bad input: `problems` holds dicts with file, row, column, value, message_id/en."""

    def __init__(self, problems: list[dict[str, Any]]) -> None:
        super().__init__(problems[0]["message_en"] if problems else "bad file")
        self.problems = problems


def header_key(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", str(text).strip().lower()).strip("_")


def _map_headers(
    path: Path, headers: list[str], spec: dict[str, tuple[str, ...]]
) -> dict[str, str]:
    """{header as in the file: our column name}; `nik` is required."""
    wanted = {alias: ours for ours, aliases in spec.items() for alias in aliases}
    found: dict[str, str] = {}
    for header in headers:
        ours = wanted.get(header_key(header))
        if ours and ours not in found.values():
            found[header] = ours
    if "nik" not in found.values():
        raise FileProblem(
            [
                {
                    "file": path.name,
                    "row": 1,
                    "column": "nik",
                    "value": None,
                    **pair(
                        _("%(file)s: kolom 'nik' tidak ditemukan di baris judul."), file=path.name
                    ).as_dict(),
                }
            ]
        )
    return found


def _xlsx_frame(path: Path) -> pl.DataFrame:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    rows = book.worksheets[0].iter_rows(values_only=True)
    headers = [str(h) if h is not None else f"_{i}" for i, h in enumerate(next(rows, ()))]
    cols: list[list[str | None]] = [[] for _ in headers]
    for row in rows:
        for i in range(len(headers)):
            value: Any = row[i] if i < len(row) else None
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            elif isinstance(value, dt.datetime):
                value = value.date()
            cols[i].append(None if value is None or value == "" else str(value))
    book.close()
    return pl.DataFrame(
        {h: c for h, c in zip(headers, cols, strict=True)}, schema=dict.fromkeys(headers, pl.String)
    )


def scan(
    path: Path,
    spec: dict[str, tuple[str, ...]],
    categorical: tuple[str, ...] = (),
    int_nik: bool = False,
) -> tuple[pl.LazyFrame, set[str]]:
    """The file as a lazy frame with our column names, all text, plus `row` (file row);
    and the set of our columns the file really has (the others are added empty).

    `int_nik` (CSV only): read the NIK column as a 64-bit integer, a cell that is not a
    plain number becoming null; the caller falls back to a text read when any is null."""
    if not path.exists():
        raise FileNotFoundError(path)
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        frame = _xlsx_frame(path).lazy()
        headers = frame.collect_schema().names()
    elif path.suffix.lower() == ".parquet":
        # Parquet in (e.g. a list exported by another system): every cell read as text.
        frame = pl.scan_parquet(path).select(pl.all().cast(pl.String))
        headers = frame.collect_schema().names()
    else:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            sample = handle.read(64 * 1024)
        sep = ";" if sample.count(";") > sample.count(",") else ","
        headers = next(csv.reader([sample.splitlines()[0] if sample else ""], delimiter=sep), [])
        # Low-cardinality columns (Y/N, aktif) read as categories: 4 bytes a cell, not 16.
        keys = {
            h: spec_key
            for h in headers
            for spec_key in categorical
            if header_key(h) in spec.get(spec_key, ())
        }
        overrides: dict[str, Any] = dict.fromkeys(keys, pl.Categorical)
        if int_nik:
            overrides.update({h: pl.Int64 for h in headers if header_key(h) in spec["nik"]})
        frame = pl.scan_csv(
            path,
            separator=sep,
            infer_schema=False,
            encoding="utf8-lossy",
            missing_columns="insert",
            schema_overrides=overrides,
            ignore_errors=int_nik,
        )
    mapping = _map_headers(path, headers, spec)
    frame = frame.select([pl.col(h).alias(ours) for h, ours in mapping.items()])
    missing = [c for c in spec if c not in mapping.values()]
    frame = frame.with_columns([pl.lit(None, dtype=pl.String).alias(c) for c in missing])
    # Row 1 is the header, so the first data row is row 2, as a spreadsheet shows it.
    return frame.with_row_index("row", offset=2), set(mapping.values())


def _word_expr(col: str, yes: list[str], no: list[str]) -> tuple[pl.Expr, pl.Expr]:
    """(value as bool, value is unreadable)."""
    text = pl.col(col).cast(pl.String).str.strip_chars().str.to_lowercase()
    value = pl.when(text.is_in(yes)).then(True).when(text.is_in(no)).then(False)
    return value, text.is_not_null() & value.is_null()


BAD_COLUMNS = [*(p.lower() for p in PROGRAMS), "status", "bulan_iuran_terakhir"]


def parse_membership(
    frame: pl.LazyFrame, present: set[str], combos: pl.DataFrame | None = None
) -> pl.LazyFrame:
    """Add `active`, the program flags as bools, `last_paid` (a date) and, per source
    column, `_bad_<column>`: the cell has a value that cannot be read.

    A list has few distinct combinations of these cells (Y/N, aktif, a month): each is
    parsed once and joined back, which is several times cheaper than parsing every row.
    `combos`: those combinations read beforehand (`frame.select(BAD_COLUMNS).unique()`),
    so that a streamed file is not held in memory while they are found."""
    found = frame.select(BAD_COLUMNS).unique() if combos is None else combos.lazy()
    combos_lazy = found
    exprs, bad = [], []
    for program in PROGRAMS:
        value, unreadable = _word_expr(program.lower(), TRUE_WORDS, FALSE_WORDS)
        exprs.append(value.fill_null(False).alias(program))
        bad.append(unreadable.alias(f"_bad_{program.lower()}"))
    active, unreadable = _word_expr("status", ACTIVE_WORDS, INACTIVE_WORDS)
    bad.append(unreadable.alias("_bad_status"))
    # A list without a status column lists active participants only.
    exprs.append(active.alias("active") if "status" in present else pl.lit(True).alias("active"))
    paid = month_expr("bulan_iuran_terakhir")
    bad.append(
        (pl.col("bulan_iuran_terakhir").is_not_null() & paid.is_null()).alias(
            "_bad_bulan_iuran_terakhir"
        )
    )
    exprs.append(paid.alias("last_paid"))
    parsed = combos_lazy.with_columns(*exprs, *bad)
    return frame.join(parsed, on=BAD_COLUMNS, how="left", nulls_equal=True, maintain_order="left")


def bad_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """At most MAX_REPORTED rows of a `parse_membership` frame with an unreadable cell."""
    flags = [f"_bad_{c}" for c in BAD_COLUMNS]
    return (
        frame.select("row", *BAD_COLUMNS, *flags)
        .filter(pl.any_horizontal(pl.col(f).fill_null(False) for f in flags))
        .head(MAX_REPORTED)
    )


def problems(path: Path, bad: pl.DataFrame) -> list[dict[str, Any]]:
    """Each bad cell of `bad_rows`, naming file, row, column and value, in both languages."""
    out: list[dict[str, Any]] = []
    for rec in bad.iter_rows(named=True):
        for col in [c[5:] for c in rec if c.startswith("_bad_") and rec[c]]:
            # A NIK typed into another column is masked like the NIK itself.
            row, value = rec["row"], redact(rec[col]) if rec[col] is not None else None
            out.append(
                {
                    "file": path.name,
                    "row": row,
                    "column": col,
                    "value": value,
                    **pair(
                        _(
                            "%(file)s, baris %(row)s, kolom %(column)s: nilai %(value)s tidak "
                            "dikenal (%(hint)s)."
                        ),
                        file=path.name,
                        row=row,
                        column=col,
                        value=repr(value),
                        hint=pair(HINT),
                    ).as_dict(),
                }
            )
    return out[:MAX_REPORTED]
