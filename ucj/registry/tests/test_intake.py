"""The `roster` and `membership` import kinds: templates, variants, bad input, undo, and
the first-stored-wins rule across the rosters of a region."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from ucj.intake.testing import run_import_cli, write_csv, write_xlsx
from ucj.registry import stored
from ucj.registry.models import MembershipEntry, PersonResult, Roster, RosterEntry
from ucj.registry.tests.synth import make_nik

pytestmark = pytest.mark.django_db
NIKS = [make_nik("197101", d, 6, 84, 20 + d) for d in range(1, 5)]


def test_templates_list_the_issue_columns(tmp_path: Path) -> None:
    code, data = run_import_cli("template", "roster", "--out", str(tmp_path / "r.xlsx"))
    assert code == 0 and data["kind"] == "roster"
    header = [c.value for c in openpyxl.load_workbook(tmp_path / "r.xlsx").active[1]]
    for name in (
        "nik",
        "nama",
        "tanggal_lahir",
        "jenis_kelamin",
        "domisili",
        "kelompok",
        "instansi",
    ):
        assert name in header
    code, data = run_import_cli(
        "template", "membership", "--format", "csv", "--out", str(tmp_path / "m.csv")
    )
    first = (tmp_path / "m.csv").read_text(encoding="utf-8").splitlines()[0]
    for name in (
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
    ):
        assert name in first


def test_english_headers_and_flag_variants(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "bpjs.xlsx",
        [
            [
                "participant_number",
                "national_id",
                "segment",
                "jkk",
                "jkm",
                "jht",
                "jp",
                "jkp",
                "status_kepesertaan",
                "last_paid_month",
                "region",
            ],
            ["1", NIKS[0], "BPU", "ya", "Y", "1", "tidak", "N", "aktif", "2025-12", "19.71"],
            ["2", NIKS[1], "PU", "yes", "y", "0", "0", "no", "non-aktif", "Nov 2025", "19.71"],
        ],
    )
    code, data = run_import_cli(str(path), "--kind", "membership")
    assert code == 0, data
    rows = list(
        MembershipEntry.objects.order_by("kpj").values_list(
            "jkk", "jkm", "jht", "jp", "jkp", "status", "last_paid"
        )
    )
    assert rows == [
        (True, True, True, False, False, "aktif", dt.date(2025, 12, 1)),
        (True, True, False, False, False, "non_aktif", dt.date(2025, 11, 1)),
    ]
    assert MembershipEntry.objects.first().membership_list.region.code == "19.71"


def test_bad_cells_are_refused_with_row_column_value_and_no_nik(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "bpjs.csv",
        [
            ["kpj", "nik", "jkk", "status", "wilayah"],
            ["1", NIKS[0], "mungkin", "aktif", "19.71"],
            ["2", NIKS[1], "ya", "cuti", "19.71"],
        ],
    )
    code, data = run_import_cli(str(path), "--kind", "membership")
    assert code == 1 and MembershipEntry.objects.count() == 0
    messages = " ".join(e["message_id"] + e["message_en"] for e in data["errors"])
    assert "mungkin" in messages and "cuti" in messages and "Baris 2" in messages
    assert all(n not in str(data) for n in NIKS)


def test_roster_without_any_region_is_refused(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", [["nik", "nama"], [NIKS[0], "A"]])
    code, data = run_import_cli(str(path), "--kind", "roster")
    assert code == 1 and RosterEntry.objects.count() == 0
    assert data["errors"][0]["column"] == "domisili"
    assert NIKS[0] not in str(data)


def test_roster_region_given_at_import(tmp_path: Path) -> None:
    """Village staff of one kota, listed without domicile: the region comes with the import."""
    path = write_csv(tmp_path / "perangkat.csv", [["nik", "nama"], [NIKS[0], "A"], [NIKS[1], "B"]])
    code, data = run_import_cli(str(path), "--kind", "roster", "--region", "Kota Pangkalpinang")
    assert code == 0, data
    roster = Roster.objects.get()
    assert roster.region.code == "19.71" and RosterEntry.objects.count() == 2


def test_undo_removes_the_entries(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "r.csv", [["nik", "domisili"], [NIKS[0], "19.71"]])
    code, data = run_import_cli(str(path), "--kind", "roster")
    assert code == 0 and RosterEntry.objects.count() == 1
    code, data = run_import_cli("undo", str(data["batch"]))
    assert code == 0 and RosterEntry.objects.count() == 0


def test_first_stored_roster_wins_across_lists(tmp_path: Path) -> None:
    for name, niks in (("a_non_asn", NIKS[:3]), ("b_rt_rw", NIKS[1:])):
        path = write_csv(
            tmp_path / f"{name}.csv",
            [["nik", "domisili", "kelompok"], *[[n, "19.71", name[2:]] for n in niks]],
        )
        assert run_import_cli(str(path), "--kind", "roster")[0] == 0
    members = write_csv(
        tmp_path / "m.csv",
        [["nik", "status", "jkk", "wilayah"], *[[n, "aktif", "ya", "19.71"] for n in NIKS]],
    )
    assert run_import_cli(str(members), "--kind", "membership")[0] == 0
    outcome = stored.reconcile_region("19.71", dt.date(2026, 1, 15))
    assert outcome.summary["duplicates"] == 2 and outcome.summary["matched_active"] == 4
    first, second = Roster.objects.order_by("id")
    by_roster = {r["roster"]: r for r in outcome.rosters}
    assert by_roster[first.name]["persons"] == 3 and by_roster[second.name]["persons"] == 1
    dups = outcome.persons.filter(outcome.persons["status"] == "duplicate")
    assert dups["duplicate_of"].to_list() == ["a_non_asn baris 3", "a_non_asn baris 4"]
    assert PersonResult.objects.filter(status="duplicate").count() == 2


def test_stored_rosters_against_a_file_and_missing_list(tmp_path: Path) -> None:
    import io
    import json

    from django.core.management import call_command

    path = write_csv(tmp_path / "r.csv", [["nik", "domisili"], *[[n, "19.71"] for n in NIKS]])
    assert run_import_cli(str(path), "--kind", "roster")[0] == 0

    def cli(*args: str) -> tuple[int, dict]:
        out = io.StringIO()
        try:
            call_command("reconcile", *args, "--json", stdout=out)
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        return code, json.loads(out.getvalue())

    code, data = cli("--region", "19.71")
    assert code == 2 and "membership" in data["error"]
    members = write_csv(
        tmp_path / "m.csv", [["nik", "status", "jkk", "jkm"], [NIKS[0], "aktif", "ya", "tidak"]]
    )
    code, data = cli("--region", "19.71", "--membership", str(members), "--as-of", "2026-01-15")
    assert code == 0 and data["matched_active"] == 1 and data["not_member"] == 3
    assert data["by_program"]["JKK"] == 25.0 and data["by_program"]["JKM"] == 0.0
    code, data = cli("--region", "99.99")
    assert code == 2


R_HEAD = ["nik", "nama", "tanggal_lahir", "jenis_kelamin", "domisili", "kelompok", "pembayar"]
R_GOOD = [NIKS[0], "Ani", "12/06/1984", "P", "19.71", "non_asn", "APBD"]
M_HEAD = ["kpj", "nik", "jkk", "status", "bulan_iuran_terakhir", "wilayah"]
M_GOOD = ["1", NIKS[1], "ya", "aktif", "2025-12", "19.71"]


def _cell(head: list[str], base: list[str], col: str, value: str) -> list[str]:
    row = list(base)
    row[head.index(col)] = value
    return row


BAD_CASES = [
    ("roster", [R_HEAD, _cell(R_HEAD, R_GOOD, "tanggal_lahir", "31/02/1984")], 1),
    ("roster", [R_HEAD, _cell(R_HEAD, R_GOOD, "jenis_kelamin", "X")], 1),
    ("roster", [R_HEAD, _cell(R_HEAD, R_GOOD, "kelompok", "astronot")], 1),
    ("roster", [R_HEAD, _cell(R_HEAD, R_GOOD, "domisili", "Atlantis")], 1),
    ("roster", [R_HEAD, _cell(R_HEAD, R_GOOD, "pembayar", "bank dunia")], 1),
    ("roster", [R_HEAD, _cell(R_HEAD, R_GOOD, "nik", "")], 1),
    ("roster", [["nama", "domisili"], ["Ani", "19.71"]], 1),
    ("membership", [M_HEAD, _cell(M_HEAD, M_GOOD, "bulan_iuran_terakhir", "kemarin")], 1),
    ("membership", [M_HEAD, _cell(M_HEAD, M_GOOD, "status", "")], 1),
    ("membership", [M_HEAD, _cell(M_HEAD, M_GOOD, "jkk", "2")], 1),
    ("membership", [M_HEAD, M_GOOD, M_GOOD], 1),  # the same KPJ and NIK twice
]


@pytest.mark.parametrize(("kind", "rows", "status"), BAD_CASES)
def test_bad_input_refused_without_quoting_a_nik(tmp_path: Path, kind, rows, status) -> None:
    path = write_csv(tmp_path / f"{kind}.csv", rows)
    code, data = run_import_cli(str(path), "--kind", kind)
    assert code == status, data
    assert data["errors"] and all(e["message_id"] and e["message_en"] for e in data["errors"])
    assert all(n not in str(data) for n in NIKS)
    assert RosterEntry.objects.count() == 0 and MembershipEntry.objects.count() == 0


def test_web_users_import_only_their_own_regions(tmp_path: Path, personas) -> None:
    from ucj.intake.pipeline import run_import

    path = write_csv(tmp_path / "r.csv", [["nik", "domisili"], [NIKS[0], "15.03"]])
    refused = run_import(path, "roster", user=personas.outsider)
    assert not refused.ok and RosterEntry.objects.count() == 0
    assert NIKS[0] not in str(refused.as_json())
    accepted = run_import(path, "roster", user=personas.kabkota)
    assert accepted.ok and Roster.objects.get().region.code == "15.03"
    members = write_csv(
        tmp_path / "m.csv", [["kpj", "nik", "status", "wilayah"], ["1", NIKS[0], "aktif", "15.03"]]
    )
    assert not run_import(members, "membership", user=personas.outsider).ok
    assert run_import(members, "membership", user=personas.branch).ok
