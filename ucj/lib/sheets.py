"""Every spreadsheet the product writes, XLSX or CSV, goes through this module, and every
text cell through the one formula guard (`ucj.lib.cells`): numbers stay numbers (a
number, or text that is a plain number such as '-0,98'), dates stay dates, and text a
spreadsheet would run ('=…', '+…', '@…') is written as text.

- XLSX: `Sheets(target)` streams rows (xlsxwriter in constant-memory mode, so a million
  rows stay small) into sheets added with `add(name, header, rows)`; a sheet past the
  format's 1,048,576 rows goes on in `name-2`, `name-3`, …. `write_row` writes one row
  with `write_string` for text (never `write()`, which turns '=…' into a formula).
- CSV: `csv_lines` yields lines for a streamed HTTP answer (with a BOM so Excel reads
  UTF-8), `write_csv` writes to a file handle, `frame_csv` writes a Polars frame (or
  streams a LazyFrame) with its text columns guarded.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Protocol

import polars as pl
import xlsxwriter

from ucj.lib.cells import local_time, safe_frame, safe_row, safe_text

MAX_ROWS = 1_048_576  # rows in one XLSX sheet, the header included


def write_row(
    sheet: Any,
    row: int,
    values: Iterable[Any],
    col: int = 0,
    cell_format: Any = None,
    date_format: Any = None,
) -> None:
    """One XLSX row: numbers as numbers, days as dates (`date_format`; ISO text without
    one), booleans as booleans, text guarded and written with write_string."""
    for j, value in enumerate(values, start=col):
        if value is None or value == "":
            sheet.write_blank(row, j, None, cell_format)
        elif isinstance(value, bool):
            sheet.write_boolean(row, j, value, cell_format)
        elif isinstance(value, int | float | Decimal):
            sheet.write_number(row, j, float(value), cell_format)
        elif isinstance(value, dt.date) and not isinstance(value, dt.datetime) and date_format:
            midnight = dt.datetime(value.year, value.month, value.day)
            sheet.write_datetime(row, j, midnight, date_format)
        elif isinstance(value, dt.datetime):  # a moment: in the configured zone (WIB)
            sheet.write_string(row, j, local_time(value), cell_format)
        elif isinstance(value, dt.date):
            sheet.write_string(row, j, value.isoformat(), cell_format)
        else:
            sheet.write_string(row, j, safe_text(str(value)), cell_format)


class Sheets:
    """An XLSX workbook written row by row; close it (or use `with`)."""

    def __init__(self, target: str | Path | IO[bytes]) -> None:
        self.book = xlsxwriter.Workbook(
            str(target) if isinstance(target, Path) else target,
            {
                "constant_memory": True,
                "strings_to_formulas": False,
                "strings_to_numbers": False,
                "strings_to_urls": False,
            },
        )
        self.bold = self.book.add_format({"bold": True, "text_wrap": True})
        self.date = self.book.add_format({"num_format": "yyyy-mm-dd"})

    def add(
        self,
        name: str,
        header: Sequence[Any],
        rows: Iterable[Sequence[Any]],
        width: int | None = None,
    ) -> int:
        """A sheet with a bold header and `rows`; returns how many rows were written."""
        count, number, part = 0, MAX_ROWS, 0
        sheet = None
        for values in rows:
            if number >= MAX_ROWS:
                part += 1
                sheet = self._sheet(name if part == 1 else f"{name}-{part}", header, width)
                number = 1
            write_row(sheet, number, values, date_format=self.date)
            number += 1
            count += 1
        if sheet is None:
            self._sheet(name, header, width)
        return count

    def _sheet(self, name: str, header: Sequence[Any], width: int | None) -> Any:
        sheet = self.book.add_worksheet(name[:31])
        write_row(sheet, 0, header, cell_format=self.bold)
        if width:
            sheet.set_column(0, max(0, len(header) - 1), width)
        return sheet

    def add_frame(self, name: str, frame: pl.DataFrame) -> int:
        return self.add(name, frame.columns, frame.iter_rows())

    def close(self) -> None:
        self.book.close()

    def __enter__(self) -> Sheets:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def write_frames(path: Path, frames: Mapping[str, pl.DataFrame]) -> None:
    """One XLSX file with a sheet per Polars frame."""
    with Sheets(path) as book:
        for name, frame in frames.items():
            book.add_frame(name, frame)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[Any], rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """CSV lines to stream (a BOM first: Excel then opens UTF-8 correctly)."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(safe_row(header))
    for values in rows:
        yield writer.writerow(safe_row("" if v is None else v for v in values))


class Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def write_csv(handle: Writable, header: Sequence[Any], rows: Iterable[Iterable[Any]]) -> int:
    """CSV into an open text handle (an HttpResponse, a StringIO); returns the row count."""
    writer = csv.writer(handle)
    writer.writerow(safe_row(header))
    count = 0
    for values in rows:
        writer.writerow(safe_row("" if v is None else v for v in values))
        count += 1
    return count


def frame_csv(frame: pl.DataFrame | pl.LazyFrame, path: Path, separator: str = ",") -> None:
    """A Polars frame to CSV, text columns guarded; a LazyFrame is streamed."""
    if isinstance(frame, pl.LazyFrame):
        safe_frame(frame).sink_csv(path, separator=separator, engine="streaming")
    else:
        safe_frame(frame).write_csv(path, separator=separator)
