"""Published national totals (FACTS §6.1) beside the nation we compute."""

from __future__ import annotations

import pytest

from ucj.indicators import demo, published, services
from ucj.indicators.models import NationalFigure
from ucj.indicators.tests.helpers import pot, put

pytestmark = pytest.mark.django_db


def test_published_rows_as_the_sources_state_them():
    demo.load_published()
    demo.load_published()  # loading again changes nothing
    assert NationalFigure.objects.count() == len(published.NATIONAL) == 15
    rows = services.published_national()
    assert [r["period"] for r in rows] == sorted((r["period"] for r in rows), reverse=True)
    april = next(r for r in rows if r["period"] == "2025-04")
    assert (april["active_participants"], april["coverage_pct"], april["target_pct"]) == (
        39_700_000,
        35.68,
        52.15,
    )
    assert april["segments"] == {
        "pu": 25_430_000, "bpu": 8_990_000, "jakon": 4_640_000, "pmi": 640_000
    }  # fmt: skip
    assert april["source"] == "kontan.co.id; ayonusa.com" and april["as_of"] == "2025-04-30"
    # What a source does not state stays empty (May 2025: a percentage, no count).
    may = next(r for r in rows if r["period"] == "2025-05")
    assert may["active_participants"] is None and may["coverage_pct"] == 35.86
    # Two sources for Dec 2024 are both kept, each with its own figure.
    dec = {r["source"]: r["active_participants"] for r in rows if r["period"] == "2024-12"}
    assert dec == {"ekonomi.bisnis.com (Jul 2025)": 45_230_000, "kontan.co.id": 45_220_000}


def test_ours_for_the_same_month_is_the_sum_of_provinces():
    NationalFigure.objects.create(period=put("15", "2025-06", 700).period, participants=900,
                                  source="uji nasional")  # fmt: skip
    put("18", "2025-06", 200, segment="BPU")
    put("18", "2025-07", 999)  # another month: not part of June
    pot("15", 2025, 1000)
    pot("18", 2025, 1000)
    row = services.published_national()[0]
    assert (row["active_participants"], row["computed_active_participants"]) == (900, 900)
    assert row["computed_coverage_pct"] == 45.0 and row["computed_is_sample"] is False


def test_no_data_of_ours_for_that_month():
    NationalFigure.objects.create(period=put("15", "2025-06", 700).period.replace(year=2021),
                                  participants=5, source="uji")  # fmt: skip
    row = services.published_national()[0]
    assert row["computed_active_participants"] is None and row["computed_coverage_pct"] is None
