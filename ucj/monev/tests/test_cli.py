"""`ucj report` as a user runs it (call_command on the test database)."""

from __future__ import annotations

import json
import subprocess

import pytest
from django.core.management import call_command

from ucj.monev.tests import figures

pytestmark = pytest.mark.django_db


def run(*args):
    from io import StringIO

    out = StringIO()
    call_command("report", *args, stdout=out)
    return out.getvalue()


def test_report_brief_with_period(tmp_path):
    figures.load()
    path = tmp_path / "saro.pdf"
    result = json.loads(run("brief", "15.03", "--period", "2024-09", "--out", str(path), "--json"))
    assert result["period"] == "2024-09" and result["code"] == "15.03"
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "September 2024" in text
    assert result["is_sample"] is True


def test_report_brief_unknown_region_exits_2(tmp_path):
    with pytest.raises(SystemExit) as exc:
        run("brief", "99.99", "--out", str(tmp_path / "x.pdf"), "--json")
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        run("brief", "15.03", "--period", "2024-13", "--out", str(tmp_path / "x.pdf"))
    assert exc.value.code == 1
    assert not (tmp_path / "x.pdf").exists()


def test_report_national_and_export(tmp_path):
    from ucj.monev.defaults import ensure_defaults

    figures.load()
    ensure_defaults()
    path = tmp_path / "nasional.pdf"
    run("national", "--out", str(path))
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Ringkasan Nasional Monev UCJ" in text
    assert "Jambi" in text
    assert "BPJS TK Kanwil Sumbagteng" in text  # the provinces' sources, once
    assert text.count("BPJS TK Kanwil Sumbagteng") == 1
    assert "Nasional TA 2025: 7.455 dari 60.656 proyek terdaftar (12,29%)" in text
    result = json.loads(run("export", "tindak-lanjut", "--out", str(tmp_path / "t.xlsx"), "--json"))
    assert result["rows"] == 0
