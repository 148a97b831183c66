"""Reading an uploaded file into a table of texts, refusing what is not a table.

CSV: `,` `;` or tab; UTF-8 with or without BOM, else Windows-1252. XLSX: the first sheet
(or a named one); the header row is found under a title block; merged header cells are
filled. Every cell comes back as stripped text (or null), so that one set of parsers
serves both formats. Anything that cannot be read raises `Unreadable` (exit status 2).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from ucj.intake.kinds import header_key

MAX_CSV_BYTES = 2 * 1024**3  # a million rows of participants is ~60 MB
MAX_XLSX_BYTES = 200 * 1024**2
MAX_XLSX_UNPACKED = 1024**3
MAX_ZIP_RATIO = 200  # real sheets compress ~10×; a zip bomb ~1000×
MAX_COLUMNS = 200
HEADER_SEARCH_ROWS = 30
FULL_XLSX_BELOW = 8 * 1024**2  # below this size openpyxl's full mode (merged cells) is used


class Unreadable(Exception):
    def __init__(self, message_id: str, message_en: str):
        super().__init__(f"{message_id} / {message_en}")
        self.message_id = message_id
        self.message_en = message_en


@dataclass
class RawTable:
    """Texts of the data rows: columns c0…cN, `_row` = the row number a user sees."""

    fmt: str  # "csv" | "xlsx"
    header_row: int
    headers: list[str]
    data: pl.DataFrame
    separator: str = ","
    sheet: str | None = None


def read_table(path: Path, known: set[str], sheet: str | None = None) -> RawTable:
    """`known`: header keys of the kind, used to find the header row."""
    try:
        size = path.stat().st_size
    except OSError:
        raise Unreadable("berkas tidak ditemukan", "file not found") from None
    if size == 0:
        raise Unreadable("berkas kosong", "the file is empty")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
        if not head.startswith(b"PK\x03\x04"):
            raise Unreadable(
                "bukan berkas XLSX yang sah (isi tidak dikenali)",
                "not a valid XLSX file (content not recognised)",
            )
        if size > MAX_XLSX_BYTES:
            raise Unreadable("berkas XLSX terlalu besar", "the XLSX file is too large")
        return _read_xlsx(path, known, sheet, size)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise Unreadable(
            "format XLS lama tidak didukung; simpan sebagai XLSX atau CSV",
            "old XLS format is not supported; save as XLSX or CSV",
        )
    if size > MAX_CSV_BYTES:
        raise Unreadable("berkas terlalu besar", "the file is too large")
    return _read_csv(path.read_bytes(), known)


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
        "baris judul kolom tidak ditemukan (unduh templatnya: ucj import template)",
        "header row not found (download the template: ucj import template)",
    )


def _decode(data: bytes) -> bytes:
    """UTF-8 bytes for Polars: the BOM dropped; Windows-1252 re-encoded."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:65536]:
        raise Unreadable(
            "bukan berkas teks CSV (berisi data biner atau UTF-16)",
            "not a CSV text file (binary data or UTF-16)",
        )
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252").encode("utf-8")
    except UnicodeDecodeError:
        raise Unreadable(
            "pengodean karakter tidak dikenal (simpan sebagai CSV UTF-8)",
            "unknown character encoding (save as CSV UTF-8)",
        ) from None


def _read_csv(data: bytes, known: set[str]) -> RawTable:
    data = _decode(data)
    if not data.strip():
        raise Unreadable("berkas kosong", "the file is empty")
    sample = data[:65536].decode("utf-8", errors="ignore").splitlines()[:HEADER_SEARCH_ROWS]
    choice: tuple[int, int, str] | None = None
    for sep in (",", ";", "\t"):
        rows = [[c.strip() for c in r] for r in csv.reader(sample, delimiter=sep)]
        index, hits = _find_header(rows, known)  # type: ignore[arg-type]
        if hits and (choice is None or hits > choice[1]):
            choice = (index, hits, sep)
    if choice is None:
        raise _no_header()
    index, _hits, sep = choice
    try:
        frame = pl.read_csv(
            io.BytesIO(data),
            has_header=False,
            separator=sep,
            skip_rows=index,
            infer_schema=False,
            raise_if_empty=True,
        )
    except pl.exceptions.ComputeError as exc:
        if "more fields" not in str(exc):
            raise _cannot_read(exc) from None
        raise _ragged(data, sep, index) from None
    except Exception as exc:  # Polars raises several types for malformed text
        raise _cannot_read(exc) from None
    if frame.width > MAX_COLUMNS:
        raise Unreadable(
            f"terlalu banyak kolom ({frame.width}; maks. {MAX_COLUMNS})",
            f"too many columns ({frame.width}; max. {MAX_COLUMNS})",
        )
    headers = [str(v or "").strip() for v in frame.row(0)]
    frame = frame.slice(1)
    return _finish("csv", index + 1, headers, frame, sep)


