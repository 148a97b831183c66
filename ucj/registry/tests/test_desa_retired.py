"""Retired desa codes in real roster files: Papua Barat Daya's 2022 codes (92.xx) are read
as their successors (96.xx) with a row warning naming old → new and the basis; a code
split into several desa (none in the shipped master: planted below) is a row error
listing them; a renamed desa's old name is read as its successor (planted likewise)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ucj.intake.testing import run_import_cli, write_csv, write_xlsx
from ucj.regions.models import Level, Region, RegionSuccession
from ucj.regions.villages import ensure_villages
from ucj.registry.models import RosterEntry
from ucj.registry.tests.synth import make_nik

pytestmark = pytest.mark.django_db
N = [make_nik("960101", d, 3, 80, d) for d in range(1, 6)]
# Kabupaten Sorong: 92.01 → 96.01 (UU 29/2022; Kepmendagri 300.2.2-2138/2025), and its desa
# Makbon 92.01.01.1001 → 96.01.01.1001, Asbaken 92.01.01.2002 → 96.01.01.2002,
# Malaumkarta 92.01.01.2004 → 96.01.01.2003 (shipped villages_legacy.csv.gz).
ROWS = [
    ["nik", "nama", "domisili", "kode_desa", "kelompok"],
    [N[0], "A", "96.01", "9201012002", "rt_rw"],  # old code, new kab/kota
    [N[1], "B", "92.01", "92.01.01.2004", "rt_rw"],  # old code, old kab/kota code
    [N[2], "C", "96.01", "9601011001", "rt_rw"],  # a current code: no warning
]


def test_retired_codes_read_as_successors_with_a_warning(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "rt_sorong.xlsx", ROWS)
    code, data = run_import_cli(str(path), "--kind", "roster")
    assert code == 0, data
    got = dict(RosterEntry.objects.values_list("row", "domicile__code"))
    assert got == {2: "96.01.01.2002", 3: "96.01.01.2003", 4: "96.01.01.1001"}
    warned = {w["row"]: w for w in data["warnings"] if w["column"] == "desa"}
    assert set(warned) == {2, 3}
    assert warned[2]["message_id"].startswith("Baris 2, kolom 'desa', nilai '9201012002'")
    assert "desa/kelurahan 92.01.01.2002 (Asbaken) kini 96.01.01.2002 (" in warned[2][
        "message_id"]  # fmt: skip
    assert "UU 29/2022" in warned[2]["message_id"] and "2025-04-25" in warned[2]["message_id"]
    assert warned[3]["message_en"].startswith("Row 3, column 'desa'")
    assert "desa/kelurahan 92.01.01.2004 (Malaumkarta) is now 96.01.01.2003" in warned[3][
        "message_en"]  # fmt: skip
    assert "basis UU 29/2022; Kepmendagri 300.2.2-2138/2025" in warned[3]["message_en"]


def test_split_code_is_a_row_error_naming_the_candidates(tmp_path: Path) -> None:
    ensure_villages(["96.01"])
    old = Region.objects.get(code="92.01.01.2002")
    first = RegionSuccession.objects.get(predecessor=old)
    RegionSuccession.objects.create(
        predecessor=old, successor=Region.objects.get(code="96.01.01.2003"),
        event=first.event, legal_basis=first.legal_basis, effective_date=first.effective_date,
    )  # fmt: skip
    path = write_csv(tmp_path / "pecah.csv", ROWS[:2])
    code, data = run_import_cli(str(path), "--kind", "roster")
    assert code == 1 and RosterEntry.objects.count() == 0
    (error,) = [e for e in data["errors"] if e["column"] == "desa"]
    assert error["row"] == 2
    assert "kode desa lama 92.01.01.2002 dipecah menjadi beberapa desa/kelurahan" in error[
        "message_id"]  # fmt: skip
    assert "96.01.01.2002" in error["message_en"] and "96.01.01.2003" in error["message_en"]
    assert "write the code of the one meant" in error["message_en"]


def test_old_name_read_as_successor(tmp_path: Path) -> None:
    ensure_villages(["96.01"])
    # No shipped desa changed its name (92.xx → 96.xx kept every name): plant a retired
    # desa whose old name differs, as a renamed desa would be.
    new = Region.objects.get(code="96.01.01.1001")
    old = Region.objects.create(
        code="92.01.01.1999", name="Makbon Lama", level=Level.VILLAGE, province_code="92",
        parent=Region.objects.get(code="92.01.01"), valid_to=dt.date(2025, 4, 25),
    )  # fmt: skip
    RegionSuccession.objects.create(
        predecessor=old, successor=new, event="Perubahan nama", legal_basis="Perda uji 1/2025",
        effective_date=dt.date(2025, 4, 25),
    )  # fmt: skip
    rows = [ROWS[0], [N[3], "D", "96.01", "Desa Makbon Lama", "rt_rw"]]
    code, data = run_import_cli(str(write_csv(tmp_path / "nama.csv", rows)), "--kind", "roster")
    assert code == 0, data
    assert RosterEntry.objects.get().domicile.code == "96.01.01.1001"
    (warning,) = [w for w in data["warnings"] if w["column"] == "desa"]
    assert "92.01.01.1999 (Makbon Lama) is now 96.01.01.1001 (Makbon)" in warning["message_en"]
    assert "Perubahan nama; basis Perda uji 1/2025" in warning["message_en"]


def test_retired_code_outside_the_domicile_is_an_error(tmp_path: Path) -> None:
    rows = [ROWS[0], [N[4], "E", "96.02", "9201012002", "rt_rw"]]
    code, data = run_import_cli(str(write_csv(tmp_path / "luar.csv", rows)), "--kind", "roster")
    assert code == 1
    (error,) = [e for e in data["errors"] if e["column"] == "desa"]
    assert "92.01.01.2002 is now 96.01.01.2002, outside region 96.02" in error["message_en"]
