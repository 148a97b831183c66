"""The `ucj regions` contract, run as a user runs it: a real process, a real database."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("ucj-cli")
    env = {**os.environ, "UCJ_DATA_DIR": str(path)}
    env.pop("UCJ_DATABASE_URL", None)
    run = subprocess.run(
        [sys.executable, "-m", "ucj.cli", "init"], env=env, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    return path


def ucj(data_dir, *args):
    env = {**os.environ, "UCJ_DATA_DIR": str(data_dir)}
    env.pop("UCJ_DATABASE_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "ucj.cli", *args], env=env, capture_output=True, text=True
    )


def test_init_twice(data_dir):
    run = ucj(data_dir, "init", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["created"] == 0


@pytest.mark.parametrize(("level", "count"), [("regency", 416), ("city", 98), ("province", 38)])
def test_list_counts(data_dir, level, count):
    run = ucj(data_dir, "regions", "list", "--level", level, "--json")
    rows = json.loads(run.stdout)
    assert len(rows) == count
    assert set(rows[0]) == {"code", "name", "level", "parent_code", "current", "successors"}


def test_show_current_and_retired(data_dir):
    shown = json.loads(ucj(data_dir, "regions", "show", "15.03", "--json").stdout)
    assert shown == {
        "code": "15.03",
        "name": "Kabupaten Sarolangun",
        "level": "regency",
        "parent_code": "15",
        "current": True,
        "successors": [],
    }
    retired = json.loads(ucj(data_dir, "regions", "show", "91.01", "--json").stdout)
    assert retired["current"] is False and retired["successors"] == ["93.01"]


def test_resolve_contract(data_dir):
    out = json.loads(ucj(data_dir, "regions", "resolve", "KAB. SAROLANGUN", "--json").stdout)
    assert out == {
        "code": "15.03",
        "name": "Kabupaten Sarolangun",
        "level": "regency",
        "matched_by": "name",
    }
    legacy = json.loads(ucj(data_dir, "regions", "resolve", "91.01", "--json").stdout)
    assert (legacy["code"], legacy["matched_by"]) == ("93.01", "legacy")
    assert (
        json.loads(ucj(data_dir, "regions", "resolve", "Kota Pangkalpinang", "--json").stdout)[
            "code"
        ]
        == "19.71"
    )


def test_ambiguous_exits_2_with_candidates(data_dir):
    run = ucj(data_dir, "regions", "resolve", "Jayapura", "--json")
    assert run.returncode == 2
    out = json.loads(run.stdout)
    assert len(out["candidates"]) == 2 and out["error"]


def test_unknown_command_is_clear(data_dir):
    run = ucj(data_dir, "nonsense")
    assert run.returncode == 2 and "unknown command" in run.stderr
    assert "Traceback" not in run.stderr
