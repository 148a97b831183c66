"""Roll-up, ranks, rank change, gap, projection, discrepancy and issuer priority."""

from __future__ import annotations

import datetime as dt

import pytest

from ucj.indicators import services
from ucj.indicators.models import IssuerPriority
from ucj.indicators.tests.helpers import month, pot, put, reported, target

pytestmark = pytest.mark.django_db


def test_province_is_the_sum_of_its_kabkota_when_only_they_have_data():
    put("15.01", "2025-01", 100)
    put("15.01", "2025-01", 50, segment="BPU")
    put("15.03", "2025-01", 300)
    pot("15.01", 2025, 1000)
    pot("15.03", 2025, 1000)
    jambi = services.coverage("15")
    assert jambi["period"] == "2025-01"
    assert (jambi["active_participants"], jambi["potential_workers"]) == (450, 2000)
    assert jambi["coverage_pct"] == 22.5
    assert jambi["by_segment"] == {"PU": 400, "BPU": 50, "JAKON": None, "PMI": None}
    assert jambi["rollup_check"]["basis"] == "sum_of_kabkota"
    assert jambi["rollup_check"]["flag"] is False
    assert (jambi["rollup_check"]["kabkota_with_data"], jambi["rollup_check"]["kabkota_total"]) == (
        2,
        11,
    )
    assert {(x["kind"], x["source"]) for x in jambi["sources"]} == {
        ("participants", "uji"),
        ("potential", "uji"),
    }  # a sum lists the sources of what it adds up
    nation = services.national()
    assert (nation["code"], nation["name"], nation["level"]) == ("ID", "Indonesia", "national")
    assert {x["kind"] for x in nation["sources"]} == {"participants", "potential"}
    assert (nation["active_participants"], nation["potential_workers"]) == (450, 2000)
    assert nation["rollup_check"]["provinces_with_data"] == 1
    assert nation["rollup_check"]["provinces_total"] == 38


def test_direct_province_figure_wins_and_the_difference_is_flagged():
    put("15.01", "2025-01", 100)
    pot("15.01", 2025, 1000)
    put("15", "2025-01", 130, segment="ALL")
    pot("15", 2025, 1300)
    jambi = services.coverage("15")
    assert (jambi["active_participants"], jambi["coverage_pct"]) == (130, 10.0)
    check = jambi["rollup_check"]
    assert check["basis"] == "direct" and check["kabkota_active"] == 100
    assert check["difference"] == 30 and check["flag"] is True


def test_persons_are_never_the_sum_of_program_rows():
    put("15.03", "2025-02", 100)
    for prog, n in (("JKK", 100), ("JKM", 100), ("JHT", 80)):
        put("15.03", "2025-02", n, program=prog)
    pot("15.03", 2025, 400)
    got = services.coverage("15.03")
    assert got["active_participants"] == 100
    assert got["by_program"]["JHT"] == 80 and got["by_program_pct"]["JHT"] == 20.0
    assert got["by_program"]["JP"] is None


def test_ranks_share_ties_and_league_is_ordered_by_rank(settings):
    settings.UCJ_MIN_REPORTING_PCT = 0  # ranks among the few with data (see test_completeness)
    for code, n in (("18.02", 30), ("18.71", 30), ("18.72", 40)):
        put(code, "2025-03", n)
        pot(code, 2025, 100)
    rows = services.league(province="18")
    assert [r["code"] for r in rows[:3]] == ["18.72", "18.02", "18.71"]
    assert [r["rank_in_province"] for r in rows[:3]] == [1, 2, 2]
    assert len(rows) == 15 and rows[3]["coverage_pct"] is None  # every kab/kota listed
    assert rows[0]["rank_national"] == 1
    provinces = services.league(level="province")
    assert provinces[0]["code"] == "18" and provinces[0]["rank_national"] == 1
    assert len(provinces) == 38


