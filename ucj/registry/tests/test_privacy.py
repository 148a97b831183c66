"""A full import-and-reconcile run, then a search for the raw NIKs in the database (a
dump and, on SQLite, an SQL dump of every table), the logs, the command output and every output
file: none may appear (issue 9, UU 27/2022)."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from ucj.registry.models import (
    MembershipEntry,
    PersonResult,
    Reconciliation,
    Roster,
    RosterEntry,
)
from ucj.registry.tests.synth import assert_no_raw_nik, make_nik, write_csv

pytestmark = pytest.mark.django_db


def _cli(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, out.getvalue() + err.getvalue()


def test_no_raw_nik_anywhere_after_import_and_reconcile(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    niks = [make_nik("197101", d, 3, 85, d) for d in range(1, 9)]
    niks += [make_nik("197102", d, 8, 92, 100 + d, woman=True) for d in range(1, 5)]
    broken = "1971010203850"  # too short: stored hashed, reported as invalid
    roster = write_csv(
        tmp_path / "non_asn_pangkalpinang.csv",
        ["nik", "nama", "jenis_kelamin", "domisili", "kelompok", "instansi", "pembayar"],
        [
            [n, f"Pegawai {i}", "L", "19.71", "non-ASN", "Satpol PP", "APBD"]
            for i, n in enumerate(niks)
        ]
        + [[broken, "Salah Ketik", "P", "19.71", "non_asn", "", ""]]
        + [[niks[0].replace("197101", "1971 01 "), "Ganda", "L", "19.71", "non_asn", "", ""]],
    )
    members = write_csv(
        tmp_path / "bpjs_1971.csv",
        [
            "kpj",
            "nik",
            "segmen",
            "jkk",
            "jkm",
            "jht",
            "jp",
            "jkp",
            "status",
            "bulan_iuran_terakhir",
            "wilayah",
        ],
        [
            [
                f"2500{i:04d}",
                n,
                "BPU",
                "Y",
                "Y",
                "N",
                "N",
                "N",
                "aktif" if i < 10 else "non-aktif",
                "2025-12",
                "19.71",
            ]
            for i, n in enumerate(niks)
        ]
        + [
            [
                "25009999",
                make_nik("197103", 4, 4, 77, 9),
                "BPU",
                "1",
                "1",
                "0",
                "0",
                "0",
                "aktif",
                "2025-11",
                "Kota Pangkal Pinang",
            ]
        ],
    )
    everyone = [*niks, broken, make_nik("197103", 4, 4, 77, 9)]

    # A refused file first: its error file and messages must not hold the NIKs either.
    bad = write_csv(
        tmp_path / "salah.csv",
        ["nik", "tanggal_lahir", "domisili"],
        [[n, "31/02/1985", "19.71"] for n in niks[:3]] + [["=1+1", "", "19.71"]],
    )
    errors_out = tmp_path / "hasil" / "galat.csv"
    errors_out.parent.mkdir()
    code, text = _cli(
        "import_data", str(bad), "--kind", "roster", "--errors-out", str(errors_out), "--json"
    )
    assert code == 1 and errors_out.exists() and RosterEntry.objects.count() == 0
    refused_text = text
    code, text = _cli("import_data", str(roster), "--kind", "roster", "--json")
    assert code == 0, text
    code, text = _cli("import_data", str(members), "--kind", "membership", "--json")
    assert code == 0, text
    assert RosterEntry.objects.count() == 14 and MembershipEntry.objects.count() == 13
    out = tmp_path / "hasil"
    code, text = _cli(
        "reconcile", "--region", "19.71", "--as-of", "2026-01-15", "--out", str(out), "--json"
    )
    assert code == 0, text
    summary = json.loads(text)
    assert summary["roster_rows"] == 14 and summary["invalid_nik"] == 1
    assert summary["duplicates"] == 1 and summary["matched_active"] == 10
    assert summary["matched_inactive"] == 2 and summary["not_member"] == 0
    assert summary["by_program"] == {"JKK": 83.33, "JKM": 83.33, "JHT": 0.0, "JP": 0.0, "JKP": 0.0}
    rec = Reconciliation.objects.get()
    assert rec.members_in_no_roster == 1 and PersonResult.objects.count() == 14
    roster_row = Roster.objects.get()
    assert (roster_row.region.code, roster_row.group, roster_row.payer) == (
        "19.71",
        "non_asn",
        "APBD",
    )
    code, text = _cli("nik", "check", niks[0], "--as-of", "2026-01-15")
    assert code == 0

    # The database: every table through a dump, and on SQLite the database file itself.
    dump = tmp_path / "dump.json"
    call_command("dumpdata", output=str(dump), verbosity=0)
    assert dump.stat().st_size > 10_000
    assert_no_raw_nik(dump, everyone)
    if connection.vendor == "sqlite":
        # Every table and index as SQL, from the test's own connection (uncommitted rows too).
        copy = tmp_path / "copy.sql"
        connection.ensure_connection()
        copy.write_text("\n".join(connection.connection.iterdump()), encoding="utf-8")
        assert_no_raw_nik(copy, everyone)
        assert b"Pegawai 1" in copy.read_bytes()  # the search does see stored text
    # Logs and everything the commands printed.
    logged = tmp_path / "logs.txt"
    captured = capsys.readouterr()
    logged.write_text(
        caplog.text + captured.out + captured.err + text + refused_text, encoding="utf-8"
    )
    assert_no_raw_nik(logged, everyone)
    # Every output file, XLSX members included.
    assert len(list(out.iterdir())) == 6  # five results and the refused file's errors
    outside = (out / "peserta_tanpa_daftar.csv").read_text(encoding="utf-8")
    assert "1971**********09" in outside and "25009999" in outside
    assert_no_raw_nik(out, everyone)
    assert (niks[0][:4] + "*" * 10 + niks[0][14:]).encode() in (
        out / "rekonsiliasi_per_orang.csv"
    ).read_bytes()
