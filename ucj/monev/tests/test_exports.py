"""XLSX exports: every row, scoped, and text that looks like a formula stays text."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from openpyxl import load_workbook

from ucj.accounts.testing import region
from ucj.lib.cells import safe_text
from ucj.monev import exports, services
from ucj.monev.models import FollowUp
from ucj.monev.tests.factories import finding_with_follow_up, session_input

pytestmark = pytest.mark.django_db

PAYLOADS = [
    '=HYPERLINK("http://evil.example","klik")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_safe_text_prefixes_formula_starts(text):
    assert safe_text(text) == "'" + text


def test_safe_text_leaves_ordinary_text():
    assert safe_text("Disnaker 2025") == "Disnaker 2025"
    assert safe_text("") == ""


def test_follow_up_export_neutralises_formula_injection(personas, tmp_path):
    session = services.record_session(personas.national, session_input(["15.03"]))
    session.title = PAYLOADS[0]
    session.save()
    finding_with_follow_up(
        personas.national, session, "15.03", dt.date(2025, 9, 30), office=PAYLOADS[3]
    )
    item = FollowUp.objects.get()
    item.action = PAYLOADS[1]
    item.save()

    path = tmp_path / "tl.xlsx"
    assert exports.export_follow_ups(personas.national, str(path), dt.date(2025, 6, 1)) == 1
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    row = {h.split(" / ")[1]: c for h, c in zip(header, sheet[2], strict=True)}
    assert row["follow-up"].value == "'" + PAYLOADS[1]
    assert row["responsible office"].value == "'" + PAYLOADS[3]
    assert row["region code"].value == "15.03"
    assert row["due date"].value == dt.datetime(2025, 9, 30)
    assert row["status"].value == "terbuka (open)"
    # No cell anywhere is stored as a formula.
    assert all(c.data_type != "f" for r in sheet.iter_rows() for c in r)
    with zipfile.ZipFile(path) as z:
        assert b"<f>" not in z.read("xl/worksheets/sheet1.xml")

    sessions_path = tmp_path / "sesi.xlsx"
    exports.export_sessions(personas.national, str(sessions_path))
    srow = [c.value for c in load_workbook(sessions_path).active[2]]
    assert "'" + PAYLOADS[0] in srow
    assert "15.03" in srow


def test_exports_have_every_row_and_respect_scope(personas, tmp_path):
    session = services.record_session(personas.national, session_input(["15.03", "18.02"]))
    finding_with_follow_up(personas.national, session, "15.03", dt.date(2025, 9, 30))
    finding_with_follow_up(personas.national, session, "18.02", dt.date(2025, 9, 30))
    template = FollowUp.objects.get(region__code="15.03")
    many = 5000  # more than any page or chunk size
    FollowUp.objects.bulk_create(
        FollowUp(
            recommendation_id=template.recommendation_id,
            region=region("15.03"),
            action=f"Langkah {i}",
            responsible_office="Disnaker",
            due_date=dt.date(2025, 9, 30),
        )
        for i in range(many)
    )
    path = tmp_path / "all.xlsx"
    assert exports.export_follow_ups(personas.national, str(path)) == many + 2
    assert load_workbook(path, read_only=True).active.max_row == many + 3

    mine = tmp_path / "mine.xlsx"
    assert exports.export_follow_ups(personas.outsider, str(mine)) == 1
    assert exports.export_findings(personas.kabkota, str(tmp_path / "f.xlsx")) == 1
    assert exports.export_sessions(personas.outsider, str(tmp_path / "s.xlsx")) == 1
