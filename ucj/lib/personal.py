"""The masked form of a NIK, and redaction of NIK-like numbers in any text.

One rule decides which digits of a NIK may be shown or stored in the clear: the
kab/kota of issue (digits 1–4) and the last two digits of the serial (15–16). Everything
else — kecamatan (5–6), birth day, month and year (7–12) and the first two serial digits
(13–14) — is hidden. With the birth YEAR and sex stored beside it and the kecamatan
guessed from the domicile, at least 365 × 100 − 365 = 36,135 NIKs fit every stored row
(the arithmetic is in docs/SECURITY.md), so the clear fields never narrow a person's NIK
below 1,000 candidates.

`redact` masks any 16-digit number in a text that has the structure of a NIK (a birth
day 01–31 or 41–71 at digits 7–8 and a month 01–12 at 9–10), whatever column, message,
file name or log line it comes from; separators (space, dot, dash, slash) between the
digits are recognised. Plain Python, no Django: the logging filter uses it too.
"""

from __future__ import annotations

import logging
import re

import polars as pl

SHOWN_HEAD = 4  # kab/kota of issue
SHOWN_TAIL = 2  # last two serial digits: enough to tell two rows of one list apart
NIK_LENGTH = 16
HIDDEN = NIK_LENGTH - SHOWN_HEAD - SHOWN_TAIL

# 16 digits, a separator (space, dot, dash, slash) allowed between any two of them, not
# inside a longer run of digits; the structure is checked on the digits alone.
_NIK_RE = re.compile(r"(?<!\d)\d(?:[ .\-/]?\d){15}(?!\d)")
_LOOSE = r"\d(?:[ .\-/]?\d){15}"


def looks_like_nik(digits: str) -> bool:
    """16 digits with a birth day 01–31 or 41–71 and a month 01–12 where a NIK has them."""
    if len(digits) != NIK_LENGTH or not digits.isdigit():
        return False
    day, month = int(digits[6:8]), int(digits[8:10])
    return (1 <= day <= 31 or 41 <= day <= 71) and 1 <= month <= 12


def mask_nik(digits: str) -> str:
    """'3273010105880001' → '3273**********01'; anything not 16 digits → all stars, at
    most 16 (a long cell must still fit the masked column)."""
    if len(digits) != NIK_LENGTH or not digits.isdigit():
        return "*" * min(len(digits), NIK_LENGTH)
    return digits[:SHOWN_HEAD] + "*" * HIDDEN + digits[-SHOWN_TAIL:]


def mask_nik_expr(digits: pl.Expr) -> pl.Expr:
    """`mask_nik` for a column of normalised NIKs (nulls stay null)."""
    return (
        pl.when(digits.str.contains(r"^\d{16}$"))
        .then(
            pl.concat_str(
                digits.str.slice(0, SHOWN_HEAD),
                pl.lit("*" * HIDDEN),
                digits.str.slice(NIK_LENGTH - SHOWN_TAIL, SHOWN_TAIL),
            )
        )
        # a slice of one string of stars, not a list per row joined (13× the CPU: both
        # branches run for every row of a 40M list)
        .otherwise(
            pl.lit("*" * NIK_LENGTH).str.head(digits.str.len_chars().clip(upper_bound=NIK_LENGTH))
        )
    )


def _replace(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return mask_nik(digits) if looks_like_nik(digits) else match.group(0)


def redact(text: object) -> str:
    """`text` with every NIK-like 16-digit number replaced by its masked form."""
    value = "" if text is None else str(text)
    if len(value) < NIK_LENGTH:
        return value
    return _NIK_RE.sub(_replace, value)


def _redact_series(series: pl.Series) -> pl.Series:
    text = series.cast(pl.Utf8)
    hit = text.str.contains(_LOOSE).fill_null(False)
    if not hit.any():
        return text
    # The common case, a cell that is exactly a NIK, is masked without Python.
    frame = text.to_frame("t").with_columns(
        pl.col("t").str.slice(6, 2).cast(pl.Int32, strict=False).alias("d"),
        pl.col("t").str.slice(8, 2).cast(pl.Int32, strict=False).alias("m"),
        pl.col("t").str.contains(r"^\d{16}$").fill_null(False).alias("whole"),
    )
    shaped = pl.col("whole") & (pl.col("d").is_between(1, 31) | pl.col("d").is_between(41, 71))
    shaped = shaped & pl.col("m").is_between(1, 12)
    text = frame.select(
        pl.when(shaped).then(mask_nik_expr(pl.col("t"))).otherwise(pl.col("t")).alias("t")
    )["t"]
    rest = (hit & ~frame["whole"]).arg_true()
    if rest.len():
        text = text.scatter(rest, [redact(v) for v in text.gather(rest).to_list()])
    return text.alias(series.name)


def redact_expr(expr: pl.Expr) -> pl.Expr:
    """`redact` for a text column: whole-cell NIKs are masked vectorised, and only cells
    with a NIK inside other text go through Python."""
    return expr.map_batches(_redact_series, return_dtype=pl.Utf8)


class RedactFilter(logging.Filter):
    """Masks NIK-like numbers in every log record (message and arguments)."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is still logged, as logging would
            return True
        clean = redact(message)
        if clean != message:
            record.msg, record.args = clean, None
        return True
