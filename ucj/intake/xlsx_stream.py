"""A large XLSX sheet read in batches of rows (issue 14, item 6: bounded memory).

openpyxl's read-only mode parses the sheet's XML as it goes; the sheet is opened again
for each pass (`RawTable.batches()` is called twice: check, then store), so no more than
one batch of cells is held, whatever the sheet's size. Merged cells are not known in
this mode: large files are data exports, small ones (`readers.FULL_XLSX_BELOW`) are read
whole with their merged headers filled.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import polars as pl


class SharedStrings:
    """A workbook's shared strings (every text cell Excel writes, each distinct text once)
    packed in one UTF-8 buffer with their end offsets: about the text's bytes plus 8 a
    string. openpyxl keeps a Python list (about 70 bytes a string more): a million-row
    roster's NIKs and names held 2,000,000 strings, 4× the XLSX file (issue 14)."""

    def __init__(self) -> None:
        self._text = bytearray()
        self._ends = array("Q")

    def append(self, text: str) -> None:
        self._text += text.encode("utf-8", "surrogatepass")
        self._ends.append(len(self._text))

    def __len__(self) -> int:
        return len(self._ends)

    def __getitem__(self, i: int) -> str:
        end = self._ends[i]  # IndexError as a list's
        start = self._ends[i - 1] if i % len(self._ends) else 0
        return self._text[start:end].decode("utf-8", "surrogatepass")


def _read_shared_strings(source: Any) -> SharedStrings:
    """openpyxl's `read_string_table`, into `SharedStrings`; each string's element is
    dropped from the tree once read (the parser would keep every one, emptied)."""
    from openpyxl.cell.text import Text
    from openpyxl.xml.constants import SHEET_MAIN_NS
    from openpyxl.xml.functions import iterparse

    tag = f"{{{SHEET_MAIN_NS}}}si"
    strings, root = SharedStrings(), None
    for event, node in iterparse(source, events=("start", "end")):
        if root is None:
            root = node
        elif event == "end" and node.tag == tag:
            strings.append(Text.from_tree(node).content.replace("x005F_", ""))
            root.clear()
    return strings


def open_book(path: Path) -> Any:
    """The workbook in openpyxl's read-only mode, its shared strings packed."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.xml.constants import SHARED_STRINGS

    class Reader(ExcelReader):  # type: ignore[misc]
        def read_strings(self) -> None:
            found = self.package.find(SHARED_STRINGS)
            if found is not None:
                with self.archive.open(found.PartName[1:]) as src:
                    self.shared_strings = _read_shared_strings(src)

    reader = Reader(path, read_only=True, keep_vba=False, data_only=False, keep_links=True)
    reader.read()
    return reader.wb


def _drop_read_rows() -> None:
    """openpyxl's sheet parser empties each row it has read but leaves it in the tree:
    about 100 bytes a row for the whole sheet (a million rows: 100 MB, 3× a roster's
    XLSX). Its XML reader is given one that also drops the rows already read (only
    for the parser's own plain call; the same events in the same order). Once per process."""
    from openpyxl.worksheet import _reader

    if getattr(_reader.iterparse, "drops_read_rows", False):
        return
    plain = _reader.iterparse

    def iterparse(source: Any, *args: Any, **kwargs: Any) -> Iterator[tuple[str, Any]]:
        if args or kwargs:
            yield from plain(source, *args, **kwargs)
            return
        data = None
        for event, node in plain(source, events=("start", "end")):
            if event == "start":
                if data is None and node.tag.endswith("}sheetData"):
                    data = node
                continue
            yield event, node
            if data is not None and node.tag == _reader.ROW_TAG:
                del data[:]  # the row was read while this generator waited

    iterparse.drops_read_rows = True  # type: ignore[attr-defined]
    _reader.iterparse = iterparse


def sheet_rows(
    path: Path, title: str, width: int, cell: Callable[[Any], str | None], skip: int = 0
) -> Iterator[list[str | None]]:
    """The sheet's rows as texts (`cell` reads one cell), after the first `skip` rows."""
    _drop_read_rows()
    book = open_book(path)
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
