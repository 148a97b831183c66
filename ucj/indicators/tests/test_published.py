"""The published cases of FACTS.md §6 reproduce from their inputs; the odd ones are flagged."""

from __future__ import annotations

import datetime as dt

import pytest

from ucj.indicators import demo, services


@pytest.fixture
def published(db):
    demo.load_published()


def at(code: str, period: str) -> dict:
    return services.coverage(code, dt.date.fromisoformat(f"{period}-01"))


def test_lampung_sep_2024(published):
    got = at("18", "2024-09")
    assert (got["active_participants"], got["potential_workers"]) == (760_468, 3_058_943)
    assert got["coverage_pct"] == 24.86
    assert got["reported_pct"] == 24.86 and got["discrepancy_pp"] == 0
    assert got["reported_category"] == "rendah"  # the source's word, kept beside ours
    assert got["potential_basis"] == "potensi" and got["as_of"] == "2024-09-24"
    assert got["is_sample"] is False
    assert any(s["kind"] == "participants" and "lampost" in s["source"] for s in got["sources"])


def test_aceh_aug_2025_formal_informal_total(published):
    got = at("11", "2025-08")
    assert (got["formal_pct"], got["informal_pct"], got["coverage_pct"]) == (47.04, 8.20, 25.46)
    assert got["active_participants"] == 407_773
    assert got["potential_basis"] == "angkatan_kerja"
    assert got["discrepancy_flag"] is False


def test_ntb_sulut_and_bolaang_mongondow_utara(published):
    assert at("52", "2025-06")["coverage_pct"] == 30.70
    assert at("71", "2025-08")["coverage_pct"] == 60.06
    bmu = at("71.08", "2025-08")
    assert (bmu["active_participants"], bmu["potential_workers"]) == (6_637, 23_610)
    assert bmu["coverage_pct"] == 28.11
    assert bmu["reported_pct"] == 28.0 and bmu["discrepancy_flag"] is False
    assert at("75", "2024-09")["coverage_pct"] == 54.61


def test_bali_mar_2025_mismatch_is_flagged(published):
    got = at("51", "2025-03")
    assert got["coverage_pct"] == 49.90 and got["reported_pct"] == 50.88
    assert got["discrepancy_pp"] == -0.98 and got["discrepancy_flag"] is True
    assert got["potential_basis"] == "penduduk_bekerja"


def test_aceh_jun_2025_reported_disagrees_with_its_own_inputs(published):
    got = at("11", "2025-06")  # 408,974 / 1,601,559 = 25.54%, reported 23.32%
    assert got["coverage_pct"] == 25.54 and got["discrepancy_flag"] is True


def test_kutai_timur_informal_over_100_is_stored_and_flagged(published):
    got = at("64.08", "2024-12")
    assert got["informal_pct"] == 150.87 and got["formal_pct"] == 87.25
    assert got["over_100_flag"] is True


def test_targets_and_gap_from_published(published):
    from ucj.indicators.targets import ceil_workers

    # Sulsel: 62.93% of 2,801,936 = 1,763,259 workers, as the source says.
    assert ceil_workers(62.93, 2_801_936) == 1_763_259
    lampung = at("18", "2024-09")  # judged against its 2024 target, 32.62%
    assert (lampung["target_pct"], lampung["target_year"]) == (32.62, 2024)
    assert lampung["target_workers"] == 997_828  # ⌈32.62 × 3,058,943 ÷ 100⌉
    assert lampung["gap_workers"] == 997_828 - 760_468
    ntb = at("52", "2025-06")
    assert ntb["target_issuer"] == "se_bangda" and ntb["target_pct"] == 62.22
    assert ntb["target_workers"] == 1_125_207  # ⌈62.22 × 1,808,432 ÷ 100⌉
    assert ntb["gap_workers"] == 1_125_207 - 555_276


def test_published_load_is_idempotent(published):
    from ucj.indicators.models import Participation, ReportedCoverage

    before = (Participation.objects.count(), ReportedCoverage.objects.count())
    demo.load_published()
    assert (Participation.objects.count(), ReportedCoverage.objects.count()) == before


def test_every_published_figure_has_a_source_and_an_as_of_date(published):
    from ucj.indicators.models import Participation, PotentialWorkers, ReportedCoverage, Target

    for model in (Participation, PotentialWorkers, ReportedCoverage, Target):
        rows = model.objects.all()
        assert rows.exists()
        assert not rows.filter(as_of__isnull=True).exists(), model
        assert not rows.filter(source="").exists(), model
        assert not rows.filter(is_sample=True).exists(), model


def test_category_only_reports_kept_without_a_percentage(published):
    from django.db import IntegrityError, transaction

    from ucj.accounts.testing import region
    from ucj.indicators.models import ReportedCoverage
    from ucj.indicators.tests.helpers import put

    put("18.71", "2025-05", 1000)  # a month we hold figures for: the report sits beside
    got = at("18.71", "2025-05")
    assert got["reported_pct"] is None and got["reported_category"] == "rendah"
    assert got["discrepancy_pp"] is None
    assert any(s["kind"] == "reported" for s in got["sources"])
    # A report must state something: a percentage or a category.
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportedCoverage.objects.create(region=region("15.03"), period=dt.date(2025, 1, 1))
