"""The bad-input corpus: files generated here, each refused with a clear bilingual message,
exit status 1 (bad data) or 2 (cannot read), and the database left exactly as it was."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from ucj.audit.models import ChangeRecord
from ucj.indicators.models import Participation, PotentialWorkers, ReportedCoverage, Target
from ucj.intake.models import ImportBatch
from ucj.intake.testing import run_import_cli, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

P_HEAD = ["wilayah", "periode", "segmen", "program", "peserta_aktif", "data_per", "sumber"]
GOOD = ["15.03", "2025-03", "PU", "", "25.430", "31/03/2025", "BPJS TK"]
GOOD2 = ["15.04", "2025-03", "PU", "", "1.000", "31/03/2025", "BPJS TK"]


def p_rows(*bad: list[str]) -> list[list[str]]:
    return [P_HEAD, GOOD, *bad, GOOD2]


def with_cell(col: str, value: str, base: list[str] = GOOD) -> list[str]:
    row = list(base)
    row[P_HEAD.index(col)] = value
    return row


def csv_bytes(rows: list[list[str]], sep: str = ",") -> bytes:
    return "\n".join(sep.join(r) for r in rows).encode()


def zip_bomb(path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("xl/worksheets/sheet1.xml", "w") as fh:
            block = b"\0" * (1 << 20)
            for _ in range(64):  # 64 MB of zeros → ~64 kB packed
                fh.write(block)


def no_sheet_xlsx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook><sheets/></workbook>")


def formula_xlsx(path: Path, formula: str) -> None:
    write_xlsx(path, [P_HEAD, GOOD, with_cell("peserta_aktif", formula)])


def wide(n: int) -> list[list[str]]:
    return [P_HEAD + [f"x{i}" for i in range(n)], GOOD + ["1"] * n]


Case = tuple[str, str, Callable[[Path], None], int, str]


def w(data: bytes) -> Callable[[Path], None]:
    return lambda p: p.write_bytes(data)


def rows(r: list[list[str]], sep: str = ",") -> Callable[[Path], None]:
    return lambda p: p.write_bytes(csv_bytes(r, sep))


TARGET_HEAD = ["wilayah", "tahun", "target_persen", "target_pekerja", "penerbit", "dokumen"]
POT_HEAD = ["wilayah", "tahun", "potensi", "formal", "informal", "dasar", "sumber"]
REP_HEAD = ["wilayah", "data_per", "capaian_persen", "kategori", "sumber"]

CASES: list[Case] = [
    # (name, kind, writer, exit status, a word the English message must contain)
    ("utf16.csv", "participants", w(csv_bytes(p_rows()).decode().encode("utf-16")), 2, "UTF-16"),
    ("undefined-bytes.csv", "participants", w(b"\x81\x8d\x8f\x90\x9d,a\n" * 3), 2, "encoding"),
    ("pipes.csv", "participants", rows(p_rows(), "|"), 2, "header row not found"),
    ("empty.csv", "participants", w(b""), 2, "empty"),
    ("blank-lines.csv", "participants", w(b"\n\n  \n"), 2, "empty"),
    ("header-only.csv", "participants", rows([P_HEAD]), 1, "no data rows"),
    ("binary.csv", "participants", w(os.urandom(4096) + b"\0"), 2, "binary"),
    ("png.csv", "participants", w(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + b"\0" * 64), 2, "binary"),
    ("no-sheet.xlsx", "participants", no_sheet_xlsx, 2, "no sheet"),
    ("bomb.xlsx", "participants", zip_bomb, 2, "zip bomb"),
    ("csv-named.xlsx", "participants", rows(p_rows()), 2, "not a valid XLSX"),
    ("old.xls", "participants", w(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512), 2, "XLS"),
    ("truncated.xlsx", "participants",
     lambda p: p.write_bytes(write_xlsx(p, p_rows()).read_bytes()[:700]), 2, "damaged"),
    ("cols-10000.csv", "participants", rows(wide(10_000)), 2, "too many columns"),
    ("cols-10000.xlsx", "participants", lambda p: write_xlsx(p, wide(10_000)), 2, "too many"),
    ("formula.xlsx", "participants", lambda p: formula_xlsx(p, "=SUM(E2:E3)"), 1, "formulas"),
    ("hyperlink.csv", "participants",
     rows(p_rows(with_cell("wilayah", '=HYPERLINK("http://x";"15.03")'))), 1, "formulas"),
    ("hyperlink.xlsx", "participants",
     lambda p: write_xlsx(p, p_rows(with_cell("sumber", '=HYPERLINK("http://x")'))), 1, "links"),
    ("duplicate.csv", "participants", rows(p_rows(GOOD)), 1, "same key is already in row 2"),
    ("dup-by-name.csv", "participants",
     rows(p_rows(with_cell("wilayah", "Kabupaten Sarolangun"))), 1, "same key"),
    ("missing-region.csv", "participants", rows(p_rows(with_cell("wilayah", ""))), 1, "required"),
    ("missing-count.csv", "participants",
     rows(p_rows(with_cell("peserta_aktif", ""))), 1, "required"),
    ("segment.csv", "participants", rows(p_rows(with_cell("segmen", "ASN"))), 1, "unknown"),
    ("program.csv", "participants", rows(p_rows(with_cell("program", "BPJS"))), 1, "accepted"),
    ("negative.csv", "participants",
     rows(p_rows(with_cell("peserta_aktif", "-5"))), 1, "cannot be negative"),
    ("text-count.csv", "participants",
     rows(p_rows(with_cell("peserta_aktif", "banyak"))), 1, "not a whole number"),
    ("fraction.csv", "participants",
     rows(p_rows(with_cell("peserta_aktif", "12,5")), ";"), 1, "fraction"),
    ("decimal-comma-in-comma-csv.csv", "participants",
     rows(p_rows(with_cell("peserta_aktif", "12,5"))), 2, "rows 3 have more fields"),
    ("fraction-dot.csv", "participants",
     rows(p_rows(with_cell("peserta_aktif", "12.5"))), 1, "fraction"),
    ("huge-count.csv", "participants",
     rows(p_rows(with_cell("peserta_aktif", "99999999999999999999"))), 1, "too large"),
    ("future.csv", "participants", rows(p_rows(with_cell("periode", "2099-01"))), 1, "future"),
    ("period.csv", "participants", rows(p_rows(with_cell("periode", "Q1 2025"))), 1, "period"),
    ("month-13.csv", "participants", rows(p_rows(with_cell("periode", "2025-13"))), 1, "1–12"),
    ("bad-date.csv", "participants",
     rows(p_rows(with_cell("data_per", "31/02/2025"))), 1, "no such date"),
    ("future-date.csv", "participants",
     rows(p_rows(with_cell("data_per", "01/01/2099"))), 1, "future"),
    ("unknown-region.csv", "participants",
     rows(p_rows(with_cell("wilayah", "Sarolangunn"))), 1, "did you mean: 15.03"),
    ("ambiguous.csv", "participants",
     rows(p_rows(with_cell("wilayah", "Jayapura"))), 1, "ambiguous"),
    # Participants may name a kecamatan (issue 20: summed into its kab/kota); targets not.
    ("district.csv", "targets",
     rows([TARGET_HEAD, ["15.03.01", "2025", "40", "", "rpjmd", ""]]), 1, "expected level"),
    ("unknown-code.csv", "participants", rows(p_rows(with_cell("wilayah", "15.99"))), 1, "15.99"),
    ("no-count-column.csv", "participants",
     rows([P_HEAD[:4], GOOD[:4]]), 1, "required column 'peserta_aktif' missing"),
    ("column-twice.csv", "participants",
     rows([[*P_HEAD, "active_participants"], [*GOOD, "1"]]), 1, "twice"),
    ("target-as-participants.csv", "participants",
     rows([TARGET_HEAD, ["15.03", "2025", "40", "", "rpjmd", ""]]), 1, "missing"),
    ("issuer.csv", "targets",
     rows([TARGET_HEAD, ["15.03", "2025", "40", "", "Gubernur", ""]]), 1, "unknown"),
    ("target-empty.csv", "targets",
     rows([TARGET_HEAD, ["15.03", "2025", "", "", "rpjmd", ""]]), 1, "fill in"),
    ("target-over.csv", "targets",
     rows([TARGET_HEAD, ["15.03", "2025", "120", "", "rpjmd", ""]]), 1, "above 100%"),
    ("potential-parts.csv", "potential",
     rows([POT_HEAD, ["15.03", "2025", "100", "80", "40", "", ""]]), 1, "smaller than"),
    ("potential-year.csv", "potential",
     rows([POT_HEAD, ["15.03", "20x5", "100", "", "", "", ""]]), 1, "not a year"),
    ("reported-pct.csv", "reported",
     rows([REP_HEAD, ["15.03", "31/03/2025", "tinggi", "", "x"]]), 1, "not a number"),
    ("reported-nothing.csv", "reported",
     rows([REP_HEAD, ["15.03", "31/03/2025", "", "", "x"]]), 1, "capaian_persen or kategori"),
    ("reported-date.csv", "reported",
     rows([REP_HEAD, ["15.03", "", "43.5", "", "x"]]), 1, "required"),
    ("unknown-kind.csv", "nonsense", rows(p_rows()), 2, "unknown kind"),
]  # fmt: skip


def snapshot() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (
            Participation, PotentialWorkers, Target, ReportedCoverage, ImportBatch, ChangeRecord
        )
    )  # fmt: skip


def test_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(
    ("name", "kind", "make", "status", "word"), CASES, ids=[c[0] for c in CASES]
)
def test_bad_file_is_refused_and_nothing_changes(tmp_path, name, kind, make, status, word):
    # Something stored already, so "unchanged" means more than "still empty".
    seed = write_csv(tmp_path / "seed.csv", [P_HEAD, ["15.03", "2025-02", "PU", "", "1", "", "x"]])
    assert run_import_cli(str(seed), "--kind", "participants")[0] == 0
    before = snapshot()
    path = tmp_path / name
    make(path)
    code, out = run_import_cli(str(path), "--kind", kind)
    assert code == status, out
    assert out is not None and out["ok"] is False and out["batch"] is None
    assert out["errors"], out
    texts = " ".join(e["message_en"] for e in out["errors"])
    assert word in texts, texts
    for e in out["errors"]:
        assert e["message_id"] and e["message_en"] and e["message_id"] != e["message_en"]
        assert set(e) == {"row", "column", "value", "message_id", "message_en"}
        if status == 1 and e["row"] is not None:
            assert f"Row {e['row']}, column '{e['column']}'" in e["message_en"]
            assert f"Baris {e['row']}, kolom '{e['column']}'" in e["message_id"]
    assert snapshot() == before


def test_missing_file_is_exit_2(tmp_path):
    code, out = run_import_cli(str(tmp_path / "nope.csv"), "--kind", "participants")
    assert code == 2 and "not found" in out["errors"][0]["message_en"]


def test_windows_1252_and_bom_and_tab_are_read(tmp_path):
    cp = [P_HEAD, with_cell("sumber", "Dinas Tenaga Kerja – Sarolangun")]
    write_csv(tmp_path / "cp.csv", cp, sep=";", encoding="cp1252")
    code, out = run_import_cli(str(tmp_path / "cp.csv"), "--kind", "participants")
    assert code == 0, out
    assert Participation.objects.get().source == "Dinas Tenaga Kerja – Sarolangun"
    (tmp_path / "bom.csv").write_bytes(b"\xef\xbb\xbf" + csv_bytes(p_rows(), "\t"))
    code, out = run_import_cli(str(tmp_path / "bom.csv"), "--kind", "participants")
    assert code == 0 and out["inserted"] == 1 and out["updated"] == 1


def test_many_bad_rows_are_summarised(tmp_path):
    bad = [with_cell("peserta_aktif", "x", with_cell("periode", f"{1 + i % 12:02d}/2024"))
           for i in range(12)]  # fmt: skip
    code, out = run_import_cli(str(write_csv(tmp_path / "m.csv", [P_HEAD, *bad])), "--kind",
                               "participants")  # fmt: skip
    assert code == 1 and len(out["errors"]) == 12
