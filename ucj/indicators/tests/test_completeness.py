"""Issue 13: completeness, the default month, comparable ranks, headline figures and
target status, on figures stored as an import stores them (set-based factories)."""

from __future__ import annotations

import datetime as dt

import pytest

from ucj.indicators import services
from ucj.indicators.models import Participation, PotentialWorkers, ReportedCoverage
from ucj.indicators.tests.helpers import month, pot, put, reported, target
from ucj.regions.models import Region

pytestmark = pytest.mark.django_db


def fill(province: str, period: str, pct: float = 30.0, skip: tuple[str, ...] = ()) -> list[str]:
    """Counts and a potential of 1000 for every kab/kota of a province (bulk insert);
    kab/kota i gets pct + i so that ranks are distinct."""
    regions = [r for r in Region.objects.kabkota().in_province(province) if r.code not in skip]
    year = int(period[:4])
    have = set(
        PotentialWorkers.objects.filter(region__in=regions, year=year).values_list(
            "region_id", flat=True
        )
    )
    PotentialWorkers.objects.bulk_create(
        PotentialWorkers(region=r, year=year, total=1000, source="uji")
        for r in regions
        if r.pk not in have
    )
    Participation.objects.bulk_create(
        Participation(
            region=r, period=month(period), segment="PU", count=int((pct + i) * 10), source="uji"
        )
        for i, r in enumerate(regions)
    )
    return [r.code for r in regions]


def test_completeness_of_kabkota_province_and_nation(settings):
    fill("15", "2025-01", skip=("15.01", "15.02"))  # 9 of 11
    fill("18", "2025-01", skip=tuple(f"18.0{i}" for i in range(1, 5)))  # 11 of 15
    jambi = services.coverage("15", month("2025-01"))
    assert jambi["completeness"] == {
        "reporting": 9, "expected": 11, "complete": True, "basis": "kabkota"
    }  # fmt: skip
    lampung = services.coverage("18", month("2025-01"))  # 73% < 80%
    assert lampung["completeness"]["reporting"] == 11 and not lampung["completeness"]["complete"]
    nation = services.national(month("2025-01"))
    assert nation["completeness"] == {
        "reporting": 1, "expected": 38, "complete": False, "basis": "provinces"
    }  # fmt: skip
    saro = services.coverage("15.03", month("2025-01"))
    assert saro["completeness"]["reporting"] == 1 and saro["completeness"]["complete"]
    assert services.coverage("15.01", month("2025-01"))["completeness"] == {
        "reporting": 0, "expected": 1, "complete": False, "basis": None
    }  # fmt: skip
    settings.UCJ_MIN_REPORTING_PCT = 70
    assert services.coverage("18", month("2025-01"))["completeness"]["complete"] is True


def test_one_kabkota_reporting_next_month_moves_no_one_elses_default():
    """The Sarolangun case: its next month alone must not become anyone else's month."""
    fill("15", "2025-01")
    fill("18", "2025-01")
    put("15.03", "2025-02", 53_343)
    assert services.default_period("15.03") == month("2025-02")
    assert services.coverage("15.03")["period"] == "2025-02"
    for code in ("15", "15.04", "18", "18.02", "ID"):
        assert services.default_period(code) == month("2025-01"), code
    jambi = services.coverage("15")
    assert jambi["period"] == "2025-01" and jambi["completeness"]["complete"]
    # Asked for explicitly, the month shows, and says it is incomplete.
    feb = services.coverage("15", month("2025-02"))
    assert feb["completeness"] == {
        "reporting": 1, "expected": 11, "complete": False, "basis": "kabkota"
    }  # fmt: skip
    assert feb["rank_national"] is None  # an incomplete province is not ranked
    league = services.league(province="15")
    assert {r["period"] for r in league} == {"2025-01"}


def test_no_complete_month_falls_back_to_the_most_reporting_latest_of_ties():
    for code in ("15.03", "15.04", "15.05"):
        put(code, "2025-01", 10)
    for code in ("15.03", "15.04"):
        put(code, "2025-02", 10)
    for code in ("15.03", "15.04", "15.06"):
        put(code, "2025-03", 10)
    put("15.03", "2025-04", 10)
    assert services.default_period("15") == month("2025-03")  # 3 units; latest of the ties
    # No province is complete in any month: the nation goes by the kab/kota below.
    assert services.default_period("ID") == month("2025-03")
    assert services.coverage("15")["completeness"]["complete"] is False