def test_rank_change_against_the_previous_month_with_data(settings):
    settings.UCJ_MIN_REPORTING_PCT = 0
    for code in ("18.02", "18.71"):
        pot(code, 2025, 100)
    put("18.02", "2025-01", 50)
    put("18.71", "2025-01", 40)
    # no data in February: March is compared with January
    put("18.02", "2025-03", 30)
    put("18.71", "2025-03", 45)
    rows = {r["code"]: r for r in services.league(province="18", period=month("2025-03"))}
    assert rows["18.71"]["rank_in_province"] == 1 and rows["18.71"]["rank_change"] == 1
    assert rows["18.02"]["rank_change"] == -1
    assert rows["18.02"]["rank_previous_period"] == "2025-01"
    january = services.coverage("18.02", month("2025-01"))
    assert january["rank_change"] is None


def test_gap_is_the_ceiling_of_the_target_minus_active_never_below_zero():
    put("18", "2024-09", 760_468, segment="ALL")
    pot("18", 2024, 3_058_943)
    target("18", 2024, "38.39")
    got = services.coverage("18")
    assert got["target_workers"] == 1_174_329  # ⌈1,174,328.2⌉
    assert got["gap_workers"] == 1_174_329 - 760_468
    put("13.71", "2024-11", 118_788, segment="ALL")
    pot("13.71", 2024, 270_000)
    target("13.71", 2024, "32.48")  # Padang: a target below what is already reached
    assert services.coverage("13.71")["gap_workers"] == 0


def test_target_workers_without_a_percentage():
    put("82", "2026-01", 300_000, segment="ALL")
    pot("82", 2026, 600_000)
    target("82", 2026, None, issuer="lainnya", workers=332_354)
    got = services.coverage("82")
    assert got["target_workers"] == 332_354 and got["target_pct"] == 55.39
    assert got["gap_workers"] == 32_354


def test_projection_reaches_the_target_at_the_current_pace():
    pot("15.03", 2025, 1000)
    target("15.03", 2025, "15")  # 150 workers
    for i, n in enumerate((100, 110, 120)):
        put("15.03", f"2025-0{i + 1}", n)
    proj = services.coverage("15.03")["projection"]
    assert proj["reach_period"] == "2025-06" and proj["status"] == "on_pace"
    assert proj["monthly_needed"] == 4  # 30 more by December: 9 months
    assert proj["pace_per_month"] == 10.0


def test_projection_needs_three_points_and_a_rising_pace():
    pot("15.03", 2025, 1000)
    target("15.03", 2025, "15")
    put("15.03", "2025-01", 120)
    put("15.03", "2025-02", 110)
    two = services.coverage("15.03")["projection"]
    assert two["status"] == "too_few_points" and two["reach_period"] is None
    assert two["monthly_needed"] == 4  # 40 over 10 months
    put("15.03", "2025-03", 100)
    falling = services.coverage("15.03")["projection"]
    assert falling["status"] == "not_at_current_pace" and falling["reach_period"] is None


def test_discrepancy_beyond_tolerance_is_flagged():
    put("51", "2025-03", 935_079, segment="ALL")
    pot("51", 2025, 1_873_899, basis="penduduk_bekerja")
    reported("51", "2025-03", "50.88")
    got = services.coverage("51")
    assert (got["discrepancy_pp"], got["discrepancy_flag"]) == (-0.98, True)
    reported("51", "2025-03", "50.10", source="lain", as_of=dt.date(2025, 4, 2))
    later = services.coverage("51")  # the latest report counts: within 0.5 pp
    assert (later["discrepancy_pp"], later["discrepancy_flag"]) == (-0.2, False)


def test_issuer_priority_decides_which_target_judges():
    put("15.03", "2025-01", 100)
    pot("15.03", 2025, 1000)
    target("15.03", 2025, "40", issuer="rpjmd")
    target("15.03", 2025, "50", issuer="se_bangda")
    assert services.coverage("15.03")["target_issuer"] == "se_bangda"
    IssuerPriority.objects.filter(issuer="rpjmd").update(rank=0)
    got = services.coverage("15.03")
    assert (got["target_issuer"], got["target_pct"]) == ("rpjmd", 40.0)


