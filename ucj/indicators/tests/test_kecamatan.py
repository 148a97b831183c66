"""Kecamatan participation figures (issue 20 item 1): accepted by the participants import
(by code, or by name inside the kab/kota), stored at the kecamatan, added up into the
kab/kota only where the kab/kota has no row of its own, and completeness one level down.

Every expected number below is added up by hand from the file the test writes.
Sarolangun (15.03) has 11 kecamatan; Jambi (15) 11 kab/kota; UCJ_MIN_REPORTING_PCT 80.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ucj.indicators import coverage
from ucj.indicators.models import Participation, PotentialWorkers
from ucj.indicators.schemas import dump
from ucj.indicators.tests.helpers import pot
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor, write_csv, write_xlsx

pytestmark = pytest.mark.django_db

MAY = dt.date(2025, 5, 1)
HEADER = ["wilayah", "kecamatan", "periode", "segmen", "program", "peserta_aktif", "sumber"]
SAROLANGUN_KEC = [f"15.03.{i:02d}" for i in range(1, 12)]


def mixed_rows() -> list[list[str]]:
    """Batanghari (15.04) as a kab/kota row; Sarolangun (15.03) only by kecamatan: by
    code in `wilayah`, by name in `kecamatan`, by code in `kecamatan`."""
    return [
        HEADER,
        ["15.04", "", "2025-05", "PU", "", "1.000", "BPJS TK"],
        ["15.03.01", "", "2025-05", "PU", "", "100", "BPJS TK"],  # Batang Asai
        ["15.03", "Limun", "2025-05", "PU", "", "200", "BPJS TK"],  # 15.03.02
        ["Sarolangun", "Kecamatan Pauh", "2025-05", "BPU", "", "50", "BPJS TK"],  # 15.03.04
        ["15.03", "150303", "2025-05", "BPU", "", "25", "BPJS TK"],  # kec. Sarolangun
        ["15.03", "Limun", "2025-05", "PU", "JKK", "180", "BPJS TK"],
    ]


def imported(path, **kw):
    outcome = run_import(path, "participants", user=system_actor(), **kw)
    assert outcome.ok, outcome.as_json()["errors"]
    return outcome


@pytest.fixture
def potentials():
    pot("15.03", 2025, 10_000)
    pot("15.04", 2025, 20_000)


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_a_file_mixing_kabkota_and_kecamatan_rows_is_stored_and_added_up(
    tmp_path, potentials, form
):
    write = write_csv if form == "csv" else write_xlsx
    imported(write(tmp_path / f"peserta.{form}", mixed_rows()))
    stored = dict(Participation.objects.filter(program="").values_list("region__code", "count"))
    assert stored == {"15.04": 1000, "15.03.01": 100, "15.03.02": 200, "15.03.04": 50,
                      "15.03.03": 25}  # fmt: skip
    assert not Participation.objects.filter(region__code="15.03").exists()

    kab = dump(coverage.coverage("15.03", MAY))
    assert kab["active_participants"] == 100 + 200 + 50 + 25 == 375
    assert kab["by_segment"]["PU"] == 300 and kab["by_segment"]["BPU"] == 75
    assert kab["by_program"]["JKK"] == 180
    assert kab["coverage_pct"] == 3.75  # 375 / 10,000
    assert kab["rollup_check"] == {
        "basis": "sum_of_kecamatan",
        "kecamatan_with_data": 4,
        "kecamatan_total": 11,
        "kecamatan_active": 375,
        "kecamatan_cells_used": 3,  # PU, BPU, JKK
        "difference": None,
        "flag": False,
    }
    # 4 of 11 kecamatan: the month is not complete (80% needed), whatever the sum says.
    assert kab["completeness"] == {
        "reporting": 4, "expected": 11, "complete": False, "basis": "kecamatan"
    }  # fmt: skip
    assert {s["source"] for s in kab["sources"] if s["kind"] == "participants"} == {"BPJS TK"}

    limun = dump(coverage.coverage("15.03.02", MAY))
    assert limun["level"] == "district" and limun["name"] == "Limun"
    assert limun["active_participants"] == 200
    assert limun["by_program"]["JKK"] == 180
    assert limun["coverage_pct"] is None  # no kecamatan potential: no percentage
    assert limun["rank_in_province"] is None and limun["rank_national"] is None

    prov = dump(coverage.coverage("15", MAY))
    assert prov["active_participants"] == 1000 + 375
    assert prov["potential_workers"] == 30_000
    # Batanghari reports; Sarolangun's partial kecamatan month does not count as a unit.
    assert prov["completeness"]["reporting"] == 1
    assert prov["rollup_check"]["kabkota_with_data"] == 2


def test_a_kabkota_row_stands_over_its_kecamatan_and_the_difference_is_told(tmp_path, potentials):
    rows = [
        HEADER,
        ["15.03", "", "2025-05", "PU", "", "400", "BPJS TK"],
        ["15.03.01", "", "2025-05", "PU", "", "100", "BPJS TK"],
        ["15.03.02", "", "2025-05", "PU", "", "200", "BPJS TK"],
        ["15.03.02", "", "2025-05", "BPU", "", "30", "BPJS TK"],
    ]
    outcome = imported(write_csv(tmp_path / "peserta.csv", rows))
    warnings = outcome.as_json()["warnings"]
    stands = [w for w in warnings if "angka kab/kota yang dipakai" in w["message_id"]]
    assert [w["row"] for w in stands] == [2]  # on the kab/kota's row
    assert "400; jumlah 2 kecamatan 300 (selisih 100)" in stands[0]["message_id"]
    assert "its 2 kecamatan add up to 300 (difference 100)" in stands[0]["message_en"]

    kab = dump(coverage.coverage("15.03", MAY))
    assert kab["by_segment"]["PU"] == 400  # the kab/kota row stands
    assert kab["by_segment"]["BPU"] == 30  # a cell it has no row for: the kecamatan's
    assert kab["active_participants"] == 430
    check = kab["rollup_check"]
    assert check["basis"] == "direct_and_kecamatan"
    assert check["kecamatan_active"] == 330 and check["difference"] == 400 - 330
    assert check["flag"] is True
    assert kab["completeness"]["basis"] == "kecamatan"  # a cell came from 2 of 11

    # The same kecamatan file again later: the stored kab/kota row is named in the warning.
    again = imported(write_csv(tmp_path / "kec.csv", [rows[0], rows[2]]))
    told = [w for w in again.as_json()["warnings"] if "kab/kota 15.03" in w["message_id"]]
    assert [w["row"] for w in told] == [2]


def test_every_kecamatan_reporting_makes_the_month_complete(tmp_path, potentials):
    rows = [HEADER] + [[c, "", "2025-05", "PU", "", str(10 * (i + 1)), "BPJS TK"]
                       for i, c in enumerate(SAROLANGUN_KEC[:9])]  # fmt: skip
    rows.append(["15.03", "", "2025-04", "PU", "", "300", "BPJS TK"])  # April: its own row
    imported(write_csv(tmp_path / "peserta.csv", rows))
    kab = dump(coverage.coverage("15.03", MAY))
    assert kab["active_participants"] == sum(10 * (i + 1) for i in range(9)) == 450
    # 9 of 11 = 81.8% ≥ 80%: complete; May is then the kab/kota's default month.
    assert kab["completeness"] == {
        "reporting": 9, "expected": 11, "complete": True, "basis": "kecamatan"
    }  # fmt: skip
    assert coverage.default_period("15.03") == MAY
    assert coverage.coverage("15")["completeness"]["reporting"] == 1


def test_eight_of_eleven_is_not_complete_and_the_default_month_stays_put(tmp_path, potentials):
    rows = [HEADER, ["15.03", "", "2025-04", "PU", "", "300", "BPJS TK"]]
    rows += [[c, "", "2025-05", "PU", "", "10", "BPJS TK"] for c in SAROLANGUN_KEC[:8]]
    imported(write_csv(tmp_path / "peserta.csv", rows))
    assert coverage.coverage("15.03", MAY)["completeness"]["complete"] is False  # 72.7%
    assert coverage.default_period("15.03") == dt.date(2025, 4, 1)  # the complete month


def test_a_kecamatan_potential_gives_the_kecamatan_a_percentage_only(tmp_path, potentials):
    imported(write_csv(tmp_path / "peserta.csv", mixed_rows()))
    path = write_csv(
        tmp_path / "potensi.csv",
        [["wilayah", "kecamatan", "tahun", "potensi"], ["15.03", "Limun", "2025", "800"]],
    )
    assert run_import(path, "potential", user=system_actor()).ok
    assert PotentialWorkers.objects.get(region__code="15.03.02").total == 800
    limun = coverage.coverage("15.03.02", MAY)
    assert limun["potential_workers"] == 800 and limun["coverage_pct"] == 25.0  # 200 / 800
    kab = coverage.coverage("15.03", MAY)
    assert kab["potential_workers"] == 10_000  # the kab/kota's own, never a kecamatan sum


def test_an_unknown_kecamatan_is_a_row_error_in_both_languages(tmp_path):
    rows = [
        HEADER,
        ["15.03", "Atlantis", "2025-05", "PU", "", "10", ""],
        ["15.03.99", "", "2025-05", "PU", "", "10", ""],
        ["15.03", "15.04.01", "2025-05", "BPU", "", "10", ""],
    ]
    outcome = run_import(write_csv(tmp_path / "kec.csv", rows), "participants",
                         user=system_actor())  # fmt: skip
    body = outcome.as_json()
    assert not outcome.ok and body["inserted"] == 0
    assert not Participation.objects.exists()  # nothing half-written
    errors = {e["row"]: e for e in body["errors"]}
    atlantis = errors[2]
    assert atlantis["column"] == "kecamatan" and atlantis["value"] == "Atlantis"
    assert atlantis["message_id"] == (
        "Baris 2, kolom 'kecamatan', nilai 'Atlantis': "
        "kecamatan 'Atlantis' tidak dikenal di kab/kota 15.03"
    )
    assert atlantis["message_en"] == (
        "Row 2, column 'kecamatan', value 'Atlantis': "
        "unknown kecamatan 'Atlantis' in kab/kota 15.03"
    )
    assert errors[3]["column"] == "wilayah" and errors[3]["value"] == "15.03.99"
    assert "tidak dikenal" in errors[3]["message_id"] and "unknown" in errors[3]["message_en"]
    assert "di luar kab/kota 15.03" in errors[4]["message_id"]
    assert "outside kab/kota 15.03" in errors[4]["message_en"]


def test_an_approved_kabkota_month_locks_its_kecamatan_rows(tmp_path, personas):
    from django.utils import timezone

    from ucj.accounts.models import MonthApproval, MonthStatus
    from ucj.regions.models import Region

    MonthApproval.objects.create(
        region=Region.objects.get(code="15.03"), period=MAY, status=MonthStatus.APPROVED,
        approved_by=personas.province, approved_at=timezone.now(),
    )  # fmt: skip
    rows = [HEADER, ["15.03", "Limun", "2025-05", "PU", "", "10", ""],
            ["15.03.02", "", "2025-04", "PU", "", "10", ""]]  # fmt: skip
    outcome = run_import(write_csv(tmp_path / "kec.csv", rows), "participants",
                         user=system_actor())  # fmt: skip
    errors = outcome.as_json()["errors"]
    assert [e["row"] for e in errors] == [2]  # May is locked; April is not
    assert "approved and locked" in errors[0]["message_en"]
