"""Reconciliation on files: counts, statuses, duplicate rule, per-roster shares, outputs."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import polars as pl
import pytest
from django.core.management import call_command

from ucj.registry import files, services
from ucj.registry.tests.synth import PANGKAL_NON_ASN, make_nik, write_csv

AS_OF = dt.date(2026, 1, 15)
pytestmark = pytest.mark.django_db
MEMBER_HEADER = [
    "nik",
    "kpj",
    "segmen",
    "jkk",
    "jkm",
    "jht",
    "jp",
    "jkp",
    "status",
    "bulan_iuran_terakhir",
]


def _run(*args: str) -> tuple[int, dict]:
    out = io.StringIO()
    try:
        call_command("reconcile", *args, stdout=out)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, json.loads(out.getvalue())


def test_pangkalpinang_non_asn_jkk_jkm_full_jht_none(tmp_path: Path) -> None:
    roster = write_csv(
        tmp_path / "non_asn.csv",
        ["nik", "nama", "kelompok"],
        [[n, f"Pegawai {i}", "non_asn"] for i, n in enumerate(PANGKAL_NON_ASN)],
    )
    members = write_csv(
        tmp_path / "bpjs.csv",
        MEMBER_HEADER,
        [
            [n, f"1500000{i}", "BPU", "ya", "ya", "tidak", "tidak", "tidak", "aktif", "2025-12"]
            for i, n in enumerate(PANGKAL_NON_ASN)
        ],
    )
    code, data = _run(
        "--roster", str(roster), "--membership", str(members), "--as-of", "2026-01-15", "--json"
    )
    assert code == 0
    assert data == {
        "roster_rows": 4,
        "valid": 4,
        "invalid_nik": 0,
        "duplicates": 0,
        "matched_active": 4,
        "matched_inactive": 0,
        "not_member": 0,
        "by_program": {"JKK": 100.0, "JKM": 100.0, "JHT": 0.0, "JP": 0.0, "JKP": 0.0},
    }


def _mixed(tmp_path: Path) -> tuple[Path, Path, list[str]]:
    a = make_nik("150301", 1, 2, 80, 11)
    b = make_nik("150302", 14, 6, 91, 12, woman=True)
    c = make_nik("150303", 9, 9, 99, 13)
    d = make_nik("150304", 21, 4, 88, 14)
    e = make_nik("150305", 2, 2, 70, 15, woman=True)
    roster = write_csv(
        tmp_path / "roster.csv",
        ["NIK", "Nama", "Kelompok", "Instansi"],
        [
            [a, "Ani", "rt_rw", "Kel. A"],
            ["1503.01-010280-0011", "Ani lagi", "rt_rw", "Kel. A"],  # same NIK as row 2
            [b, "Budi", "rt_rw", "Kel. B"],
            [c, "Citra", "non_asn", "Dinas C"],
            [d, "Dedi", "non_asn", "Dinas D"],
            ["150301321380000", "Salah", "non_asn", "Dinas E"],  # 15 digits
            [make_nik("150301", 1, 1, 20, 1), "Anak", "non_asn", "Dinas E"],  # age 6
        ],
    )
    members = write_csv(
        tmp_path / "members.csv",
        MEMBER_HEADER,
        [
            [a, "11", "BPU", "Y", "Y", "N", "N", "N", "aktif", "2025-12"],
            [b, "12", "PU", "1", "1", "1", "1", "0", "non-aktif", "2024-06"],
            [c, "13", "PU", "ya", "ya", "ya", "tidak", "tidak", "aktif", "2025-11"],
            [c, "14", "BPU", "ya", "ya", "tidak", "ya", "tidak", "non-aktif", "2023-01"],
            [e, "15", "BPU", "ya", "ya", "tidak", "tidak", "tidak", "aktif", "2025-12"],
        ],
    )
    return roster, members, [a, b, c, d, e]


def test_statuses_counts_and_duplicate_rule(tmp_path: Path) -> None:
    roster, members, _ = _mixed(tmp_path)
    outcome = services.reconcile_files(roster, members, AS_OF)
    assert outcome.summary == {
        "roster_rows": 7,
        "valid": 5,
        "invalid_nik": 2,
        "duplicates": 1,
        "matched_active": 2,
        "matched_inactive": 1,
        "not_member": 1,
        # Over 4 unique persons; c's JP is on a non-aktif row, so it does not count.
        "by_program": {"JKK": 50.0, "JKM": 50.0, "JHT": 25.0, "JP": 0.0, "JKP": 0.0},
    }
    people = outcome.persons.sort("row")
    assert people["status"].to_list() == [
        "active",
        "duplicate",
        "inactive",
        "active",
        "not_member",
        "invalid_nik",
        "invalid_nik",
    ]
    # First record wins: row 3 repeats row 2 and points at it.
    assert people.filter(pl.col("row") == 3)["duplicate_of"].to_list() == ["2"]
    assert people.filter(pl.col("row") == 8)["nik_errors"].to_list() == [["age"]]
    assert outcome.members_in_no_roster == 1  # e is a member on no roster
    by_roster = {r["roster"]: r for r in outcome.rosters}
    assert by_roster["rt_rw"]["persons"] == 2 and by_roster["rt_rw"]["by_program"]["JKK"] == 50.0
    assert by_roster["non_asn"]["persons"] == 2
    assert by_roster["non_asn"]["by_program"]["JHT"] == 50.0


def test_outputs_hold_masked_niks_only(tmp_path: Path) -> None:
    roster, members, niks = _mixed(tmp_path)
    out = tmp_path / "out"
    code, data = _run(
        "--roster",
        str(roster),
        "--membership",
        str(members),
        "--as-of",
        "2026-01-15",
        "--out",
        str(out),
        "--json",
    )
    assert code == 0 and data["roster_rows"] == 7
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "peserta_tanpa_daftar.csv",
        "rekonsiliasi.xlsx",
        "rekonsiliasi_per_daftar.csv",
        "rekonsiliasi_per_orang.csv",
        "rekonsiliasi_ringkasan.json",
    ]
    per_person = pl.read_csv(out / "rekonsiliasi_per_orang.csv", infer_schema=False)
    assert per_person["nik_masked"][0] == niks[0][:4] + "*" * 10 + niks[0][14:]
    outside = pl.read_csv(out / "peserta_tanpa_daftar.csv", infer_schema=False)
    assert outside["nik_masked"].to_list() == [niks[4][:4] + "*" * 10 + niks[4][14:]]
    from openpyxl import load_workbook

    book = load_workbook(out / "rekonsiliasi.xlsx", read_only=True)
    assert book.sheetnames == ["ringkasan", "per_daftar", "per_orang"]
    assert book["per_orang"].max_row == 8  # header and seven roster rows
    summary = json.loads((out / "rekonsiliasi_ringkasan.json").read_text(encoding="utf-8"))
    assert summary["members_in_no_roster"] == 1 and summary["membership_list"] == "members.csv"
    from ucj.registry.tests.synth import assert_no_raw_nik

    assert_no_raw_nik(out, niks)


def test_unreadable_flag_names_file_row_column_value(tmp_path: Path) -> None:
    roster = write_csv(tmp_path / "r.csv", ["nik"], [[PANGKAL_NON_ASN[0]]])
    members = write_csv(
        tmp_path / "m.csv",
        MEMBER_HEADER,
        [[PANGKAL_NON_ASN[0], "1", "BPU", "mungkin", "ya", "ya", "ya", "ya", "aktif", "2025-01"]],
    )
    out = tmp_path / "out"
    code, data = _run(
        "--roster", str(roster), "--membership", str(members), "--out", str(out), "--json"
    )
    assert code == 1 and not out.exists()
    problem = data["problems"][0]
    assert (problem["file"], problem["row"], problem["column"], problem["value"]) == (
        "m.csv",
        2,
        "jkk",
        "mungkin",
    )
    assert "baris 2" in problem["message_id"] and "row 2" in problem["message_en"]


def test_missing_file_and_missing_nik_column(tmp_path: Path) -> None:
    roster = write_csv(tmp_path / "r.csv", ["nama"], [["Ani"]])
    code, data = _run("--roster", str(roster), "--membership", str(tmp_path / "none.csv"), "--json")
    assert code == 2 and "none.csv" in data["error"]
    members = write_csv(tmp_path / "m.csv", ["nik"], [[PANGKAL_NON_ASN[0]]])
    code, data = _run("--roster", str(roster), "--membership", str(members), "--json")
    assert code == 1 and data["problems"][0]["column"] == "nik"


def test_english_headers_and_xlsx(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["National ID", "Name", "Group"])
    for n in PANGKAL_NON_ASN:
        sheet.append([n, "X", "non_asn"])
    book.save(tmp_path / "roster.xlsx")
    members = write_csv(
        tmp_path / "m.csv",
        ["NIK", "Status", "JKK", "JKM"],
        [
            [PANGKAL_NON_ASN[0], "active", "Y", "N"],
            [PANGKAL_NON_ASN[1], "inactive", "Y", "Y"],
        ],
    )
    outcome = services.reconcile_files(tmp_path / "roster.xlsx", members, AS_OF)
    assert outcome.summary["matched_active"] == 1 and outcome.summary["matched_inactive"] == 1
    assert outcome.summary["by_program"]["JKK"] == 25.0
    assert outcome.summary["by_program"]["JKM"] == 0.0
    assert files.header_key("National ID") == "national_id"


def test_membership_nik_with_separators_still_matches(tmp_path: Path) -> None:
    a, b = PANGKAL_NON_ASN[:2]
    roster = write_csv(tmp_path / "r.csv", ["nik"], [[a], [b]])
    spaced = f"{a[:6]} {a[6:12]} {a[12:]}"
    members = write_csv(
        tmp_path / "m.csv",
        ["nik", "status", "jkk"],
        [[spaced, "aktif", "ya"], [b, "aktif", "tidak"], ["", "aktif", "ya"]],
    )
    outcome = services.reconcile_files(roster, members, AS_OF)
    assert outcome.summary["matched_active"] == 2
    assert outcome.summary["by_program"]["JKK"] == 50.0
