"""Reach, budget and next-category on real coverage figures (Sarolangun 43% → 65%)."""

from __future__ import annotations

import pytest

from ucj.accounts.testing import month
from ucj.planning.rates import PlanError
from ucj.planning.reach import budget, next_category, rank_with, reach
from ucj.planning.services import CostRequest
from ucj.planning.tests.factories import PERIOD, jambi_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def jambi():
    jambi_figures()


def bpu(months=3):
    return CostRequest(segment="BPU", programs=("JKK", "JKM"), months=months)


def test_sarolangun_43_to_65(jambi):
    out = reach("15.03", 65, bpu(), month(PERIOD))
    # 65% of 112.000 = 72.800; 72.800 − 48.160 = 24.640 more workers
    assert out["current_pct"] == 43.0
    assert out["gap_workers"] == 24_640
    assert out["per_worker_month"] == 16_800
    assert out["start"] == "2024-10"  # the months after the figures: Oct–Dec
    assert out["cost_total"] == 24_640 * 16_800 * 3 == 1_241_856_000
    assert out["resulting_pct"] == 65.0
    assert out["resulting_category"] == "tinggi"  # provisional default bands: ≥ 60
    # 70% (15.71) stays above: Sarolangun moves from 3rd to 2nd in Jambi
    assert out["current_rank_in_province"] == 3
    assert out["resulting_rank_in_province"] == 2


def test_full_year_and_rank_first(jambi):
    out = reach("15.03", 75, bpu(12), month(PERIOD))
    assert out["gap_workers"] == 84_000 - 48_160
    assert out["cost_total"] == 35_840 * 16_800 * 12
    assert out["resulting_rank_in_province"] == 1


def test_budget_buys_workers(jambi):
    out = budget("15.03", 1_000_000_000, bpu(), month(PERIOD))
    # 3 months × Rp16.800 = Rp50.400 per worker → 19.841 workers, Rp33.600 left
    assert out["workers"] == 19_841
    assert out["cost_total"] == 19_841 * 50_400
    assert out["remainder"] == 1_000_000_000 - 19_841 * 50_400
    assert out["resulting_pct"] == round((48_160 + 19_841) / 112_000 * 100, 2)
    assert out["resulting_category"] == "tinggi"


def test_next_category(jambi):
    out = next_category("15.03", bpu(12), month(PERIOD))
    # 43% is "rendah" (30–45) in the provisional scheme; "sedang" starts at 45%
    assert (out["current_category"], out["next_category"]) == ("rendah", "sedang")
    assert out["threshold_pct"] == 45.0
    assert out["workers"] == 50_400 - 48_160 == 2_240
    assert out["cost_total"] == 2_240 * 16_800 * 12
    assert out["resulting_category"] == "sedang"


def test_rank_with_ties():
    league = [
        {"code": "a", "coverage_pct": 70.0},
        {"code": "b", "coverage_pct": 50.0},
        {"code": "c", "coverage_pct": None},
    ]
    assert rank_with(league, "c", 50.0) == 2
    assert rank_with(league, "b", 80.0) == 1
    assert rank_with(league, "zz", 80.0) is None


def test_region_without_figures_is_refused(jambi):
    with pytest.raises(PlanError) as err:
        reach("18.02", 50, bpu(), month(PERIOD))
    assert "belum ada potensi" in str(err.value)
    with pytest.raises(PlanError) as err:
        reach("99.99", 50, bpu(), month(PERIOD))
    assert err.value.field == "code"


def test_reach_is_for_bpu_or_pu(jambi):
    with pytest.raises(PlanError) as err:
        reach("15.03", 65, CostRequest(segment="JAKON", contract_value=10**9), month(PERIOD))
    assert err.value.field == "segment"
