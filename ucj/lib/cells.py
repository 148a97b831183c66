"""The one formula guard for every CSV and XLSX the product writes (issue 14).

A text cell starting with `= + - @`, a tab or a carriage return is run as a formula (or
a DDE payload) by Excel, LibreOffice and Google Sheets once the file is opened or
re-saved as CSV (OWASP "CSV injection"). Such text gets a leading apostrophe, which every
spreadsheet shows as text. Numbers stay numbers: a real number (int, float, Decimal) is
never touched, nor is text that is a plain number in Indonesian or English notation
("-0,98", "+5", "-1.234.567", "12,5%"), which spreadsheets read as a number, not a formula.

Every export writes through `ucj.lib.sheets`, which calls `safe_cell` (one value),
`safe_row` (a row) or `safe_frame` (a Polars frame: String columns only). Imports read
the same set of leading characters as a formula (`FORMULA_START`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import polars as pl

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A signed plain number: digits with . or , separators, an optional trailing %; or a
# lone dash ("none" in many Indonesian sheets), which no spreadsheet runs.
_PLAIN_NUMBER = r"(?:[+-]?\d[\d.,]*%?|-)"
_PLAIN_RE = re.compile(_PLAIN_NUMBER)
_START_RE = r"^[=+\-@\t\r]"


def is_formula_like(text: str) -> bool:
    """Would a spreadsheet run this text (not a plain signed number) as a formula?"""
    return text[:1] in FORMULA_START and not _PLAIN_RE.fullmatch(text)


def safe_text(text: str) -> str:
    return "'" + text if is_formula_like(text) else text


def local_time(value: dt.datetime) -> str:
    """A moment as exports write it: in the configured zone (WIB), to the second, with its
    offset (`2026-12-02T03:10:00+07:00`), never the database's UTC."""
    from django.utils import timezone

    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat(timespec="seconds")


def safe_cell(value: Any) -> Any:
    """A cell as an export writes it: text guarded, moments in the configured zone,
    everything else unchanged."""
    if isinstance(value, dt.datetime):
        return local_time(value)
    return safe_text(value) if isinstance(value, str) else value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]


def formula_like(expr: pl.Expr) -> pl.Expr:
    """`is_formula_like` for a String column (imports refuse these cells)."""
    return expr.str.contains(_START_RE) & ~expr.str.contains(f"^{_PLAIN_NUMBER}$")


def safe_text_expr(expr: pl.Expr) -> pl.Expr:
    """`safe_text` for a String column."""
    return pl.when(formula_like(expr)).then(pl.lit("'") + expr).otherwise(expr)


def safe_frame(frame: Any) -> Any:
    """Every String column of a Polars DataFrame or LazyFrame guarded; others unchanged."""
    schema = frame.collect_schema() if isinstance(frame, pl.LazyFrame) else frame.schema
    text = [name for name, dtype in schema.items() if dtype == pl.String]
    return frame.with_columns([safe_text_expr(pl.col(c)).alias(c) for c in text])
