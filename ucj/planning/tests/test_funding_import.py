"""The `funding` import kind: its template and its bad-input cases (nothing half-written)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.management import call_command

from ucj.intake.pipeline import run_import
from ucj.intake.testing import run_import_cli, write_csv
from ucj.planning.models import FundingSource

pytestmark = pytest.mark.django_db

HEAD = [
    "wilayah",
    "tahun",
    "sumber_dana",
    "anggaran",
    "realisasi",
    "pekerja",
    "kelompok_pekerja",
    "program",
    "dokumen",
]
GOOD = [
    "15.03",
    "2024",
    "APBD-P",
    "1.241.856.000",
    "",
    "24.640",
    "pekerja rentan",
    "JKK,JKM",
    "DPA",
]


def cell(col: str, value: str) -> list[str]:
    row = list(GOOD)
    row[HEAD.index(col)] = value
    return row


def test_template_lists_the_columns(tmp_path):
    out = tmp_path / "funding.xlsx"
    call_command(
        "import_data",
        "template",
        "funding",
        "--format",
        "xlsx",
        "--out",
        str(out),
        "--json",
        stdout=io.StringIO(),
    )
    ws = openpyxl.load_workbook(out)["data"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["wilayah", "tahun", "sumber_dana", "anggaran"]
    assert "kelompok_pekerja" in header and "program" in header


CASES = [
    ("dana-desa", cell("sumber_dana", "Dana Desa"), "sumber_dana", "Permendagri 15/2023"),
    ("dd-short", cell("sumber_dana", "DD"), "sumber_dana", "Permendagri 15/2023"),
    ("unknown-source", cell("sumber_dana", "APBN"), "sumber_dana", ""),
    ("negative-amount", cell("anggaran", "-5"), "anggaran", ""),
    ("fraction-workers", cell("pekerja", "12,5"), "pekerja", ""),
    ("bad-year", cell("tahun", "dua ribu"), "tahun", ""),
    ("unknown-group", cell("kelompok_pekerja", "astronaut"), "kelompok_pekerja", ""),
    ("unknown-region", cell("wilayah", "Atlantis"), "wilayah", ""),
    ("bad-program", cell("program", "JKK,JKX"), "program", "JKX"),
    ("missing-amount", cell("anggaran", ""), "anggaran", ""),
]  # fmt: skip


@pytest.mark.parametrize(("name", "row", "column", "word"), CASES, ids=[c[0] for c in CASES])
def test_bad_row_is_refused_and_nothing_changes(tmp_path, name, row, column, word):
    path = write_csv(tmp_path / f"{name}.csv", [HEAD, [*GOOD[:2], "ADD", *GOOD[3:]], row])
    code, out = run_import_cli(str(path), "--kind", "funding")
    assert code == 1, out
    errors = [e for e in out["errors"] if e["row"] == 3]
    assert errors and errors[0]["column"] == column
    assert word in errors[0]["message_id"] and errors[0]["message_en"]
    assert not FundingSource.objects.exists()


def test_web_user_outside_scope(tmp_path, personas):
    path = write_csv(tmp_path / "f.csv", [HEAD, GOOD])
    out = run_import(path, "funding", user=personas.outsider)
    assert not out.ok and out.as_json()["errors"][0]["column"] == "wilayah"
    assert run_import(path, "funding", user=personas.kabkota).ok


def test_reimport_updates(tmp_path):
    path = write_csv(tmp_path / "f.csv", [HEAD, GOOD])
    assert run_import_cli(str(path), "--kind", "funding")[0] == 0
    path = write_csv(tmp_path / "f.csv", [HEAD, cell("realisasi", "1.000.000.000")])
    code, out = run_import_cli(str(path), "--kind", "funding")
    assert code == 0 and out["updated"] == 1
    assert FundingSource.objects.get().realised_amount == 1_000_000_000
