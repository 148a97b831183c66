"""Cell parsers: raw text → typed value or a bilingual reason, set-based.

Every parser takes the raw text column (Polars Utf8, already stripped, '' → null) and
returns a frame of three columns: `value`, `err_id`, `err_en` (null when the cell is
fine). Counts and percentages are parsed with vectorised Polars expressions (a million
distinct values); dates, periods, choices and regions have few distinct values, so each
distinct text is parsed once in Python and joined back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

import polars as pl
from django.utils.translation import gettext_lazy as _

from ucj.intake.kinds import Column
from ucj.lib.bilingual import pair
from ucj.lib.periods import MONTHS, PeriodError, read_period

Reason = tuple[str, str]
Scalar = Callable[[str], tuple[Any, Reason | None]]


class CellError(ValueError):
    def __init__(self, message_id: str, message_en: str):
        super().__init__(message_en)
        self.reason = (message_id, message_en)


def _frame(value: pl.Expr, err_id: pl.Expr, err_en: pl.Expr, raw: pl.Series) -> pl.DataFrame:
    return pl.DataFrame({"raw": raw}).select(
        value.alias("value"), err_id.alias("err_id"), err_en.alias("err_en")
    )


def _reason(cond: pl.Expr, rid: str, ren: str, prior: tuple[pl.Expr, pl.Expr]) -> Any:
    return (
        pl.when(cond).then(pl.lit(rid)).otherwise(prior[0]),
        pl.when(cond).then(pl.lit(ren)).otherwise(prior[1]),
    )


NONE = (pl.lit(None, pl.Utf8), pl.lit(None, pl.Utf8))


def parse_count(raw: pl.Series, signed: bool = False) -> pl.DataFrame:
    """'112.000', '1.234.567', '112000' → int. A fraction or a comma is an error."""
    # Staged with_columns: each regex runs once over a million cells, not once per use.
    f = pl.DataFrame({"r": raw}).with_columns(pl.col("r").str.replace_all(r"[\s\u00a0]", ""))
    f = f.with_columns(
        (
            pl.col("r").str.contains(r"^-?\d+$")
            | pl.col("r").str.contains(r"^-?\d{1,3}(\.\d{3})+$")
        ).alias("ok")
    )
    f = f.with_columns(
        pl.when(pl.col("ok"))
        .then(pl.col("r").str.replace_all(".", "", literal=True))
        .cast(pl.Int64, strict=False)
        .alias("value")
    )
    bad = f.filter(~pl.col("ok").fill_null(True) | (pl.col("ok") & pl.col("value").is_null()))
    if not signed:
        bad = pl.concat([bad, f.filter(pl.col("value") < 0)])
    if bad.height == 0:  # the common case: no reason column to compute
        return f.select(
            "value", pl.lit(None, pl.Utf8).alias("err_id"), pl.lit(None, pl.Utf8).alias("err_en")
        )
    r = pl.col("r")
    fraction = ~pl.col("ok") & (
        r.str.contains(r"^-?\d*[.,]\d+$") | r.str.contains(r"^-?[\d.]+,\d+$")
    )
    reasons = _reason(
        ~pl.col("ok") & r.is_not_null(),
        *pair(_("bukan bilangan bulat (contoh: 112.000)")),
        NONE,
    )
    reasons = _reason(fraction, *pair(_("jumlah tidak boleh berpecahan")), reasons)
    reasons = _reason(
        pl.col("ok") & pl.col("value").is_null(), *pair(_("angka terlalu besar")), reasons
    )
    if not signed:
        reasons = _reason(pl.col("value") < 0, *pair(_("jumlah tidak boleh negatif")), reasons)
    return f.select("value", reasons[0].alias("err_id"), reasons[1].alias("err_en"))


def parse_decimal(raw: pl.Series, percent: bool = False) -> pl.DataFrame:
    """'43,5', '43,5%', '43.5', '43.5 %' → 43.5."""
    r = pl.col("raw").str.replace_all(r"[\s\u00a0]", "")
    if percent:
        r = r.str.strip_suffix("%")
    r = r.str.replace(",", ".", literal=True)
    ok = r.str.contains(r"^-?\d+(\.\d+)?$")
    value = pl.when(ok).then(r).cast(pl.Float64, strict=False)
    reasons = _reason(
        ~ok & r.is_not_null(),
        *pair(_("bukan angka (contoh: 43,5)")),
        NONE,
    )
    reasons = _reason(value < 0, *pair(_("tidak boleh negatif")), reasons)
    return _frame(value, reasons[0], reasons[1], raw)


def scalar_date(text: str) -> dt.date:
    t = text.strip().lower()
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t]\d{2}:\d{2}(?::\d{2})?)?", t)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})[/\-.](\d{1,2})[/\-.](\d{4})", t):
        d, mo, y = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})", t):
        if m[2] not in MONTHS:
            raise CellError(*pair(_("nama bulan tidak dikenal")))
        d, mo, y = int(m[1]), MONTHS[m[2]], int(m[3])
    else:
        raise CellError(
            *pair(_("bukan tanggal (contoh: 19/05/2025 atau 19 Mei 2025)")),
        )
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise CellError(*pair(_("tanggal tidak ada"))) from None


def scalar_period(text: str) -> dt.date:
    """A period cell (`ucj.lib.periods.read_period`: 2024-09, Sep 2024, 09/2024, …)."""
    try:
        return read_period(text)
    except PeriodError as exc:
        raise CellError(exc.message_id, exc.message_en) from None


def scalar_year(text: str) -> int:
    t = text.strip().replace(".", "")
    if not re.fullmatch(r"\d{4}", t) or not 1990 <= int(t) <= 2100:
        raise CellError(*pair(_("bukan tahun (contoh: 2025)")))
    return int(t)


BOOLS = {"ya": True, "y": True, "yes": True, "1": True, "true": True, "benar": True,
         "tidak": False, "no": False, "n": False, "0": False, "false": False}  # fmt: skip


def by_distinct(raw: pl.Series, fn: Scalar, dtype: Any) -> pl.DataFrame:
    """Parse each distinct text once and join back (dates, periods, choices, regions)."""
    distinct = raw.drop_nulls().unique()
    values, ids, ens = [], [], []
    for text in distinct.to_list():
        value, reason = fn(text)
        values.append(value)
        ids.append(reason[0] if reason else None)
        ens.append(reason[1] if reason else None)
    table = pl.DataFrame(
        {
            "raw": pl.Series(distinct.to_list(), dtype=pl.Utf8),
            "value": pl.Series(values, dtype=dtype),
            "err_id": pl.Series(ids, dtype=pl.Utf8),
            "err_en": pl.Series(ens, dtype=pl.Utf8),
        }
    )
    return (
        pl.DataFrame({"raw": raw})
        .join(table, on="raw", how="left", maintain_order="left")
        .select("value", "err_id", "err_en")
    )


def _guard(fn: Callable[[str], Any]) -> Scalar:
    def run(text: str) -> tuple[Any, Reason | None]:
        try:
            return fn(text), None
        except CellError as exc:
            return None, exc.reason

    return run


def parse_column(raw: pl.Series, column: Column) -> pl.DataFrame:
    """The parsed frame (value, err_id, err_en) for one column, regions excepted."""
    p = column.parser
    if p in ("int", "signed_int"):
        return parse_count(raw, signed=p == "signed_int")
    if p == "rupiah":  # 'Rp84.000.000', 'Rp 84.000.000,00', 'IDR 84000000': whole rupiah
        bare = raw.str.replace(r"(?i)^\s*(rp\.?|idr)\s*", "").str.replace(r",00?$", "")
        return parse_count(bare)
    if p in ("decimal", "pct"):
        return parse_decimal(raw, percent=p == "pct")
    if p == "year":
        return by_distinct(raw, _guard(scalar_year), pl.Int64)
    if p == "date":
        return by_distinct(raw, _guard(scalar_date), pl.Date)
    if p == "period":
        return by_distinct(raw, _guard(scalar_period), pl.Date)
    if p == "bool":

        def as_bool(text: str) -> bool:
            key = text.strip().lower()
            if key not in BOOLS:
                raise CellError(*pair(_("isi ya atau tidak")))
            return BOOLS[key]

        return by_distinct(raw, _guard(as_bool), pl.Boolean)
    if p == "choice":
        mapping = column.choice_map()
        accepted = ", ".join(column.accepted())

        def as_choice(text: str) -> str:
            key = re.sub(r"\s+", " ", text.strip().lower())
            if key not in mapping:
                raise CellError(*pair(_("tidak dikenal; pilihan: %(accepted)s"), accepted=accepted))
            return mapping[key]

        return by_distinct(raw, _guard(as_choice), pl.Utf8)
    # text
    value = pl.col("raw")
    reasons = NONE
    if column.max_length:
        reasons = _reason(
            value.str.len_chars() > column.max_length,
            *pair(_("terlalu panjang (maks. %(max)s karakter)"), max=column.max_length),
            NONE,
        )
    return _frame(value, reasons[0], reasons[1], raw)
