"""`--errors-out`: the file's rows with an added error column, in the file's own format.

Sensitive columns (NIK) are masked, and so is a NIK-like number in any other column
(`ucj.lib.personal.redact`); text that a spreadsheet would run as a formula is guarded
by the one formula guard (`ucj.lib.cells`).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ucj.intake.checks import mask
from ucj.intake.kinds import Kind, header_key
from ucj.intake.pipeline import Outcome
from ucj.lib import sheets
from ucj.lib.cells import safe_text_expr
from ucj.lib.personal import redact_expr

ERROR_COLUMN = "galat_error"


def error_rows(outcome: Outcome, kind: Kind) -> pl.DataFrame:
    """All data rows (in file order) with their messages joined, plus the row number."""
    assert outcome.table is not None
    table = outcome.table
    names = [h or f"kolom_{i + 1}" for i, h in enumerate(table.headers)]
    per_row = (
        outcome.errors.filter(pl.col("row").is_not_null())
        .group_by("row")
        .agg(
            pl.concat_str(pl.col("message_id"), pl.lit(" / "), pl.col("message_en"))
            .str.join(" | ")
            .alias(ERROR_COLUMN)
        )
    )
    data = table.data.join(per_row, left_on="_row", right_on="row", how="left")
    cols = [f"c{i}" for i in range(len(names))]
    secret = {header_key(n) for c in kind.columns if c.sensitive for n in (c.name, *c.aliases)}

    def cell(c: str, n: str) -> pl.Expr:
        # Any NIK-like number in any column is masked; then the one formula guard.
        value = safe_text_expr(redact_expr(pl.col(c)))
        return (mask(pl.col(c)) if header_key(n) in secret else value).alias(n)

    return data.select(
        pl.col("_row").alias("baris_row"),
        *[cell(c, n) for c, n in zip(cols, names, strict=True)],
        pl.col(ERROR_COLUMN).fill_null(""),
    )


def write_errors_out(outcome: Outcome, path: Path, kind: Kind) -> None:
    frame = error_rows(outcome, kind)
    if outcome.table is not None and outcome.table.fmt == "xlsx":
        sheets.write_frames(path, {"galat": frame})
    else:
        sheets.frame_csv(frame, path, separator=outcome.table.separator if outcome.table else ",")