def _cannot_read(exc: Exception) -> Unreadable:
    first = (str(exc).splitlines() or [""])[0][:200]
    return Unreadable(f"CSV tidak dapat dibaca: {first}", f"CSV cannot be read: {first}")


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
        f"baris {shown} berisi lebih banyak kolom daripada judul ({width}); ada pemisah "
        "di dalam nilai? (mis. 12,5 di berkas berpemisah koma: pakai ; atau tanda kutip)",
        f"rows {shown} have more fields than the header ({width}); a separator inside a "
        "value? (e.g. 12,5 in a comma-separated file: use ; or quotes)",
    )


def _finish(
    fmt: str, header_row: int, headers: list[str], frame: pl.DataFrame, sep: str = ","
) -> RawTable:
    names = [f"c{i}" for i in range(frame.width)]
    frame = frame.rename(dict(zip(frame.columns, names, strict=True)))
    frame = frame.with_columns(
        [pl.col(n).str.strip_chars().replace("", None) for n in names]
    ).with_columns(pl.int_range(header_row + 1, header_row + 1 + frame.height).alias("_row"))
    # Blank lines keep their row number but are not rows.
    frame = frame.filter(pl.any_horizontal([pl.col(n).is_not_null() for n in names]))
    return RawTable(fmt, header_row, headers, frame, sep)


def _check_zip(path: Path, size: int) -> None:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise Unreadable("berkas XLSX rusak", "the XLSX file is damaged") from None
    unpacked = sum(i.file_size for i in infos)
    ratio = max((i.file_size / max(i.compress_size, 1) for i in infos), default=0)
    if len(infos) > 10_000 or unpacked > MAX_XLSX_UNPACKED or ratio > MAX_ZIP_RATIO:
        raise Unreadable(
            "berkas XLSX ditolak: isinya membengkak tidak wajar (zip bomb?)",
            "XLSX refused: its content expands abnormally (zip bomb?)",
        )
    if not any(i.filename.startswith("xl/worksheets/") for i in infos):
        raise Unreadable("berkas XLSX tidak berisi lembar kerja", "the XLSX file has no sheet")


def _too_wide(width: int) -> Unreadable:
    return Unreadable(
        f"terlalu banyak kolom ({width}; maks. {MAX_COLUMNS})",
        f"too many columns ({width}; max. {MAX_COLUMNS})",
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

    _check_zip(path, size)
    read_only = size >= FULL_XLSX_BELOW
    try:
        book = openpyxl.load_workbook(path, read_only=read_only, data_only=False)
    except Exception:  # openpyxl raises many types for damaged files
        raise Unreadable("berkas XLSX rusak", "the XLSX file is damaged") from None
    try:
        if not book.sheetnames:
            raise Unreadable("berkas XLSX tidak berisi lembar kerja", "the XLSX file has no sheet")
        if sheet is not None and sheet not in book.sheetnames:
            raise Unreadable(
                f"lembar '{sheet}' tidak ada (ada: {', '.join(book.sheetnames)})",
                f"sheet '{sheet}' not found (found: {', '.join(book.sheetnames)})",
            )
        ws = book[sheet] if sheet else book.worksheets[0]
        if read_only:
            ws.reset_dimensions()  # the stored dimension may be missing or wrong
        width = ws.max_column or 0
        if width > MAX_COLUMNS:
            raise _too_wide(width)
        rows = []
        for r in ws.iter_rows(max_col=width or None):
            if len(r) > MAX_COLUMNS and any(c.value is not None for c in r[MAX_COLUMNS:]):
                raise _too_wide(len(r))
            rows.append([_xlsx_cell(c) for c in r[:MAX_COLUMNS]])
        merged = [] if read_only else list(ws.merged_cells.ranges)
        title = ws.title
    finally:
        book.close()
    if not rows:
        raise Unreadable("lembar kerja kosong", "the sheet is empty")
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
