"""National matrices: regulation kinds per region, plan alignment checklist, Jakon."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from ucj.accounts.testing import region
from ucj.monev import matrices
from ucj.monev.defaults import ensure_defaults
from ucj.monev.records import JakonProjects, PlanAlignment, Regulation

pytestmark = pytest.mark.django_db


def _reg(code, kind, number, status="enacted", **flags):
    return Regulation.objects.create(
        region=region(code),
        kind=kind,
        number=number,
        year=2024,
        title=f"{kind} {number}",
        status=status,
        source="JDIH",
        as_of=dt.date(2024, 12, 1),
        **flags,
    )


def test_regulation_matrix_counts_enacted_and_pending_per_kind(personas):
    _reg("15.03", "perbup", "12", covers_non_asn=True, covers_budget=True)
    _reg("15.03", "perbup", "13", status="draft")
    _reg("15.03", "se", "1", status="revoked")
    _reg("15", "pergub", "34", covers_permit=True)
    _reg("18.02", "perda", "5")

    jambi = matrices.regulation_matrix(personas.national, province="15")
    rows = {r["code"]: r for r in jambi["rows"]}
    assert rows["15.03"]["kinds"]["perbup"] == {"enacted": 1, "pending": 1}
    assert rows["15.03"]["kinds"]["se"] == {"enacted": 0, "pending": 0}  # revoked
    assert rows["15"]["kinds"]["pergub"] == {"enacted": 1, "pending": 0}
    assert rows["15.04"]["any_enacted"] is False  # regions without any still show
    assert jambi["regions_with_kind"]["perbup"] == 1
    assert jambi["regions_with_any"] == 2
    assert "18.02" not in rows

    national = matrices.regulation_matrix(personas.national)
    assert len(national["rows"]) == 38 + 514
    assert national["regions_with_kind"]["perda"] == 1
    assert [str(x) for x in Regulation.objects.get(number="12").covers] == [
        "non-ASN",
        "penganggaran",
    ]


def test_plan_checklist_keeps_unknown_apart_from_no(personas):
    PlanAlignment.objects.create(
        region=region("15.03"),
        year=2025,
        in_rpjmd=True,
        in_rkpd=False,
        apbd_budget_line=True,
        target_pct=Decimal("65.00"),
        target_document="RKPD 2025",
        source="Bappeda",
    )
    out = matrices.plan_checklist(personas.national, 2025, province="15")
    rows = {r["code"]: r for r in out["rows"]}
    assert rows["15.03"]["in_rpjmd"] is True
    assert rows["15.03"]["in_rkpd"] is False
    assert rows["15.03"]["target_pct"] == Decimal("65.00")
    assert rows["15.04"]["in_rpjmd"] is None
    n = len(out["rows"])
    assert out["summary"]["in_rkpd"] == {"yes": 0, "no": 1, "unknown": n - 1}
    assert out["summary"]["in_rpjmd"]["yes"] == 1
    assert matrices.plan_checklist(personas.national, 2024, "15")["summary"]["in_rpjmd"]["yes"] == 0


def test_jakon_ratio_and_published_national_figure(personas):
    ensure_defaults()
    ensure_defaults()  # idempotent
    JakonProjects.objects.create(region=region("15.03"), year=2025, projects=200, registered=37)
    out = matrices.jakon_table(personas.kabkota, 2025)
    assert [(r["code"], r["ratio_pct"]) for r in out["rows"]] == [("15.03", Decimal("18.50"))]
    nat = out["national"]
    assert (nat["projects"], nat["registered"]) == (60_656, 7_455)
    # The published 12.29% is what the stored counts give.
    assert nat["ratio_pct"] == Decimal("12.29") == nat["reported_pct"]
    assert "Keuda" in nat["source"] and nat["is_sample"] is False


def test_demo_loads_twice_and_the_brief_of_a_demo_region_renders(tmp_path):
    import io
    import subprocess

    from ucj.intake.testing import system_actor
    from ucj.monev import demo
    from ucj.monev.models import FollowUp, MonevSession
    from ucj.monev.reports.brief import write_brief

    demo.load(io.StringIO())
    demo.load(io.StringIO())
    # FACTS §9 two, two sample Q3 2025 (Jambi), Sarolangun 2 Oct 2024 (cycle_demo)
    assert MonevSession.objects.count() == 5
    assert FollowUp.objects.filter(region__code="19.71").count() == 1
    assert JakonProjects.objects.get(region__code="74").ratio_pct == Decimal("2.31")
    path = tmp_path / "pangkalpinang.pdf"
    write_brief(system_actor(), "19.71", str(path))  # the operator; None is a visitor
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Kota Pangkal Pinang" in text
    assert "Evaluasi tindak lanjut UCJ" in text
