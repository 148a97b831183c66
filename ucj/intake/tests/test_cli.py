"""`ucj import` as a user runs it: real processes, a real database of their own.

On PostgreSQL (UCJ_DATABASE_URL set) the processes get a database of their own next to
the test database; on SQLite a data folder of their own.
"""

from __future__ import annotations

import getpass
import json
import os
import select
import signal
import sqlite3
import subprocess
import sys
import time

import openpyxl
import pytest

PG_URL = os.environ.get("UCJ_DATABASE_URL", "")


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    data = tmp_path_factory.mktemp("ucj-intake-cli")
    env = {**os.environ, "UCJ_DATA_DIR": str(data)}
    env.pop("UCJ_DATABASE_URL", None)
    if PG_URL:
        import psycopg

        base, name = PG_URL.rsplit("/", 1)
        own = f"{name}_intake_cli"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{own}"')
            conn.execute(f'CREATE DATABASE "{own}"')
        env["UCJ_DATABASE_URL"] = f"{base}/{own}"
    run = subprocess.run([sys.executable, "-m", "ucj.cli", "init"], env=env, capture_output=True)
    assert run.returncode == 0, run.stderr
    yield env
    if PG_URL:
        import psycopg

        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{own}" WITH (FORCE)')


def ucj(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "ucj.cli", *args], env=env, capture_output=True, text=True
    )


def count(env, table):
    if env.get("UCJ_DATABASE_URL"):
        import psycopg

        with psycopg.connect(env["UCJ_DATABASE_URL"]) as conn:
            return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    with sqlite3.connect(os.path.join(env["UCJ_DATA_DIR"], "ucj.sqlite3")) as conn:
        return conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def big_csv(path, rows):
    codes = [f"{p:02d}.{k:02d}" for p in (11, 12, 13, 14, 15, 16, 17, 18) for k in range(1, 9)]
    segments, programs = ["PU", "BPU", "JAKON", "PMI"], ["", "JKK", "JKM", "JHT", "JP", "JKP"]
    with path.open("w") as fh:
        fh.write("wilayah,periode,segmen,program,peserta_aktif\n")
        n = 0
        for m in range(1000):
            period = f"{2024 - m // 12}-{12 - m % 12:02d}"
            for code in codes:
                for seg in segments:
                    for prog in programs:
                        if n == rows:
                            return
                        fh.write(f"{code},{period},{seg},{prog},{1000 + n % 7}\n")
                        n += 1


def test_template_xlsx_has_drop_downs_and_csv_header(env, tmp_path):
    out = tmp_path / "t.xlsx"
    run = ucj(
        env, "import", "template", "participants", "--format", "xlsx", "--out", str(out), "--json"
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout) == {
        "ok": True, "kind": "participants", "file": str(out), "format": "xlsx"
    }  # fmt: skip
    book = openpyxl.load_workbook(out)
    ws = book["data"]
    assert [c.value for c in ws[1]] == [
        "wilayah", "periode", "segmen", "program", "peserta_aktif", "data_per", "sumber",
        "kecamatan",  # optional, last (issue 20: figures by kecamatan, summed to kab/kota)
    ]  # fmt: skip
    lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert set(lists) == {"C2", "D2"}  # segment and program
    choices = book["pilihan"]
    assert {c.value for c in choices["A"]} >= {"PU", "BPU", "JAKON", "PMI"}
    assert [c.value for c in choices["B"]][1:] == ["JHT", "JKK", "JKM", "JKP", "JP"]
    tgt = tmp_path / "t2.xlsx"
    assert ucj(env, "import", "template", "targets", "--out", str(tgt)).returncode == 0
    tws = openpyxl.load_workbook(tgt)["data"]
    assert [str(dv.sqref) for dv in tws.data_validations.dataValidation] == ["E2:E5001"]
    csv_out = tmp_path / "t.csv"
    run = ucj(env, "import", "template", "reported", "--format", "csv", "--out", str(csv_out))
    assert run.returncode == 0
    assert csv_out.read_text().strip() == (
        "wilayah,data_per,capaian_persen,kategori,sumber,"
        "capaian_formal_persen,capaian_informal_persen"
    )
    # The blank template itself imports as "no data rows", not as a crash.
    run = ucj(env, "import", str(out), "--kind", "participants", "--json")
    assert run.returncode == 1 and "no data rows" in run.stdout


def test_cli_contract_history_and_exit_codes(env, tmp_path):
    src = tmp_path / "p.csv"
    src.write_text(
        "wilayah;periode;segmen;program;peserta_aktif\n15.03;2024-01;PU;;1.000\n"
        "15.04;Jan 2024;BPU;;2.000\n"
    )
    run = ucj(env, "import", str(src), "--kind", "participants", "--source", "uji", "--json")
    assert run.returncode == 0, run.stderr
    out = json.loads(run.stdout)
    assert (out["ok"], out["rows"], out["inserted"]) == (True, 2, 2)
    again = ucj(env, "import", str(src), "--kind", "participants", "--source", "uji", "--json")
    again = json.loads(again.stdout)
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 2)
    history = json.loads(ucj(env, "import", "history", "--json").stdout)
    mine = next(h for h in history if h["batch"] == out["batch"])
    assert (mine["kind"], mine["file_name"], mine["source"], mine["user"]) == (
        "participants", "p.csv", "uji", f"CLI oleh {getpass.getuser()}"
    )  # fmt: skip
    assert len(mine["sha256"]) == 64 and mine["status"] == "committed"
    bad = ucj(env, "import", str(tmp_path / "none.csv"), "--kind", "participants")
    assert bad.returncode == 2 and "not found" in bad.stderr and "Traceback" not in bad.stderr
    human = ucj(env, "import", str(src), "--kind", "participants", "--source", "uji")
    assert human.returncode == 0 and "0 baru / inserted" in human.stdout
    undo = ucj(env, "import", "undo", str(out["batch"]), "--json")
    assert undo.returncode == 0 and json.loads(undo.stdout)["deleted"] == 2


def test_sigkill_in_the_middle_leaves_nothing(env, tmp_path):
    src = tmp_path / "big.csv"
    big_csv(src, 800_000)
    before = (count(env, "indicators_participation"), count(env, "intake_importbatch"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "ucj.cli", "import", str(src), "--kind", "participants"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seen = b""
    deadline = time.monotonic() + 300
    # The progress bar names the stage: kill once rows are being stored.
    while b"simpan" not in seen and time.monotonic() < deadline and proc.poll() is None:
        ready, _w, _x = select.select([proc.stderr], [], [], 1)
        if ready:
            seen += os.read(proc.stderr.fileno(), 4096)
    assert b"simpan" in seen, seen[-500:]
    assert proc.poll() is None, "the import finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    after = (count(env, "indicators_participation"), count(env, "intake_importbatch"))
    assert after == before
    # The database is usable afterwards: a small file goes in whole.
    small = tmp_path / "small.csv"
    big_csv(small, 100)
    run = ucj(env, "import", str(small), "--kind", "participants", "--json")
    assert run.returncode == 0, run.stderr[-2000:]
    assert json.loads(run.stdout)["inserted"] == 100
    assert count(env, "indicators_participation") == before[0] + 100
