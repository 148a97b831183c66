"""The `ucj coverage` and `ucj categories` contracts, run as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

CONTRACT = {
    "code", "name", "level", "period", "as_of", "potential_workers", "potential_basis",
    "active_participants", "by_segment", "by_program", "coverage_pct", "formal_pct",
    "informal_pct", "reported_pct", "discrepancy_pp", "category", "category_provisional",
    "target_pct", "target_workers", "target_issuer", "gap_workers", "rank_in_province",
    "rank_national", "rank_change", "projection", "sources",
    # issue 13
    "completeness", "headline_pct", "headline_basis", "rank_in_province_of", "rank_national_of",
}  # fmt: skip


def ucj(data_dir, *args):
    env = {**os.environ, "UCJ_DATA_DIR": str(data_dir)}
    env.pop("UCJ_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "ucj.cli", *args], env=env, capture_output=True, text=True
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("ucj-coverage")
    assert ucj(path, "init").returncode == 0
    run = ucj(
        path, "manage", "shell", "-c",
        "from ucj.indicators.demo import load_published; load_published()",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    return path


def as_json(run):
    assert "Traceback" not in run.stderr
    return json.loads(run.stdout)


def test_one_region_contract(data_dir):
    run = ucj(data_dir, "coverage", "18", "--period", "2024-09", "--json")
    assert run.returncode == 0, run.stderr
    got = as_json(run)
    assert set(got) >= CONTRACT
    assert set(got["by_segment"]) == {"PU", "BPU", "JAKON", "PMI"}
    assert set(got["by_program"]) == {"JKK", "JKM", "JHT", "JP", "JKP"}
    assert {"reach_period", "monthly_needed"} <= set(got["projection"])
    assert (got["code"], got["level"], got["period"]) == ("18", "province", "2024-09")
    assert got["coverage_pct"] == 24.86 and got["category"] == "sangat rendah"
    assert got["category_provisional"] is True and got["as_of"] == "2024-09-24"


def test_latest_month_without_period_and_the_nation(data_dir):
    aceh = as_json(ucj(data_dir, "coverage", "11", "--json"))
    assert aceh["period"] == "2025-08" and aceh["informal_pct"] == 8.2
    assert aceh["completeness"] == {
        "reporting": 0, "expected": 23, "complete": True, "basis": "own"
    }  # fmt: skip
    nation = as_json(ucj(data_dir, "coverage", "ID", "--json"))
    assert (nation["code"], nation["level"]) == ("ID", "national")
    # No month has 80% of provinces complete: the month with the most (Dec 2023, 28 of
    # the 38 provinces as Kemnaker published them), not the latest month anyone reported.
    assert nation["period"] == "2023-12"
    assert nation["completeness"] == {
        "reporting": 28, "expected": 38, "complete": False, "basis": "provinces"
    }  # fmt: skip


def test_reported_only_region_is_shown_with_its_source(data_dir):
    lamteng = as_json(ucj(data_dir, "coverage", "18.02", "--json"))
    assert (lamteng["period"], lamteng["coverage_pct"]) == ("2025-05", None)
    assert (lamteng["headline_pct"], lamteng["headline_basis"]) == (26.0, "reported")
    assert lamteng["headline_source"] and lamteng["headline_as_of"].startswith("2025-05")
    assert lamteng["category"] == "sangat rendah" and lamteng["category_colour"]


def test_province_league_is_ordered_by_rank(data_dir):
    rows = as_json(ucj(data_dir, "coverage", "--province", "71", "--period", "2025-08", "--json"))
    assert len(rows) == 15 and set(rows[0]) >= CONTRACT
    # Two of 15 kab/kota have counts: not a comparable set, so no ranks; the league lists
    # the figures highest first, then the regions without one.
    assert [(r["code"], r["rank_in_province"]) for r in rows[:2]] == [
        ("71.07", None),
        ("71.08", None),
    ]
    assert rows[0]["rank_in_province_of"] is None
    assert rows[1]["coverage_pct"] == 28.11 and rows[1]["headline_basis"] == "computed"
    assert rows[2]["headline_pct"] is None and rows[2]["completeness"]["reporting"] == 0


def test_provinces_league(data_dir):
    run = ucj(data_dir, "coverage", "--level", "province", "--period", "2023-12", "--json")
    rows = as_json(run)
    assert len(rows) == 38
    # Only 6 provinces have a potential beside their Dec 2023 counts: too few to rank.
    assert all(r["rank_national"] is None and r["rank_national_of"] is None for r in rows)
    figures = [r["headline_pct"] for r in rows if r["headline_pct"] is not None]
    assert len(figures) == 6 and figures == sorted(figures, reverse=True)


def test_human_output_says_as_of_and_provisional(data_dir):
    run = ucj(data_dir, "coverage", "51", "--period", "2025-03")
    assert run.returncode == 0
    assert "data per 2025-03-31" in run.stdout and "sementara" in run.stdout
    assert "49,90%" in run.stdout


@pytest.mark.parametrize(
    ("args", "code"),
    [(("coverage", "99.99", "--json"), 2), (("coverage", "18", "--period", "2024-13", "--json"), 1),
     (("coverage", "--json"), 2)],
)  # fmt: skip
def test_errors_are_json_with_exit_codes(data_dir, args, code):
    run = ucj(data_dir, *args)
    assert run.returncode == code
    assert "/" in as_json(run)["error"]  # Bahasa Indonesia / English


def test_categories_set_and_show(data_dir):
    shown = as_json(ucj(data_dir, "categories", "show", "--json"))
    assert shown["provisional"] is True and len(shown["bands"]) == 4
    run = ucj(
        data_dir, "categories", "set", "--basis", "absolute",
        "--bands", "sangat rendah=0,rendah=25,sedang=45,tinggi=60",
        "--effective", "2024-01-01", "--json",
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert [b["lower"] for b in as_json(run)["bands"]] == [0, 25, 45, 60]
    lampung = as_json(ucj(data_dir, "coverage", "18", "--period", "2024-09", "--json"))
    assert lampung["category"] == "sangat rendah" and lampung["category_provisional"] is False
    bad = ucj(data_dir, "categories", "set", "--basis", "absolute", "--bands", "a=5,b=1", "--json")
    assert bad.returncode == 1 and "lower bounds" in as_json(bad)["error"]


def test_ambiguous_name_lists_candidates(data_dir):
    run = ucj(data_dir, "coverage", "Jayapura", "--json")
    assert run.returncode == 2
    assert len(as_json(run)["candidates"]) == 2
