"""Reading an uploaded file into a table of texts, refusing what is not a table.

CSV: `,` `;` or tab; UTF-8 with or without BOM, else Windows-1252. XLSX: the first sheet
(or a named one); the header row is found under a title block; merged header cells are
filled. Every cell comes back as stripped text (or null), so that one set of parsers
serves both formats. Anything that cannot be read raises `Unreadable` (exit status 2).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl
from django.utils.translation import gettext_lazy as _

from ucj.intake import csv_pieces, xlsx_stream, xlsx_zip
from ucj.intake.kinds import header_key
from ucj.lib import budget
from ucj.lib.bilingual import pair

MAX_COLUMNS = 200
HEADER_SEARCH_ROWS = 30
# Below this many unpacked bytes (sheets and shared strings, as the zip declares them)
# openpyxl's full mode reads merged header cells; above, the sheet is streamed. Unpacked,
# not the file's size: a 6.5 MB file of 200,000 rows unpacks to 52 MB, which full mode
# held as 500 MB of cell objects (measured 2 Dec 2026); streamed it stays in batches.
FULL_XLSX_BELOW = 8 * 1024**2
# Rows per batch of a streamed read: what one batch costs in memory (about 15× its text)
# stays a small part of the file's size for the files the budget is about.
BATCH_ROWS = 50_000


class Unreadable(Exception):
    def __init__(self, message_id: str, message_en: str):
        super().__init__(f"{message_id} / {message_en}")
        self.message_id = message_id
        self.message_en = message_en


@dataclass
class RawTable:
    """Texts of the data rows, in batches: columns c0…cN, `_row` = the row number a user
    sees. `batches()` reads the file again each time it is called (the pipeline reads
    twice: check, then store), so no more than one batch of text is held at once."""

    fmt: str  # "csv" | "xlsx"
    header_row: int
    headers: list[str]
    read: Callable[[], Iterator[pl.DataFrame]] = field(repr=False)
    separator: str = ","
    sheet: str | None = None

    def batches(self) -> Iterator[pl.DataFrame]:
        return self.read()

    @property
    def data(self) -> pl.DataFrame:
        """The whole table at once: only for what needs every row (`--errors-out`)."""
        parts = list(self.batches())
        return pl.concat(parts) if parts else pl.DataFrame()


def read_table(path: Path, known: set[str], sheet: str | None = None) -> RawTable:
    """`known`: header keys of the kind, used to find the header row."""
    try:
        size = path.stat().st_size
    except OSError:
        raise Unreadable(*pair(_("berkas tidak ditemukan"))) from None
    if size == 0:
        raise Unreadable(*pair(_("berkas kosong")))
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
        if not head.startswith(b"PK\x03\x04"):
            raise Unreadable(
                *pair(_("bukan berkas XLSX yang sah (isi tidak dikenali)")),
            )
        return _read_xlsx(path, known, sheet, size)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise Unreadable(
            *pair(_("format XLS lama tidak didukung; simpan sebagai XLSX atau CSV")),
        )
    if problem := budget.memory_problem(size, budget.CSV_FACTOR):
        raise Unreadable(*problem)
    return _read_csv(path, known)


def _cell_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d") if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _find_header(rows: list[list[str | None]], known: set[str]) -> tuple[int, int]:
    """(index, number of known headers) of the best header row among the first rows."""
    best, best_hits = -1, 0
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        hits = len({header_key(c) for c in row if c} & known)
        if hits > best_hits:
            best, best_hits = i, hits
    return best, best_hits


def _no_header() -> Unreadable:
    return Unreadable(
        *pair(_("baris judul kolom tidak ditemukan (pakai templat jenis data ini)")),
    )


def _is_utf8(path: Path) -> bool:
    """Checked a megabyte at a time: decoding the whole file at once held a second copy
    of it (up to four times its size as a Python string)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                decoder.decode(block)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _source(path: Path) -> Path | bytes:
    """What Polars reads: the file itself when it is UTF-8 (Polars maps it, no copy in
    Python), else its bytes with the BOM dropped or re-encoded from Windows-1252."""
    with path.open("rb") as fh:
        head = fh.read(65536)
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head.removeprefix(b"\xef\xbb\xbf"):
        raise Unreadable(
            *pair(_("bukan berkas teks CSV (berisi data biner atau UTF-16)")),
        )
    if _is_utf8(path):
        return path if not head.startswith(b"\xef\xbb\xbf") else path.read_bytes()[3:]
    try:
        return path.read_bytes().decode("cp1252").encode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable(
            *pair(_("pengodean karakter tidak dikenal (simpan sebagai CSV UTF-8)")),
        ) from None


