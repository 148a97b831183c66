"""The one formula guard on the exports the security test found live (issue 14):
`ucj reconcile --out` (CSV and XLSX) and the planning scenario XLSX; numbers stay
numbers. And on import, a text cell starting with = + - @ is refused like '='."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from ucj.accounts.testing import region
from ucj.intake.testing import run_import_cli
from ucj.lib.cells import is_formula_like
from ucj.planning import scenarios
from ucj.planning.tests.factories import jambi_figures
from ucj.registry.tests.synth import make_nik, write_csv

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x","k")', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]


def test_reconcile_out_guards_every_text_cell(tmp_path: Path) -> None:
    niks = [make_nik("150301", d, 3, 85, d) for d in range(1, 5)]
    roster = write_csv(
        tmp_path / "r.csv",
        ["nik", "nama", "kelompok", "instansi"],
        [[n, HOSTILE[i], HOSTILE[(i + 1) % 4], HOSTILE[(i + 2) % 4]] for i, n in enumerate(niks)],
    )
    members = write_csv(
        tmp_path / "m.csv",
        ["kpj", "nik", "segmen", "jkk", "status"],
        [["=1+1", niks[0], "@x", "Y", "aktif"], ["+2", "1503014203850099", "BPU", "Y", "aktif"]],
    )
    out = tmp_path / "out"
    try:
        call_command(
            "reconcile", "--roster", str(roster), "--membership", str(members), "--out", str(out),
            "--as-of", "2026-01-15", "--json", stdout=io.StringIO(),
        )  # fmt: skip
    except SystemExit as exc:
        assert not exc.code
    cells = []
    for path in out.glob("*.csv"):
        with path.open(encoding="utf-8") as fh:
            cells += [c for row in csv.reader(fh) for c in row]
    assert cells
    risky = [c for c in cells if is_formula_like(c)]
    assert risky == [], risky
    assert any(c.startswith("'=HYPERLINK") for c in cells)
    per_list = list(csv.DictReader((out / "rekonsiliasi_per_daftar.csv").open(encoding="utf-8")))
    assert float(per_list[0]["persen"]) >= 0  # a number, not guarded text
    book = load_workbook(out / "rekonsiliasi.xlsx")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not is_formula_like(cell.value), cell.value
    percent = [c.value for c in book["per_daftar"]["E"]][1:]
    assert all(isinstance(v, int | float) for v in percent)


def test_scenario_xlsx_writes_no_formula(personas) -> None:
    from ucj.planning.defaults import ensure_defaults

    ensure_defaults()  # the rate tables `ucj init` loads
    jambi_figures()
    gap = {"kind": "reach", "target_pct": 65, "programs": ["JKK", "JKM"], "months": 3,
           "start": "2024-10", "period": "2024-09", "segment": "BPU"}  # fmt: skip
    saved = scenarios.save(region("15.03"), "=1+1", gap, personas.kabkota)
    book = load_workbook(io.BytesIO(scenarios.export_xlsx([saved])))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
    assert book["Perbandingan"]["B2"].value == "'=1+1"
    assert isinstance(book["hasil"]["C2"].value, int)  # workers: a number
    # Reopened, the name is the user's own again.
    again = scenarios.import_xlsx(scenarios.export_xlsx([saved]), personas.kabkota, "s.xlsx")
    assert again["imported"] == 1


@pytest.mark.parametrize("value", ["+cmd", "@SUM(A1)", "-2+3", "=1+1"])
def test_import_refuses_formula_like_text(tmp_path: Path, value: str) -> None:
    path = write_csv(
        tmp_path / "r.csv", ["nik", "nama", "domisili"], [["1503010503850001", value, "15.03"]]
    )
    code, data = run_import_cli(str(path), "--kind", "roster")
    assert code == 1
    assert [e["column"] for e in data["errors"]] == ["nama"]
    assert "formula" in data["errors"][0]["message_en"]


def test_import_keeps_numbers_and_a_lone_dash(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "r.csv",
        ["nik", "nama", "instansi", "domisili"],
        [["1503010503850001", "Siti", "-", "15.03"]],
    )
    code, data = run_import_cli(str(path), "--kind", "roster")
    assert code == 0, data
