"""Registry pages and the scorecard panel: scoped, audited, masked NIK only."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.test import Client

from ucj.accounts.testing import PASSWORD, region
from ucj.audit.models import PersonDataAccess
from ucj.registry import stored
from ucj.registry.models import Reconciliation
from ucj.registry.tests.synth import make_nik, write_csv

AS_OF = dt.date(2026, 1, 15)
NIKS = [make_nik("150301", d, 5, 80, d) for d in range(1, 6)]


@pytest.fixture
def rec(db: None, tmp_path: Path) -> Reconciliation:
    sarolangun = region("15.03")
    roster = write_csv(
        tmp_path / "rt_rw_sarolangun.csv",
        ["nik", "nama"],
        [[n, f"Ketua RT {i}"] for i, n in enumerate(NIKS)],
    )
    members = write_csv(
        tmp_path / "bpjs.csv",
        ["nik", "status", "jkk", "jkm", "jht"],
        [[n, "aktif", "Y", "Y", "N"] for n in NIKS[:4]],
    )
    stored.load_roster_file(roster, sarolangun, "rt_rw", "ADD", AS_OF)
    stored.load_membership_file(members, sarolangun, AS_OF)
    stored.reconcile_region("15.03", AS_OF)
    return Reconciliation.objects.get()


def _client(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def test_stored_reconciliation_summary(rec: Reconciliation) -> None:
    assert rec.summary["matched_active"] == 4 and rec.summary["not_member"] == 1
    assert rec.summary["by_program"]["JKK"] == 80.0 and rec.summary["by_program"]["JHT"] == 0.0
    assert rec.rosters[0]["roster"] == "rt_rw_sarolangun"


def test_overview_and_persons_are_scoped_and_audited(rec: Reconciliation, personas) -> None:
    officer = _client(personas.kabkota)
    page = officer.get("/registri/")
    assert page.status_code == 200 and "80,00%" in page.content.decode()
    persons = officer.get(f"/registri/hasil/{rec.pk}/")
    body = persons.content.decode()
    assert persons.status_code == 200 and "1503**********01" in body
    assert all(n not in body for n in NIKS)
    assert PersonDataAccess.objects.filter(user=personas.kabkota, action="view").count() == 1
    export = officer.get(f"/registri/hasil/{rec.pk}/unduh.csv")
    text = export.content.decode()
    assert export.status_code == 200 and text.count("1503**********") == 5
    assert all(n not in text for n in NIKS)
    assert PersonDataAccess.objects.get(action="export").rows == 5

    outsider = _client(personas.outsider)
    assert outsider.get(f"/registri/hasil/{rec.pk}/").status_code == 404
    assert outsider.get(f"/registri/hasil/{rec.pk}/unduh.csv").status_code == 404
    assert "80,00%" not in outsider.get("/registri/").content.decode()
    assert Client().get("/registri/").status_code == 302  # log in first


def test_group_coverage_panel_on_the_scorecard(rec: Reconciliation, personas) -> None:
    from ucj.registry.pages import panel_context

    sarolangun = region("15.03")
    ctx = panel_context(sarolangun, personas.province, None)
    assert ctx is not None and ctx["rosters"][0]["by_program"]["JKM"] == 80.0
    assert panel_context(sarolangun, personas.outsider, None) is None
    page = _client(personas.kabkota).get("/wilayah/15.03/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "rt_rw_sarolangun" in body and "80,00%" in body


def test_demo_is_sample_and_pangkalpinang_shaped(db: None) -> None:
    import io

    from ucj.registry import demo

    demo.load(io.StringIO())
    demo.load(io.StringIO())  # safe to run twice
    rec = Reconciliation.objects.get(region__code="19.71")
    assert rec.is_sample and rec.membership_list.is_sample
    assert rec.summary["by_program"] == {
        "JKK": 100.0,
        "JKM": 100.0,
        "JHT": 0.0,
        "JP": 0.0,
        "JKP": 0.0,
    }
    assert rec.summary["valid"] == demo.PERSONS and rec.summary["invalid_nik"] == 0
