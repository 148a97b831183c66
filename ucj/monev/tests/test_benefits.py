"""Benefits paid: the `benefits` import kind (Indonesian amounts, natural key, anonymous
stories), the sums per region, and the planning 'same number of workers' box."""

from __future__ import annotations

import datetime as dt

import pytest

from ucj.accounts.testing import region
from ucj.intake import kinds
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor
from ucj.monev.benefits import BenefitPaid, for_scenario, historical, paid

pytestmark = pytest.mark.django_db

HEADER = "wilayah;periode;program;kasus;nominal;sumber;cerita\n"
STORY = "Santunan diserahkan kepada ahli waris seorang pengawas pemilu ad hoc."


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(outcome):
    return " | ".join(e["message_id"] for e in outcome.as_json()["errors"])


def test_import_reads_rupiah_and_reimport_changes_nothing(tmp_path):
    assert kinds.get("benefits") is not None
    path = write(
        tmp_path,
        "manfaat.csv",
        HEADER + f"Lampung Tengah;2025-05;JKM;2;Rp84.000.000;lampungtengahkab.go.id;{STORY}\n"
        "15.03;Jul 2025;jaminan kecelakaan kerja;3;Rp 45.500.000,00;BPJS TK Cabang;\n"
        "15.03;2025-08;JHT;10;120000000;BPJS TK Cabang;\n",
    )
    first = run_import(path, "benefits", user=system_actor())
    assert first.ok, first.as_json()
    assert first.inserted == 3
    row = BenefitPaid.objects.get(region__code="18.02")
    assert (row.period, row.program, row.cases, row.amount) == (
        dt.date(2025, 5, 1),
        "JKM",
        2,
        84_000_000,
    )
    assert row.story == STORY and row.batch_id == first.batch and not row.is_sample
    jkk = BenefitPaid.objects.get(region__code="15.03", program="JKK")
    assert jkk.amount == 45_500_000
    again = run_import(path, "benefits", user=system_actor())
    assert again.ok and again.inserted == 0 and again.updated == 0
    assert BenefitPaid.objects.count() == 3


def test_nik_like_numbers_names_and_bad_amounts_are_refused(tmp_path):
    path = write(
        tmp_path,
        "bad.csv",
        "wilayah;periode;program;kasus;nominal;sumber;cerita;nama\n"
        "15.03;2025-07;JKM;1;Rp42.000.000;BPJS;Ahli waris NIK 1503014506780001 menerima;\n"
        "15.03;2025-07;JKK;1;Rp42.000.000;BPJS;Diserahkan kepada Bapak Suparman;\n"
        "15.03;2025-07;JHT;1;Rp42.000.000;BPJS;;Siti Aminah\n"
        "15.03;2025-07;JP;1;Rp42,5 juta;BPJS;;\n"
        "15.03;2025-07;XYZ;0;Rp1.000;BPJS;;\n",
    )
    out = run_import(path, "benefits", user=system_actor())
    assert not out.ok and out.exit_code == 1
    text = errors(out)
    assert "Baris 2, kolom 'cerita'" in text and "16 digit" in text
    assert "Baris 3, kolom 'cerita'" in text and "nama orang" in text
    assert "Baris 4, kolom 'nama'" in text and "data pribadi" in text
    assert "Baris 5, kolom 'nominal'" in text
    assert "Baris 6, kolom 'program'" in text
    # No personal data comes back in a message, in either language.
    everything = str(out.as_json())
    assert "1503014506780001" not in everything and "Siti Aminah" not in everything
    assert "Suparman" not in everything
    assert BenefitPaid.objects.count() == 0  # nothing half-written


def _row(code, month, program, cases, amount, sample=False):
    return BenefitPaid.objects.create(
        region=region(code), period=dt.date(2025, month, 1), program=program, cases=cases,
        amount=amount, source="BPJS TK", is_sample=sample,
    )  # fmt: skip


def test_sums_roll_up_from_kabkota_to_province_and_nation():
    _row("15.03", 7, "JKM", 2, 84_000_000)
    _row("15.01", 8, "JKM", 1, 42_000_000)
    _row("15.03", 10, "JKM", 5, 210_000_000)  # outside Q3
    _row("18.02", 8, "JKK", 1, 30_000_000)
    q3 = (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    rows = BenefitPaid.objects.all()
    sarolangun = paid(rows, "15.03", *q3)
    assert (sarolangun["cases"], sarolangun["amount"]) == (2, 84_000_000)
    assert sarolangun["programs"][0]["per_case"] == 42_000_000
    jambi = paid(rows, "15", *q3)
    assert (jambi["cases"], jambi["amount"]) == (3, 126_000_000)
    nation = paid(rows, "ID", *q3)
    assert (nation["cases"], nation["amount"]) == (4, 156_000_000)


def test_history_for_a_scheme_only_from_imported_rows():
    assert historical(BenefitPaid.objects.all(), "15.03", 1000, ["JKM"]) is None
    _row("15.03", 9, "JKM", 2, 84_000_000)
    found = for_scenario(None, "15.03", {"workers": 1000, "programs": ["JKK", "JKM"]})
    assert found is not None
    assert [p["program"] for p in found["programs"]] == ["JKM"]  # no JKK row: not invented
    jkm = found["programs"][0]
    assert jkm["per_case"] == 42_000_000 and jkm["cases"] == 2
    # No participants recorded in this test database: no rate, so no expected amount.
    assert jkm["expected_cases"] is None


def test_scorecard_panel_shows_benefits_beside_contributions(personas, client):
    from ucj.planning.models import FundingSource

    _row("18.02", 5, "JKM", 2, 84_000_000)
    BenefitPaid.objects.filter(region__code="18.02").update(story=STORY)
    FundingSource.objects.create(
        region=region("18.02"), year=2025, source="apbd", worker_group="pekerja_rentan",
        programs="JKK,JKM", committed_amount=500_000_000, workers=1000,
    )  # fmt: skip
    client.force_login(personas.outsider)
    page = client.get("/wilayah/18.02/").content.decode()
    assert 'data-testid="benefits-panel"' in page
    assert "Rp84.000.000" in page and "Rp42.000.000" in page and STORY in page
    assert "Rp500.000.000" in page


def test_planning_scenario_shows_what_the_same_workers_received(personas, client):
    from ucj.planning.defaults import ensure_defaults as planning_defaults
    from ucj.planning.models import Scenario

    planning_defaults()
    scenario = Scenario.objects.create(
        region=region("15.03"),
        name="JKM untuk 1.000 pekerja rentan",
        params={"kind": "workers", "segment": "BPU", "programs": ["JKK", "JKM"], "months": 12,
                "start": "2025-01", "workers": 1000},
    )  # fmt: skip
    client.force_login(personas.kabkota)
    url = f"/perencanaan/skenario/{scenario.pk}/"
    assert 'data-testid="benefit-history"' not in client.get(url).content.decode()  # none yet
    _row("15.03", 8, "JKM", 2, 84_000_000)
    page = client.get(url).content.decode()
    assert 'data-testid="benefit-history"' in page and "Rp42.000.000" in page