def test_sample_figures_are_marked_and_series_is_monthly():
    pot("15.03", 2025, 1000, is_sample=True)
    put("15.03", "2025-01", 100, is_sample=True)
    put("15.03", "2025-02", 110)
    pot("15.03", 2024, 1000)
    points = services.series("15.03")
    assert [p["period"] for p in points] == ["2025-01", "2025-02"]
    assert points[0]["is_sample"] is True and points[1]["coverage_pct"] == 11.0
    assert services.coverage("15.03")["is_sample"] is True  # the potential is a sample
    assert set(points[0]) >= {
        "period", "active_participants", "potential_workers", "coverage_pct", "target_pct",
        "category", "is_sample",
    }  # fmt: skip
    assert services.latest_period() == month("2025-02")


def test_region_without_figures_and_unknown_code():
    got = services.coverage("15.03")
    assert got["code"] == "15.03" and got["period"] is None and got["coverage_pct"] is None
    assert services.coverage("1503")["code"] == "15.03"  # undotted codes are read too
    assert services.coverage("KAB. SAROLANGUN")["code"] == "15.03"
    assert services.coverage("91.01")["code"] == "93.01"  # a retired code: its successor
    with pytest.raises(LookupError):
        services.coverage("99.99")
    with pytest.raises(LookupError):
        services.league(province="15.03")


def test_league_query_count_does_not_grow_with_regions(django_assert_max_num_queries):
    # 45: the stale trend points refreshed first (the default month reads them: their
    # state, the engine run, the stored points, the writes), then the engine run for the
    # month and storing its results (the month's state, the version, the stored digests,
    # two writes): a test's transaction never commits, so the refresh after commit never ran.
    pot("18.02", 2025, 100)
    put("18.02", "2025-03", 10)
    with django_assert_max_num_queries(45):
        services.league(province="18")
    with django_assert_max_num_queries(8):  # stored now: the default month and two reads
        services.league(province="18")
    for code in ("18.01", "18.03", "18.04", "18.05", "18.71", "18.72", "15.03", "51.03"):
        pot(code, 2025, 100)
        for m in ("2025-01", "2025-02", "2025-03"):
            for seg in ("PU", "BPU", "JAKON", "PMI"):
                put(code, m, 5, segment=seg)
            put(code, m, 5, program="JKK")
    with django_assert_max_num_queries(45):
        rows = services.league(province="18")
    assert rows[0]["coverage_pct"] == 20.0
    with django_assert_max_num_queries(8):
        services.league(level="province")


def test_formal_and_informal_roll_up_only_when_every_part_is_known():
    put("11.01", "2025-08", 300)
    put("11.01", "2025-08", 70, segment="BPU")
    pot("11.01", 2025, 1000, formal=600, informal=400)
    put("11.02", "2025-08", 30)  # no potential: left out of the sum, and counted
    aceh = services.coverage("11")
    assert (aceh["active_participants"], aceh["coverage_pct"]) == (370, 37.0)
    assert (aceh["formal_pct"], aceh["informal_pct"]) == (50.0, 17.5)
    assert aceh["potential_basis"] == "potensi"
    assert aceh["rollup_check"]["kabkota_without_potential"] == 1
    pot("11.02", 2025, 500)  # a potential without its formal part: parts unknown
    aceh = services.coverage("11")
    assert (aceh["formal_pct"], aceh["informal_pct"]) == (None, None)
    assert aceh["potential_workers"] == 1500 and aceh["coverage_pct"] == 26.67
    assert aceh["rollup_check"]["kabkota_without_potential"] == 0


def test_kabkota_without_any_potential_still_add_up_their_participants():
    put("11.01", "2025-08", 300)
    put("11.02", "2025-08", 30)
    aceh = services.coverage("11")
    assert (aceh["active_participants"], aceh["coverage_pct"]) == (330, None)
