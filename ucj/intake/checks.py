"""Row errors and warnings, collected set-based, with bilingual messages.

Each flagged row becomes one message naming row, column and value, in Bahasa Indonesia
and English: "Baris 7, kolom 'peserta_aktif', nilai '12,5': jumlah tidak boleh berpecahan".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import polars as pl
from django.utils.translation import gettext_lazy as _

from ucj.intake.kinds import Kind
from ucj.lib import personal
from ucj.lib.bilingual import pair

ISSUE_SCHEMA: dict[str, Any] = {
    "row": pl.Int64,
    "column": pl.Utf8,
    "value": pl.Utf8,
    "message_id": pl.Utf8,
    "message_en": pl.Utf8,
}
MAX_LISTED = 10_000  # a million bad rows are summarised, not printed
SHOWN_VALUE_CHARS = 80  # a 10 MB cell is named by its start, not echoed three times
CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"  # as ucj.lib.edge.CONTROL


def mask(value: pl.Expr) -> pl.Expr:
    """A sensitive cell as messages show it: a NIK (separators ignored) in its masked form
    ('3201**********01', the one masking rule of `ucj.lib.personal`), anything else as
    stars only (a mistyped NIK is still most of a NIK)."""
    digits = value.cast(pl.Utf8).str.replace_all(r"[\s.\-/_']", "")
    return personal.mask_nik_expr(digits)


def _expr(text: str | pl.Expr) -> pl.Expr:
    return text if isinstance(text, pl.Expr) else pl.lit(text)


def shown(value: pl.Expr) -> pl.Expr:
    """A cell as messages quote it: control characters as U+FFFD (PostgreSQL refuses
    NUL in text, a terminal obeys escapes), cut to SHOWN_VALUE_CHARS with '…'."""
    text = value.cast(pl.Utf8).fill_null("").str.replace_all(CONTROL, "\ufffd")
    return (
        pl.when(text.str.len_chars() > SHOWN_VALUE_CHARS)
        .then(text.str.slice(0, SHOWN_VALUE_CHARS) + pl.lit("…"))
        .otherwise(text)
    )


def issues_frame(
    rows: pl.DataFrame, column: str | None, value: pl.Expr, reason_id: pl.Expr, reason_en: pl.Expr
) -> pl.DataFrame:
    """One issue per row. A NIK-like number anywhere in the value or the reason (any
    column, not only the NIK's) is masked: messages reach the screen, stderr, JSON,
    `--errors-out` and the batch's stored warnings. The value is quoted short and
    without control characters (`shown`)."""
    value_text = shown(personal.redact_expr(value.cast(pl.Utf8)).fill_null(""))
    col = shown(pl.lit(column or "")).alias("_col")
    # with_columns: the reasons may read other columns of `rows` (err_id, _first, …).
    return rows.with_columns(value_text.alias("_value"), col).select(
        pl.col("_row").cast(pl.Int64).alias("row"),
        pl.lit(column, pl.Utf8).alias("column"),
        pl.col("_value").alias("value"),
        personal.redact_expr(
            pl.format(
                "Baris {}, kolom '{}', nilai '{}': {}", pl.col("_row"), pl.col("_col"),
                pl.col("_value"), reason_id,
            )
        ).alias("message_id"),
        personal.redact_expr(
            pl.format(
                "Row {}, column '{}', value '{}': {}", pl.col("_row"), pl.col("_col"),
                pl.col("_value"), reason_en,
            )
        ).alias("message_en"),
    )  # fmt: skip


@dataclass
class Checks:
    """What a kind's `validate` hook gets: the parsed rows and two ways to flag them."""

    kind: Kind
    frame: pl.DataFrame
    user: Any = None
    today: dt.date = field(default_factory=dt.date.today)
    errors: list[pl.DataFrame] = field(default_factory=list)
    warnings: list[pl.DataFrame] = field(default_factory=list)

    def _value(self, rows: pl.DataFrame, column: str) -> pl.Expr:
        raw = f"_raw.{column}"
        if any(c.name == column and c.sensitive for c in self.kind.columns):
            return mask(pl.col(raw)) if raw in rows.columns else pl.lit("")
        if raw in rows.columns:
            return pl.col(raw)
        if column in rows.columns:
            return pl.col(column).cast(pl.Utf8)
        return pl.lit("")

    def error(
        self, rows: pl.DataFrame, column: str, message_id: str | pl.Expr, message_en: str | pl.Expr
    ) -> None:
        """Each row of `rows` (a filter of `frame`) has an error in `column`: nothing is written."""
        if rows.height:
            self.errors.append(
                issues_frame(
                    rows, column, self._value(rows, column), _expr(message_id), _expr(message_en)
                )
            )

    def warn(
        self, rows: pl.DataFrame, column: str, message_id: str | pl.Expr, message_en: str | pl.Expr
    ) -> None:
        """Each row of `rows` gets a warning: the import goes ahead, the warning is kept."""
        if rows.height:
            self.warnings.append(
                issues_frame(
                    rows, column, self._value(rows, column), _expr(message_id), _expr(message_en)
                )
            )


def combine(parts: list[pl.DataFrame]) -> pl.DataFrame:
    if not parts:
        return pl.DataFrame(schema=ISSUE_SCHEMA)
    return pl.concat(
        [p.select(list(ISSUE_SCHEMA)).cast(pl.Schema(ISSUE_SCHEMA)) for p in parts]
    ).sort("row", "column", nulls_last=True, maintain_order=True)


def as_list(frame: pl.DataFrame, limit: int = MAX_LISTED) -> list[dict[str, Any]]:
    """The contract's list of {row, column, value, message_id, message_en}: the first
    `limit` messages, then one line with how many more there are in each column."""
    listed = frame.head(limit).to_dicts()
    if frame.height > limit:
        more = frame.height - limit
        rest = frame.slice(limit).group_by(pl.col("column").fill_null("-")).len()
        biggest = rest.sort("len", descending=True).head(20)
        per = ", ".join(f"{c}: {n}" for c, n in biggest.iter_rows())
        listed.append(
            {
                "row": None,
                "column": None,
                "value": "",
                **pair(
                    _("… dan %(more)s pesan lain (%(per)s; lihat --errors-out)"), more=more, per=per
                ).as_dict(),
            }
        )
    return listed
