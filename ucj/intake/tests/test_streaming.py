"""A file read, checked and stored in batches imports exactly as in one piece (issue 14,
item 6): the same counts, the same stored rows, the same messages naming file, row and
column, whatever batch a row falls in. The batch size is made tiny here so a small file
spans dozens of batches; bench/import/memory.py measures the memory it saves."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from ucj.indicators.models import Participation
from ucj.intake import csv_pieces
from ucj.intake.testing import run_import_cli, write_csv
from ucj.registry.models import Roster, RosterEntry

pytestmark = pytest.mark.django_db

CODES = ["15.03", "15.01", "15.02", "15.04", "15.05", "15.06"]
SEGMENTS = ["PU", "BPU", "JAKON", "PMI"]
PROGRAMS = ["", "JKK", "JKM", "JHT"]


def participants(path: Path, bad: bool) -> Path:
    head = ["wilayah", "periode", "segmen", "program", "peserta_aktif", "sumber"]
    rows = [head]
    for month in ("2025-01", "2025-02", "2025-03"):
        for code in CODES:
            for seg in SEGMENTS:
                for prog in PROGRAMS:
                    count = 1000 + len(rows) * 7
                    rows.append([code, month, seg, prog, f"{count:,}".replace(",", "."), "BPJS TK"])
    if bad:
        rows[5][4] = "12,5"  # a fraction, early
        rows[150][0] = "99.99"  # no such region, in the middle
        rows[-3][1] = "2099-01"  # the future, near the end
        rows.append(list(rows[40]))  # the same key again, many batches later
        rows.insert(100, ["", "", "", "", "", ""])  # a blank line keeps its number
        rows[120][5] = 'sumber dengan "kutip", koma\nbaris baru'  # quoted newline
    return write_csv(path, rows)


def _import(path: Path, *args: str) -> tuple[int, dict]:
    code, out = run_import_cli(str(path), *args)
    assert out is not None
    return code, out


def _stored() -> list[tuple]:
    return sorted(
        Participation.objects.values_list("region__code", "period", "segment", "program", "count")
    )


@pytest.mark.parametrize("bad", [False, True], ids=["good", "bad"])
def test_participants_in_batches_import_as_in_one_piece(tmp_path, monkeypatch, bad):
    path = participants(tmp_path / "peserta.csv", bad)
    whole = _import(path, "--kind", "participants", "--dry-run")
    monkeypatch.setattr(csv_pieces, "CHUNK_BYTES", 512)  # about 10 rows a batch
    batched = _import(path, "--kind", "participants", "--dry-run")
    assert batched == whole
    code, out = batched
    if bad:
        assert code == 1 and out["batch"] is None and Participation.objects.count() == 0
        rows = {(e["row"], e["column"]) for e in out["errors"]}
        assert {(6, "peserta_aktif"), (152, "wilayah"), (288, "periode")} <= rows, rows
        dup = [e for e in out["errors"] if "same key" in e["message_en"]]
        assert [e["row"] for e in dup] == [291] and "row 41" in dup[0]["message_en"]
        assert all(e["message_en"].startswith(f"Row {e['row']}, column ") for e in out["errors"])
        return
    assert code == 0 and out["rows"] == 288 and out["inserted"] == 288
    # Stored for real in batches, then in one piece into a fresh table: the same rows.
    _import(path, "--kind", "participants")
    in_batches = _stored()
    assert len(in_batches) == 288
    again = _import(path, "--kind", "participants")[1]
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 288)
    Participation.objects.all().delete()
    monkeypatch.setattr(csv_pieces, "CHUNK_BYTES", 4 * 1024**2)
    _import(path, "--kind", "participants")
    assert _stored() == in_batches


def test_month_to_month_jumps_across_batches_are_warnings(tmp_path, monkeypatch):
    """Jumps found month by month in a file read in many batches are gathered into one
    set of warnings, every row of the jumping month among them."""
    path = participants(tmp_path / "p.csv", False)
    rows = [r.split(",") for r in path.read_text().splitlines()]
    for r in rows[1:]:
        if r[1] == "2025-03":
            r[4] = str(int(r[4].replace(".", "")) * 10)  # every March row: ten times February
    write_csv(path, rows)
    monkeypatch.setattr(csv_pieces, "CHUNK_BYTES", 512)  # about 10 rows a batch
    code, out = _import(path, "--kind", "participants")
    assert code == 0, out
    warned = {w["row"] for w in out["warnings"] if "bulan sebelumnya" in w["message_id"]}
    march = {n for n, r in enumerate(rows[1:], start=2) if r[1] == "2025-03"}
    assert len(march) == len(CODES) * len(SEGMENTS) * len(PROGRAMS) and march <= warned


def test_roster_in_batches_is_one_roster(tmp_path, monkeypatch):
    from ucj.registry.tests.synth import make_nik

    rows = [["nik", "nama", "domisili", "kelompok", "pembayar"]]
    for i in range(120):
        group = "rt_rw" if i % 3 else "non_asn"
        nik = make_nik("150301", 1 + i % 28, 1 + i % 12, 80 + i % 20, 1 + i)
        rows.append([nik, f"Pekerja {i}", "15.03", group, "APBD"])
    path = write_csv(tmp_path / "daftar.csv", rows)
    monkeypatch.setattr(csv_pieces, "CHUNK_BYTES", 400)
    code, out = _import(path, "--kind", "roster")
    assert code == 0 and out["inserted"] == 120, out
    roster = Roster.objects.get()
    assert roster.region.code == "15.03" and roster.group == "rt_rw"  # the whole file's mode
    entries = RosterEntry.objects.filter(roster=roster)
    assert entries.count() == 120
    assert sorted(entries.values_list("row", flat=True)) == list(range(2, 122))
    assert pl.Series(list(entries.values_list("nik_hash", flat=True))).n_unique() == 120


def test_a_nik_listed_again_in_a_later_batch_is_its_second_occurrence(tmp_path, monkeypatch):
    """A roster may list one person twice (two posts); the second row far down the file
    lands in another batch, and must still be the NIK's 2nd occurrence, not a second
    1st (that read as the same key twice and refused a valid file)."""
    from ucj.registry.tests.synth import make_nik

    rows = [["nik", "nama", "domisili"]]
    niks = [make_nik("150301", 1 + i % 28, 1 + i % 12, 80 + i % 20, 1 + i) for i in range(60)]
    rows += [[nik, f"P {i}", "15.03"] for i, nik in enumerate(niks)]
    rows += [[niks[0], "P 0 (jabatan kedua)", "15.03"], [niks[0], "P 0 (ketiga)", "15.03"]]
    path = write_csv(tmp_path / "daftar.csv", rows)
    monkeypatch.setattr(csv_pieces, "CHUNK_BYTES", 400)  # about 10 rows a batch
    code, out = _import(path, "--kind", "roster")
    assert code == 0 and out["inserted"] == 62, out
    repeated = RosterEntry.objects.filter(row__in=(2, 62, 63)).order_by("row")
    assert list(repeated.values_list("occurrence", flat=True)) == [1, 2, 3]
    assert len({e.nik_hash for e in repeated}) == 1
    code, out = _import(path, "--kind", "roster")  # the same file again changes nothing
    assert code == 0 and (out["inserted"], out["updated"], out["unchanged"]) == (0, 0, 62), out


def test_roster_again_matches_stored_rows_by_a_long_key_list(tmp_path, monkeypatch):
    """Past `IN_LIST` key values a batch's stored rows are read by one array parameter
    (json_each on SQLite, = ANY on PostgreSQL), not left unfiltered (every batch read
    the whole roster: a million rows took 200 s and 1.2 GB)."""
    from ucj.intake import writer
    from ucj.registry.tests.synth import make_nik

    monkeypatch.setattr(writer, "IN_LIST", 5)
    rows = [["nik", "nama", "domisili"]]
    for i in range(60):
        nik = make_nik("150301", 1 + i % 28, 1 + i % 12, 80 + i % 20, 1 + i)
        rows.append([nik, f"P {i}", "15.03"])
    path = write_csv(tmp_path / "daftar.csv", rows)
    monkeypatch.setattr(csv_pieces, "CHUNK_BYTES", 600)
    code, out = _import(path, "--kind", "roster")
    assert code == 0 and out["inserted"] == 60, out
    rows[30][1] = "Nama Baru"
    write_csv(path, rows)
    code, out = _import(path, "--kind", "roster")
    assert code == 0 and (out["inserted"], out["updated"], out["unchanged"]) == (0, 1, 59), out
    assert RosterEntry.objects.count() == 60
    assert RosterEntry.objects.filter(name="Nama Baru").count() == 1


def test_large_xlsx_is_streamed_in_batches_as_read_whole(tmp_path, monkeypatch):
    """A sheet past `FULL_XLSX_BELOW` is read in batches of `BATCH_ROWS` rows straight
    from openpyxl's streaming parser (never held whole): the same messages and rows as
    the whole-sheet read, errors in early, middle and late batches, row numbers under a
    title block kept."""
    import openpyxl

    from ucj.intake import readers

    rows = [list(r) for r in pl.read_csv(participants(tmp_path / "p.csv", True),
                                         infer_schema=False).rows()]  # fmt: skip
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["Peserta aktif per wilayah"])  # a title block above the header
    ws.append([])
    ws.append(["wilayah", "periode", "segmen", "program", "peserta_aktif", "sumber"])
    for row in rows:
        ws.append(row)
    path = tmp_path / "peserta.xlsx"
    book.save(path)
    whole = _import(path, "--kind", "participants", "--dry-run")
    monkeypatch.setattr(readers, "FULL_XLSX_BELOW", 0)
    monkeypatch.setattr(readers, "BATCH_ROWS", 7)
    table = readers.read_table(path, {"wilayah", "periode", "segmen", "pesertaaktif"})
    assert table.header_row == 3 and len(list(table.batches())) > 30
    streamed = _import(path, "--kind", "participants", "--dry-run")
    assert streamed == whole
    code, out = streamed
    assert code == 1 and {e["row"] for e in out["errors"]} >= {8, 154, 290}, out["errors"]


def test_xlsx_mode_follows_the_unpacked_size_and_the_header_width(tmp_path, monkeypatch):
    """Full mode holds Python objects for every cell, so it is chosen by what the sheet
    unpacks to, not by the file's (compressed) size; a streamed sheet's rows are read
    only as wide as its named header (blank columns right of it are never mapped)."""
    import openpyxl

    from ucj.intake import readers, xlsx_zip

    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["wilayah", "periode", "segmen", "peserta_aktif", None, None])
    for i in range(2000):
        ws.append(["15.03", "2025-01", "PU", str(1000 + i)])
    ws.cell(row=2, column=9, value="di luar judul / right of the header")
    path = tmp_path / "p.xlsx"
    book.save(path)
    size, unpacked = path.stat().st_size, xlsx_zip.unpacked(path)
    assert unpacked > 3 * size  # a sheet compresses: the two sizes differ
    streamed = []
    plain = readers._stream_xlsx
    monkeypatch.setattr(readers, "_stream_xlsx", lambda *a: streamed.append(1) or plain(*a))
    monkeypatch.setattr(readers, "FULL_XLSX_BELOW", (size + unpacked) // 2)
    table = readers.read_table(path, {"wilayah", "periode", "segmen", "pesertaaktif"})
    assert streamed == [1]  # the file is below the line, what it unpacks to is above
    assert table.headers == ["wilayah", "periode", "segmen", "peserta_aktif"]
    first = next(iter(table.batches()))
    assert first.columns == ["c0", "c1", "c2", "c3", "_row"] and first.height == 2000
    monkeypatch.setattr(readers, "FULL_XLSX_BELOW", unpacked + 1)
    readers.read_table(path, {"wilayah", "periode", "segmen", "pesertaaktif"})
    assert streamed == [1]  # below both: read whole (merged headers known)
