"""A large XLSX sheet read in batches of rows (issue 14, item 6: bounded memory).

openpyxl's read-only mode parses the sheet's XML as it goes; the sheet is opened again
for each pass (`RawTable.batches()` is called twice: check, then store), so no more than
one batch of cells is held, whatever the sheet's size. Merged cells are not known in
this mode: large files are data exports, small ones (`readers.FULL_XLSX_BELOW`) are read
whole with their merged headers filled.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl


def sheet_rows(
    path: Path, title: str, width: int, cell: Callable[[Any], str | None], skip: int = 0
) -> Iterator[list[str | None]]:
    """The sheet's rows as texts (`cell` reads one cell), after the first `skip` rows."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        ws = book[title]
        ws.reset_dimensions()  # the stored dimension may be missing or wrong
        for r in ws.iter_rows(min_row=skip + 1, max_col=width or None):
            yield [cell(c) for c in r[:width]]
    finally:
        book.close()


def batches(
    rows: Iterator[list[str | None]], width: int, size: int
) -> Iterator[tuple[int, pl.DataFrame]]:
    """(offset of the batch's first row among `rows`, its texts as columns c0…) per
    `size` rows."""
    schema = {f"c{i}": pl.Utf8 for i in range(width)}
    done, part = 0, []
    for row in rows:
        part.append(row)
        if len(part) == size:
            yield done, _frame(part, width, schema)
            done, part = done + size, []
    if part:
        yield done, _frame(part, width, schema)


def _frame(part: list[list[str | None]], width: int, schema: dict[str, Any]) -> pl.DataFrame:
    columns = {f"c{i}": [r[i] if i < len(r) else None for r in part] for i in range(width)}
    return pl.DataFrame(columns, schema=schema)
