"""The monev brief PDF: its figures are the indicator engine's, it renders to a page."""

from __future__ import annotations

import datetime as dt
import re
import subprocess

import pytest

from ucj.accounts.testing import region
from ucj.indicators import services as indicators
from ucj.lib.formats import number, percent, rupiah_short
from ucj.monev import services
from ucj.monev.defaults import ensure_defaults
from ucj.monev.records import JakonProjects, PlanAlignment, Regulation
from ucj.monev.reports import data as report_data
from ucj.monev.reports.brief import write_brief
from ucj.monev.tests import figures
from ucj.monev.tests.factories import finding_with_follow_up, session_input
from ucj.planning import services as planning
from ucj.planning.defaults import ensure_defaults as planning_defaults

pytestmark = pytest.mark.django_db


def pdf_text(path):
    run = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"[ \t]+", " ", run.stdout)


@pytest.fixture
def sarolangun(personas):
    figures.load()
    planning_defaults()
    ensure_defaults()
    Regulation.objects.create(
        region=region("15.03"),
        kind="perbup",
        number="27",
        year=2024,
        title="Perlindungan Jaminan Sosial Ketenagakerjaan bagi Pekerja Rentan",
        covers_vulnerable=True,
        covers_budget=True,
        source="JDIH Sarolangun",
    )
    PlanAlignment.objects.create(
        region=region("15.03"), year=2024, in_rpjmd=True, in_rkpd=False, source="Bappeda"
    )
    JakonProjects.objects.create(
        region=region("15.03"), year=2024, projects=120, registered=30, source="BPJS TK Cabang"
    )
    session = services.record_session(personas.national, session_input(["15.03"]))
    finding_with_follow_up(personas.national, session, "15.03", dt.date(2024, 9, 30))
    finding_with_follow_up(
        personas.national, session, "15.03", dt.date(2099, 12, 31), office="Bappeda Sarolangun"
    )
    return personas


def test_brief_figures_equal_coverage(sarolangun, tmp_path):
    obj = indicators.coverage("15.03")
    assert obj["coverage_pct"] == 43.0  # 48,160 ÷ 112,000: FACTS.md §9 "43%"
    path = tmp_path / "brief.pdf"
    write_brief(sarolangun.kabkota, "15.03", str(path))
    text = pdf_text(path)

    assert "Ringkasan Monev UCJ: Kabupaten Sarolangun" in text
    for figure in (
        number(obj["potential_workers"]),  # 112.000
        number(obj["active_participants"]),  # 48.160
        percent(obj["coverage_pct"]),  # 43,00%
        percent(obj["target_pct"]),  # 65,00%
        number(obj["target_workers"]),
        number(obj["gap_workers"]),  # 24.640
    ):
        assert figure in text, figure
    assert obj["gap_workers"] == 24_640
    assert f"{obj['category']} (sementara/provisional" in text
    of = obj["rank_in_province_of"]  # issue 13: "2 dari 11"
    assert f"Peringkat di provinsi {obj['rank_in_province']} dari {of} (turun 1)" in text
    assert "Kelengkapan" in text and "melapor" in text
    assert obj["rank_change"] == -1
    assert "data per 28 Oktober 2024" in text
    assert "DATA CONTOH" in text  # the series is generated sample data

    # Cost to close the gap: the planning calculator's own figure.
    full = planning.cost(
        planning.CostRequest(
            segment="BPU",
            programs=("JKK", "JKM"),
            workers=24_640,
            months=12,
            start=dt.date(2024, 11, 1),
        )
    )
    assert rupiah_short(full["total"]) in text

    assert "Perbup" in text and "pekerja rentan," in text and "penganggaran" in text
    assert "2 tindak lanjut belum selesai, 1 di antaranya terlambat" in text
    assert "terlambat" in text and "Bappeda Sarolangun" in text
    assert "30 dari 120 proyek terdaftar (25,00%)" in text
    assert "12,29%" in text and "7.455 dari 60.656" in text
    assert "UCJ dalam RKPD tidak" in text
    assert "BPJS TK Kanwil Sumbagteng" in text  # sources


def test_brief_renders_to_a_readable_page(sarolangun, tmp_path):
    path = tmp_path / "brief.pdf"
    write_brief(sarolangun.kabkota, "15.03", str(path))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
        check=True,
    )
    [png] = tmp_path.glob("page*.png")
    assert png.stat().st_size > 20_000  # text, tables and the chart, not a blank page


def test_brief_without_planning_or_figures(personas, tmp_path, monkeypatch):
    # No figures at all: every value unknown, the PDF still renders and says so.
    path = tmp_path / "empty.pdf"
    write_brief(personas.national, "18.02", str(path))
    text = pdf_text(path)
    assert "Kabupaten Lampung Tengah" in text
    assert "Belum ada target" in text
    assert "Biaya menutup" not in text
    assert "DATA CONTOH" not in text


def test_cost_section_omitted_when_planning_absent(sarolangun, monkeypatch):
    monkeypatch.setattr(report_data.importlib.util, "find_spec", lambda name: None)
    assert report_data.gap_cost(24_640, dt.date(2024, 10, 1)) is None