def _read_csv(path: Path, known: set[str]) -> RawTable:
    data = _source(path)
    if isinstance(data, Path):
        with path.open("rb") as fh:
            head = fh.read(65536)
    else:
        head = data[:65536]
    if not head.strip():
        raise Unreadable(*pair(_("berkas kosong")))
    sample = head.decode("utf-8", errors="ignore").splitlines()[:HEADER_SEARCH_ROWS]
    choice: tuple[int, int, str] | None = None
    for sep in (",", ";", "\t"):
        rows = [[c.strip() for c in r] for r in csv.reader(sample, delimiter=sep)]
        index, hits = _find_header(rows, known)  # type: ignore[arg-type]
        if hits and (choice is None or hits > choice[1]):
            choice = (index, hits, sep)
    if choice is None:
        raise _no_header()
    index, _hits, sep = choice
    source = data
    # The header row as the separator's reader split it (the header is in the sample).
    header = next(csv.reader(sample[index : index + 1], delimiter=sep), [])
    width = len(header)
    if width > MAX_COLUMNS:
        raise _too_wide(width)
    headers = [c.strip() for c in header]

    schema = {f"column_{i + 1}": pl.Utf8 for i in range(width)}

    def batches() -> Iterator[pl.DataFrame]:
        offset = index + 2  # the row number of the first data row
        try:
            for chunk in csv_pieces.pieces(source, index + 1):
                frame = pl.read_csv(
                    io.BytesIO(chunk), has_header=False, separator=sep, schema=schema,
                    infer_schema=False,
                )  # fmt: skip
                if frame.height:
                    yield _finish_batch(frame, offset)
                    offset += frame.height
        except Unreadable:
            raise
        except Exception as exc:  # Polars raises several types for malformed text
            if "more fields" not in str(exc):
                raise _cannot_read(exc) from None
            text = source if isinstance(source, bytes) else path.read_bytes()
            raise _ragged(text, sep, index) from None

    return RawTable("csv", index + 1, headers, batches, sep)


def _cannot_read(exc: Exception) -> Unreadable:
    first = (str(exc).splitlines() or [""])[0][:200]
    return Unreadable(*pair(_("CSV tidak dapat dibaca: %(first)s"), first=first))


def _ragged(data: bytes, sep: str, index: int) -> Unreadable:
    """Rows with more fields than the header: a separator inside a value (often a decimal
    comma in a comma-separated file). Reading on would shift values into other columns."""
    lines = io.StringIO(data.decode("utf-8"))
    rows = csv.reader(lines, delimiter=sep)
    width, bad = 0, []
    for number, row in enumerate(rows, start=1):
        if number <= index:
            continue
        if number == index + 1:
            width = len(row)
        elif len(row) > width:
            bad.append(number)
            if len(bad) == 10:
                break
    shown = ", ".join(str(n) for n in bad)
    return Unreadable(
        *pair(
            _(
                "baris %(rows)s berisi lebih banyak kolom daripada judul (%(width)s); ada pemisah "
                "di dalam nilai? (mis. 12,5 di berkas berpemisah koma: pakai ; atau tanda kutip)"
            ),
            rows=shown,
            width=width,
        )
    )


def _finish_batch(frame: pl.DataFrame, first_row: int) -> pl.DataFrame:
    """One batch of texts: columns c0…, stripped, '' → null, `_row` from `first_row`;
    blank lines keep their row number but are not rows."""
    names = [f"c{i}" for i in range(frame.width)]
    frame = frame.rename(dict(zip(frame.columns, names, strict=True)))
    # Copies only where needed (the memory budget): a column is stripped only when some
    # cell has outer spaces or is empty, and rows are filtered only when one is blank.
    untidy = frame.select(
        [pl.col(n).str.contains(r"^\s|\s$|^$").any().alias(n) for n in names]
    ).row(0, named=True)
    tidy = [pl.col(n).str.strip_chars().replace("", None) for n in names if untidy[n]]
    frame = frame.with_columns(tidy).with_columns(
        pl.int_range(first_row, first_row + frame.height).alias("_row")
    )
    filled = pl.any_horizontal([pl.col(n).is_not_null() for n in names])
    if not frame.select(filled.all()).item():
        frame = frame.filter(filled)
    # One chunk per column: the checks on a chunked frame held 30% more at their peak.
    return frame.rechunk()


def _finish(
    fmt: str, header_row: int, headers: list[str], frame: pl.DataFrame, sep: str = ","
) -> RawTable:
    """A table already in memory (XLSX), served in batches like a CSV."""

    def batches() -> Iterator[pl.DataFrame]:
        for start in range(0, max(frame.height, 1), BATCH_ROWS):
            part = frame.slice(start, BATCH_ROWS)
            if part.height:
                yield _finish_batch(part, header_row + 1 + start)

    return RawTable(fmt, header_row, headers, batches, sep)


def _too_wide(width: int) -> Unreadable:
    return Unreadable(
        *pair(_("terlalu banyak kolom (%(width)s; maks. %(max)s)"), width=width, max=MAX_COLUMNS)
    )