def test_ranks_only_among_comparable_regions():
    codes = fill("15", "2025-01")  # all 11
    fill("15", "2025-02", skip=tuple(codes[:3]))  # 8 of 11 = 73%: not comparable
    jan = {r["code"]: r for r in services.league(province="15", period=month("2025-01"))}
    top = jan[codes[-1]]
    assert (top["rank_in_province"], top["rank_in_province_of"]) == (1, 11)
    assert top["rank_national"] is None and top["rank_national_of"] is None  # 11 of 514
    feb = {r["code"]: r for r in services.league(province="15", period=month("2025-02"))}
    assert all(r["rank_in_province"] is None for r in feb.values())
    assert all(r["rank_in_province_of"] is None for r in feb.values())
    assert feb[codes[-1]]["rank_change"] is None  # February has no rank: no change told
    assert feb[codes[-1]]["coverage_pct"] is not None
    fill("15", "2025-03")
    mar = services.coverage(codes[-1], month("2025-03"))
    # March is compared with February (its previous month with data), which had no rank.
    assert mar["rank_in_province"] == 1 and mar["rank_change"] is None
    assert mar["rank_previous_period"] == "2025-02"


def test_province_rank_needs_complete_provinces(settings):
    settings.UCJ_MIN_REPORTING_PCT = 5  # 2 of 38 provinces are enough to rank here
    fill("15", "2025-01", pct=20)
    fill("18", "2025-01", pct=40)
    put("32.01", "2025-01", 900)  # Jawa Barat: 1 of 27 kab/kota, high but partial
    pot("32.01", 2025, 1000)
    rows = {r["code"]: r for r in services.league(level="province", period=month("2025-01"))}
    assert (rows["18"]["rank_national"], rows["18"]["rank_national_of"]) == (1, 2)
    assert rows["15"]["rank_national"] == 2
    assert rows["32"]["coverage_pct"] == 90.0 and rows["32"]["rank_national"] is None


def test_reported_only_region_is_first_class():
    reported("18.02", "2025-05", "26")
    lamteng = services.coverage("18.02")
    assert lamteng["period"] == "2025-05" and lamteng["coverage_pct"] is None
    assert (lamteng["headline_pct"], lamteng["headline_basis"]) == (26.0, "reported")
    assert lamteng["headline_source"] == "uji" and lamteng["category"] == "sangat rendah"
    assert lamteng["category_colour"] and lamteng["completeness"]["complete"]
    row = next(r for r in services.league(province="18") if r["code"] == "18.02")
    assert row["headline_pct"] == 26.0 and row["rank_in_province"] is None
    # A computed figure wins when counts exist; the reported one stays beside it.
    put("18.02", "2025-05", 300)
    pot("18.02", 2025, 1000)
    both = services.coverage("18.02")
    assert (both["headline_pct"], both["headline_basis"]) == (30.0, "computed")
    assert both["reported_pct"] == 26.0


def test_category_only_report_colours_with_that_category():
    ReportedCoverage.objects.create(
        region=Region.objects.get(code="18.71"), period=month("2025-05"),
        category_label="rendah", source="lampungtengahkab.go.id", as_of=dt.date(2025, 5, 19),
    )  # fmt: skip
    got = services.coverage("18.71")
    assert got["headline_pct"] is None and got["headline_basis"] == "reported"
    assert got["category"] == "rendah" and got["reported_category"] == "rendah"
    bands = {b["label"]: b["colour"] for b in services.bands(month("2025-05"))}
    assert got["category_colour"] == bands["rendah"]


def test_target_status_met_and_behind():
    pot("15.03", 2025, 1000)
    target("15.03", 2025, "15")  # 150 workers by December 2025
    for i, n in enumerate((110, 120, 130)):  # +10 a month: 150 in November
        put("15.03", f"2025-0{i + 7}", n)
    assert services.coverage("15.03")["projection"]["status"] == "on_pace"
    Participation.objects.filter(region__code="15.03").update(count=0)
    for i, n in enumerate((110, 112, 114)):  # +2 a month: 150 in 2027, after the deadline
        Participation.objects.filter(region__code="15.03", period=month(f"2025-0{i + 7}")).update(
            count=n
        )
    late = services.coverage("15.03")["projection"]
    assert late["status"] == "behind" and late["reach_period"] > late["deadline"]
    Participation.objects.filter(region__code="15.03", period=month("2025-09")).update(count=150)
    assert services.coverage("15.03")["projection"]["status"] == "met"


def test_a_suppressed_small_count_hides_its_headline_too():
    from ucj.accounts.suppression import suppress

    put("15.03", "2025-01", 3)
    pot("15.03", 2025, 100)
    obj = services.coverage("15.03")
    assert obj["headline_pct"] == 3.0
    hidden = suppress(obj, set())  # a public viewer: cells under UCJ_PUBLIC_MIN_CELL
    assert hidden["coverage_pct"] is None and hidden["headline_pct"] is None


def test_trend_stops_at_the_default_month():
    fill("15", "2025-01")
    put("15.03", "2025-02", 500)
    assert [p["period"] for p in services.series("15")] == ["2025-01"]
    assert [p["period"] for p in services.series("15.03")] == ["2025-01", "2025-02"]
