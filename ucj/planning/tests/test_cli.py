"""The `ucj plan` contract, run as a user runs it: a real process, a real database."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

COST_KEYS = {"per_worker_month", "per_program", "total", "legal_basis"}
REACH_KEYS = {
    "gap_workers",
    "per_worker_month",
    "cost_total",
    "resulting_pct",
    "resulting_category",
    "resulting_rank_in_province",
}


def env_for(data_dir):
    env = {**os.environ, "UCJ_DATA_DIR": str(data_dir)}
    env.pop("UCJ_DATABASE_URL", None)
    return env


def ucj(data_dir, *args):
    return subprocess.run(
        [sys.executable, "-m", "ucj.cli", *args],
        env=env_for(data_dir),
        capture_output=True,
        text=True,
    )


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    path = tmp_path_factory.mktemp("ucj-plan")
    run = ucj(path, "init")
    assert run.returncode == 0, run.stderr
    csv = path / "figures.csv"
    # The other eight Jambi kab/kota at 10%: ranks need a comparable set (issue 13).
    others = ("15.01", "15.02", "15.05", "15.06", "15.07", "15.08", "15.09", "15.72")
    csv.write_text(
        "wilayah;tahun;potensi\n15.03;2024;112.000\n15.04;2024;200.000\n15.71;2024;300.000\n"
        + "".join(f"{c};2024;100.000\n" for c in others),
        encoding="utf-8",
    )
    run = ucj(path, "import", str(csv), "--kind", "potential", "--json")
    assert run.returncode == 0, run.stdout + run.stderr
    part = path / "participants.csv"
    part.write_text(
        "wilayah;periode;segmen;peserta_aktif\n15.03;2024-09;BPU;48.160\n"
        "15.04;2024-09;BPU;100.000\n15.71;2024-09;BPU;210.000\n"
        + "".join(f"{c};2024-09;BPU;10.000\n" for c in others),
        encoding="utf-8",
    )
    run = ucj(path, "import", str(part), "--kind", "participants", "--json")
    assert run.returncode == 0, run.stdout + run.stderr
    return path


def test_cost_contract(data_dir):
    run = ucj(
        data_dir,
        "plan",
        "cost",
        "--segment",
        "BPU",
        "--programs",
        "JKK,JKM",
        "--workers",
        "1",
        "--months",
        "1",
        "--start",
        "2025-01",
        "--json",
    )
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert set(out) >= COST_KEYS
    assert out["per_worker_month"] == 16_800
    assert out["per_program"] == {"JKK": 10_000, "JKM": 6_800}
    assert out["total"] == 16_800 and out["rounding"]


def test_cost_across_jp_cap_change(data_dir):
    run = ucj(
        data_dir,
        "plan",
        "cost",
        "--segment",
        "PU",
        "--programs",
        "JP",
        "--wage",
        "10000000",
        "--workers",
        "2",
        "--months",
        "4",
        "--start",
        "2024-01",
        "--json",
    )
    out = json.loads(run.stdout)
    assert out["total"] == 2 * 1_173_576


def test_reach_contract(data_dir):
    run = ucj(
        data_dir,
        "plan",
        "reach",
        "15.03",
        "--target-pct",
        "65",
        "--period",
        "2024-09",
        "--programs",
        "JKK,JKM",
        "--months",
        "3",
        "--segment",
        "BPU",
        "--json",
    )
    assert run.returncode == 0, run.stdout + run.stderr
    out = json.loads(run.stdout)
    assert set(out) >= REACH_KEYS
    assert (out["gap_workers"], out["cost_total"]) == (24_640, 1_241_856_000)
    assert (out["resulting_pct"], out["resulting_rank_in_province"]) == (65.0, 2)


def test_budget_and_next_category_contracts(data_dir):
    out = json.loads(
        ucj(
            data_dir,
            "plan",
            "budget",
            "15.03",
            "--amount",
            "1000000000",
            "--programs",
            "JKK,JKM",
            "--months",
            "3",
            "--json",
        ).stdout
    )
    assert {"workers", "resulting_pct", "resulting_category"} <= set(out)
    assert out["workers"] == 19_841
    nxt = json.loads(
        ucj(
            data_dir,
            "plan",
            "next-category",
            "15.03",
            "--programs",
            "JKK,JKM",
            "--months",
            "12",
            "--json",
        ).stdout
    )
    assert (nxt["next_category"], nxt["workers"]) == ("sedang", 2_240)
    assert nxt["cost_total"] == 2_240 * 16_800 * 12


def test_errors_are_clear(data_dir):
    bad = ucj(data_dir, "plan", "cost", "--segment", "BPU", "--programs", "JP", "--json")
    assert bad.returncode == 1
    assert "BPU" in json.loads(bad.stdout)["message_en"]
    unknown = ucj(data_dir, "plan", "reach", "99.99", "--target-pct", "50", "--json")
    assert unknown.returncode == 2
    plain = ucj(data_dir, "plan", "cost", "--segment", "PU", "--programs", "JKK", "--wage", "1")
    assert plain.returncode == 1 and "risk-class" in plain.stderr
    assert "Traceback" not in plain.stderr


def test_funding_import_refuses_dana_desa(data_dir):
    csv = data_dir / "pendanaan.csv"
    csv.write_text(
        "wilayah;tahun;sumber_dana;anggaran;kelompok_pekerja\n"
        "15.03;2024;Dana Desa;300.000.000;aparatur desa\n",
        encoding="utf-8",
    )
    run = ucj(data_dir, "import", str(csv), "--kind", "funding", "--json")
    assert run.returncode == 1
    err = json.loads(run.stdout)["errors"][0]
    assert err["column"] == "sumber_dana" and "Permendagri 15/2023" in err["message_id"]


def test_scenarios_export_import(data_dir):
    from_shell = (
        "from ucj.planning import scenarios; from ucj.regions.models import Region;"
        "scenarios.save(Region.objects.get(code='15.03'), 'CLI', {'kind': 'reach', "
        "'target_pct': 65, 'programs': ['JKK','JKM'], 'months': 3, "
        "'period': '2024-09'})"
    )
    run = ucj(data_dir, "manage", "shell", "-c", from_shell)
    assert run.returncode == 0, run.stderr
    path = data_dir / "skenario.xlsx"
    out = json.loads(
        ucj(data_dir, "plan", "scenarios", "export", "15.03", "--file", str(path), "--json").stdout
    )
    assert out["scenarios"] == 1 and path.exists()
    back = json.loads(
        ucj(data_dir, "plan", "scenarios", "import", "--file", str(path), "--json").stdout
    )
    assert back["imported"] == 1
    listed = json.loads(ucj(data_dir, "plan", "scenarios", "list", "15.03", "--json").stdout)
    assert [s["name"] for s in listed] == ["CLI"]
