"""The cost calculator against hand computation from FACTS.md §4, to the rupiah."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ucj.accounts.testing import month
from ucj.planning.defaults import ensure_defaults
from ucj.planning.models import ContributionRate
from ucj.planning.rates import PlanError
from ucj.planning.services import CostRequest, cost

pytestmark = pytest.mark.django_db


def test_defaults_idempotent():
    before = ContributionRate.objects.count()
    assert ensure_defaults() == 0
    assert ContributionRate.objects.count() == before == 14


def test_bpu_jkk_jkm_at_minimum_income_is_16800():
    out = cost(
        CostRequest(
            segment="BPU", programs=("JKK", "JKM"), workers=1, months=1, start=month("2025-01")
        )
    )
    assert out["per_worker_month"] == 16_800
    assert out["per_program"] == {"JKK": 10_000, "JKM": 6_800}
    assert out["total"] == 16_800
    assert "setengah ke atas" in out["rounding"] and out["legal_basis"]


def test_sarolangun_gap_rest_of_year():
    # 43% → 65% of ~112.000 workers: 24.640 more; Oct–Dec 2024 at Rp16.800.
    out = cost(
        CostRequest(
            segment="BPU", programs=("JKK", "JKM"), workers=24_640, months=3, start=month("2024-10")
        )
    )
    assert out["total"] == 24_640 * 16_800 * 3 == 1_241_856_000


def test_bpu_income_bounds():
    top = cost(
        CostRequest(
            segment="BPU", programs=("JKK",), income=30_000_000, months=1, start=month("2025-01")
        )
    )
    assert top["per_worker_month"] == 207_000
    low = cost(
        CostRequest(
            segment="BPU", programs=("JKK", "JHT"), income=500_000, months=1, start=month("2025-01")
        )
    )
    assert low["per_program"] == {"JKK": 10_000, "JHT": 20_000}
    assert any("minimum" in n for n in low["notes"])
    odd = cost(
        CostRequest(
            segment="BPU", programs=("JKK",), income=2_345_650, months=1, start=month("2025-01")
        )
    )
    assert odd["per_worker_month"] == 23_457  # 23.456,5 rounds half up


def test_pu_jht_split_and_risk_classes():
    out = cost(
        CostRequest(
            segment="PU",
            programs=("JKK", "JKM", "JHT"),
            wage=3_000_000,
            risk_class=5,
            workers=10,
            months=1,
            start=month("2025-06"),
        )
    )
    # JKK 1,74% = 52.200; JKM 0,30% = 9.000; JHT 5,7% = 171.000 (3,7% = 111.000 employer)
    assert out["per_program_per_worker_month"] == {"JKK": 52_200, "JKM": 9_000, "JHT": 171_000}
    assert out["payers"] == {"employer": (52_200 + 9_000 + 111_000) * 10, "worker": 60_000 * 10}
    assert out["total"] == 2_322_000


def test_jp_wage_cap_before_and_after_march_2024():
    out = cost(
        CostRequest(
            segment="PU", programs=("JP",), wage=10_000_000, months=4, start=month("2024-01")
        )
    )
    # Jan, Feb: 3% × 9.559.600 = 286.788; Mar, Apr: 3% × 10.000.000 (under the new cap)
    assert [m["per_worker"] for m in out["monthly"]] == [286_788, 286_788, 300_000, 300_000]
    assert out["total"] == 1_173_576
    assert out["payers"] == {
        "employer": 2 * 191_192 + 2 * 200_000,
        "worker": 2 * 95_596 + 2 * 100_000,
    }
    capped = cost(
        CostRequest(
            segment="PU", programs=("JP",), wage=12_000_000, months=1, start=month("2024-03")
        )
    )
    assert capped["total"] == 301_269  # 3% × 10.042.300 = 301.269


def test_jkp_before_and_after_7_february_2025():
    jan = ContributionRate.objects.on(dt.date(2025, 2, 6)).get(segment="PU", program="JKP")
    feb = ContributionRate.objects.on(dt.date(2025, 2, 7)).get(segment="PU", program="JKP")
    assert (jan.total_pct, jan.legal_basis) == (Decimal("0.460"), "PP 37/2021")
    assert (feb.total_pct, feb.legal_basis) == (Decimal("0.360"), "PP 6/2025")
    out = cost(
        CostRequest(
            segment="PU",
            programs=("JKK", "JKM", "JKP"),
            wage=5_000_000,
            risk_class=1,
            months=3,
            start=month("2025-01"),
        )
    )
    # The employer pays no JKP of its own: JKK 12.000 + JKM 15.000 a month.
    assert out["per_program"] == {"JKK": 36_000, "JKM": 45_000, "JKP": 0}
    # Recomposition: 0,10% of JKM goes to JKP in Jan and Feb (rate of the 1st), not in Mar.
    assert out["not_payable"] == {
        "government_jkp": 33_000,
        "jkp_from_jkk": 21_000,
        "jkp_from_jkm": 10_000,
    }
    assert set(out["legal_basis"]) >= {"PP 37/2021", "PP 6/2025"}


def test_relaxations_only_when_asked():
    plain = cost(
        CostRequest(
            segment="PU",
            programs=("JKK",),
            wage=4_000_000,
            risk_class=3,
            months=2,
            start=month("2025-01"),
        )
    )
    assert plain["total"] == 2 * 35_600 and plain["relaxations_applied"] == []
    relaxed = cost(
        CostRequest(
            segment="PU",
            programs=("JKK",),
            wage=4_000_000,
            risk_class=3,
            months=2,
            start=month("2025-01"),
            relaxations=("pp-7-2025",),
        )
    )
    # Jan 2025 is before PP 7/2025; Feb: 0,445% × 4.000.000 = 17.800
    assert [m["per_worker"] for m in relaxed["monthly"]] == [35_600, 17_800]
    covid = cost(
        CostRequest(
            segment="BPU",
            programs=("JKK", "JKM"),
            months=1,
            start=month("2020-09"),
            relaxations=("pp-49-2020",),
        )
    )
    assert covid["per_program"] == {"JKK": 100, "JKM": 68}


def test_jakon_cumulative_bands_and_pmi_packages():
    out = cost(
        CostRequest(
            segment="JAKON",
            programs=("JKK", "JKM"),
            contract_value=1_000_000_000,
            start=month("2025-01"),
        )
    )
    # JKK: 100 jt × 0,21% + 400 jt × 0,17% + 500 jt × 0,13%
    assert out["per_program"] == {"JKK": 210_000 + 680_000 + 650_000, "JKM": 210_000}
    assert any("verifikasi" in n for n in out["notes"])
    pmi = cost(CostRequest(segment="PMI", contract_months=24, workers=1, start=month("2025-01")))
    assert pmi["total"] == 370_000
    longer = cost(CostRequest(segment="PMI", contract_months=26, start=month("2025-01")))
    assert longer["total"] == 37_500 + 332_500 + 2 * 13_500


@pytest.mark.parametrize(
    ("req", "field"),
    [
        (CostRequest(segment="BPU", programs=("JP",)), "programs"),
        (CostRequest(segment="PU", programs=("JKK",), wage=3_000_000), "risk_class"),
        (CostRequest(segment="PU", programs=("JKM",)), "wage"),
        (CostRequest(segment="BPU", programs=("XYZ",)), "programs"),
        (CostRequest(segment="PMI", contract_months=9), "contract_months"),
        (CostRequest(segment="BPU", relaxations=("pp-49-2023",)), "relaxation"),
    ],
)
def test_bad_input_is_a_plan_error(req, field):
    with pytest.raises(PlanError) as err:
        cost(req)
    assert err.value.field == field and " / " in str(err.value)
