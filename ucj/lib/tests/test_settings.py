"""Settings are strict: production refuses placeholder secrets and bad values."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ucj.lib import config

ROOT = Path(__file__).resolve().parents[3]


def _check(tmp_path, **env):
    full = {**os.environ, "UCJ_DATA_DIR": str(tmp_path), **env}
    full.pop("UCJ_DATABASE_URL", None)
    full.update({k: v for k, v in env.items()})
    return subprocess.run(
        [sys.executable, "-m", "ucj.cli", "regions", "list", "--level", "province", "--json"],
        env=full,
        capture_output=True,
        text=True,
    )


def test_production_refuses_missing_or_placeholder_secret(tmp_path):
    missing = _check(tmp_path, UCJ_DEBUG="0", UCJ_SECRET_KEY="", UCJ_NIK_KEY="x" * 60)
    assert missing.returncode == 2 and "UCJ_SECRET_KEY" in missing.stderr
    placeholder = _check(
        tmp_path, UCJ_DEBUG="0", UCJ_SECRET_KEY=config.DEV_SECRET_KEY, UCJ_NIK_KEY="x" * 60
    )
    assert placeholder.returncode == 2 and "placeholder" in placeholder.stderr
    no_nik = _check(tmp_path, UCJ_DEBUG="0", UCJ_SECRET_KEY="s" * 60, UCJ_NIK_KEY="")
    assert no_nik.returncode == 2 and "UCJ_NIK_KEY" in no_nik.stderr
    short = _check(tmp_path, UCJ_DEBUG="0", UCJ_SECRET_KEY="s" * 49, UCJ_NIK_KEY="x" * 60)
    assert short.returncode == 2 and "50 characters" in short.stderr
    assert "Traceback" not in missing.stderr + placeholder.stderr + no_nik.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("UCJ_DEBUG", "maybe"),
        ("UCJ_LANGUAGE", "fr"),
        ("UCJ_STALE_MONTHS", "three"),
        ("UCJ_DATABASE_URL", "mysql://x"),
    ],
)
def test_bad_values_are_refused_clearly(tmp_path, name, value):
    run = _check(tmp_path, **{name: value})
    assert run.returncode == 2
    assert name in run.stderr and "Traceback" not in run.stderr


def test_every_setting_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    for setting in config.SETTINGS:
        assert f"`{setting.name}`" in readme, setting.name
        assert setting.help


def test_readme_starts_with_the_two_commands():
    text = (ROOT / "README.md").read_text()
    blocks = text.split("```")
    assert "ucj demo" in blocks[1] and "pip install" in blocks[1]
    assert "./scripts/test" in blocks[3]
    ci = (ROOT / ".ci" / "run").read_text()
    assert "./scripts/test" in ci


def test_every_ucj_command_is_documented_in_the_readme():
    import django

    django.setup()
    from ucj.cli import _ucj_commands

    readme = (ROOT / "README.md").read_text()
    commands = _ucj_commands()
    assert {"init", "demo", "serve", "regions", "coverage", "import"} <= set(commands)
    for name in commands:
        assert f"`ucj {name}" in readme, name
