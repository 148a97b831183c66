"""Upgrade: a database made and filled by the previous release (the code at the commit
this branch started from, run from a `git archive` of it) is brought up to date by this
release's `ucj init` with every figure kept and the region master reloaded."""

from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import subprocess
import sys
import tarfile

import pytest

from ucj.ops.tests.helpers import (
    ROOT,
    coverage_everywhere,
    env_for,
    kabkota_codes,
    ucj,
    write_participants,
    write_potential,
)

# The release before this one: main's first commit that lacks this release's apps.
PREVIOUS = "38b944c"


def _previous_release(tmp_path):
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the previous release's code is not at hand")
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", PREVIOUS, "ucj"],
        capture_output=True,
    )
    if archive.returncode != 0:
        pytest.skip(f"commit {PREVIOUS} is not in this checkout")
    old = tmp_path / "previous"
    old.mkdir()
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(old, filter="data")
    return old


@pytest.mark.slow
def test_init_upgrades_a_previous_release_database(tmp_path):
    old = _previous_release(tmp_path)
    old_env = {**env_for(tmp_path / "data"), "PYTHONPATH": str(old)}
    run = subprocess.run(
        [sys.executable, "-m", "ucj.cli", "init"],
        cwd=old,
        env=old_env,
        capture_output=True,
        text=True,
    )
    assert run.returncode == 0, run.stderr
    codes = kabkota_codes(old_env)
    for kind, path in (
        ("potential", write_potential(tmp_path / "pot.csv", codes)),
        ("participants", write_participants(tmp_path / "p.csv", codes[:60], ["2025-01"])),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "ucj.cli", "import", str(path), "--kind", kind],
            cwd=old,
            env=old_env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    # Computed by the previous release itself: its schema may lack this release's tables.
    before = coverage_everywhere(old_env, cwd=old)
    # The previous release's own CLI (run from its folder, so its code, not this one).
    listed = subprocess.run(
        [sys.executable, "-m", "ucj.cli", "import", "history", "--json"],
        cwd=old, env=old_env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    history = _comparable(json.loads(listed.stdout))

    new_env = env_for(tmp_path / "data")
    pending = json.loads(ucj(new_env, "status", "--json").stdout)["migrations"]["unapplied"]
    assert any(m.startswith("ops.") for m in pending)  # really an older schema
    ucj(new_env, "init")
    status = json.loads(ucj(new_env, "status", "--json").stdout)
    assert status["migrations"]["applied_all"] is True
    assert coverage_everywhere(new_env) == before
    after = _comparable(json.loads(ucj(new_env, "import", "history", "--json").stdout))
    assert [{k: row[k] for k in old} for row, old in zip(after, history, strict=True)] == history
    assert status["last_import"]["kind"] == "participants"
    ucj(new_env, "init")  # safe to repeat


def _comparable(history: list[dict]) -> list[dict]:
    """The same batches: times compared as instants to the second (this release writes
    them in WIB with their offset, the previous one in UTC with microseconds); keys this
    release added are compared only where the previous one had them."""
    return [
        {**row, "created": dt.datetime.fromisoformat(row["created"]).replace(microsecond=0)}
        for row in history
    ]