def _xlsx_cell(cell: Any) -> str | None:
    """Cell text as the user sees it: a formula stays a formula (refused later), a
    percent-formatted 0.435 is 43.5."""
    value = cell.value
    if getattr(cell, "data_type", None) == "f":
        return "=" + str(getattr(value, "text", value) or "").lstrip("=")
    percent = "%" in (getattr(cell, "number_format", "") or "")
    if percent and isinstance(value, int | float) and not isinstance(value, bool):
        value = round(value * 100, 10)
    return _cell_text(value)


def _read_xlsx(path: Path, known: set[str], sheet: str | None, size: int) -> RawTable:
    import openpyxl

    if problem := xlsx_zip.problem(path):
        raise Unreadable(*problem)
    read_only = max(size, xlsx_zip.unpacked(path)) >= FULL_XLSX_BELOW
    try:
        if read_only:  # its shared strings packed (`xlsx_stream.SharedStrings`)
            book = xlsx_stream.open_book(path)
        else:
            book = openpyxl.load_workbook(path, read_only=False, data_only=False)
    except Exception:  # openpyxl raises many types for damaged files
        raise Unreadable(*pair(_("berkas XLSX rusak"))) from None
    try:
        if not book.sheetnames:
            raise Unreadable(*pair(_("berkas XLSX tidak berisi lembar kerja")))
        if sheet is not None and sheet not in book.sheetnames:
            found = ", ".join(book.sheetnames)
            raise Unreadable(
                *pair(_("lembar '%(sheet)s' tidak ada (ada: %(found)s)"), sheet=sheet, found=found)
            )
        ws = book[sheet] if sheet else book.worksheets[0]
        if read_only:  # a large sheet: streamed in batches, never held whole
            return _stream_xlsx(path, known, ws.title)
        width = ws.max_column or 0
        if width > MAX_COLUMNS:
            raise _too_wide(width)
        rows = []
        for r in ws.iter_rows(max_col=width or None):
            if len(r) > MAX_COLUMNS and any(c.value is not None for c in r[MAX_COLUMNS:]):
                raise _too_wide(len(r))
            rows.append([_xlsx_cell(c) for c in r[:MAX_COLUMNS]])
        merged = list(ws.merged_cells.ranges)
        title = ws.title
    finally:
        book.close()
    if not rows:
        raise Unreadable(*pair(_("lembar kerja kosong")))
    for rng in merged:  # a merged cell's value belongs to every cell it covers
        value = rows[rng.min_row - 1][rng.min_col - 1]
        for r in range(rng.min_row - 1, min(rng.max_row, len(rows))):
            for c in range(rng.min_col - 1, min(rng.max_col, len(rows[r]))):
                rows[r][c] = value
    index, hits = _find_header(rows, known)
    if not hits:
        raise _no_header()
    headers = [h or "" for h in rows[index]]
    skip = index + 1
    # A header merged down over two rows: data starts below the merge.
    for rng in merged:
        if rng.min_row - 1 == index and rng.max_row > rng.min_row:
            skip = max(skip, rng.max_row)
    body = rows[skip:]
    frame = pl.DataFrame(
        {f"c{i}": [r[i] if i < len(r) else None for r in body] for i in range(len(headers))},
        schema={f"c{i}": pl.Utf8 for i in range(len(headers))},
    )
    table = _finish("xlsx", skip, headers, frame)
    table.sheet = title
    return table


def _stream_xlsx(path: Path, known: set[str], title: str) -> RawTable:
    """A large sheet: the header found in its first rows, then the data read in batches
    of BATCH_ROWS rows on each pass (`xlsx_stream`)."""

    def rows(skip: int, width: int = MAX_COLUMNS + 1) -> Iterator[list[str | None]]:
        for r in xlsx_stream.sheet_rows(path, title, width, _xlsx_cell, skip):
            if len(r) > MAX_COLUMNS and r[MAX_COLUMNS] is not None:
                raise _too_wide(len(r))
            yield r

    head = list(itertools.islice(rows(0), HEADER_SEARCH_ROWS))
    if not head:
        raise Unreadable(*pair(_("lembar kerja kosong")))
    index, hits = _find_header(head, known)
    if not hits:
        raise _no_header()
    cells = head[index][:MAX_COLUMNS]
    named = [i for i, h in enumerate(cells) if h]
    # Up to the last named column: blank headers are never mapped (pipeline._map_headers).
    headers = [h or "" for h in cells[: named[-1] + 1]]
    skip = index + 1

    def read() -> Iterator[pl.DataFrame]:
        # Data rows are read only as wide as the header (cells right of it are not
        # read, as in a CSV): padded to MAX_COLUMNS, every row was 201 cells, a batch
        # 270 MB and a million rows 219 s (measured 2 Dec 2026).
        data = rows(skip, len(headers))
        for start, part in xlsx_stream.batches(data, len(headers), BATCH_ROWS):
            yield _finish_batch(part, skip + 1 + start)

    return RawTable("xlsx", skip, headers, read, ",", title)
