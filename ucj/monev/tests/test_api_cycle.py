"""The monev cycle over the API (issue 19): packs, benefits paid, findings by dimension ×
obstacle. Each answer is the domain function's own figures (the pack: the keys `ucj
report pack --json` prints), scoped to the caller, and valid against its schema."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from ucj.accounts.models import AccessRefusal
from ucj.accounts.testing import region
from ucj.monev import findings, services
from ucj.monev.benefits import BenefitPaid
from ucj.monev.defaults import ensure_defaults
from ucj.monev.packs import Pack
from ucj.monev.schemas import BenefitsOut, ObstacleCellOut, ObstacleMatrixOut, PackOut
from ucj.monev.tests import figures
from ucj.monev.tests.factories import session_input

pytestmark = pytest.mark.django_db
BASE = "/api/v1/monev"


def test_pack_figures_state_file_and_steps(client, personas, tmp_path):
    figures.load()
    out = io.StringIO()
    target = tmp_path / "p.xlsx"
    call_command("report", "pack", "15.03", "--period", "2024-Q4", "--out", str(target),
                 "--json", stdout=out)  # fmt: skip
    cli = json.loads(out.getvalue())
    client.force_login(personas.kabkota)
    resp = client.get(f"{BASE}/packs/15.03/2024-Q4")
    assert resp.status_code == 200, resp.content
    body = resp.json()
    PackOut.model_validate(body)
    # Every key the CLI prints (but the file it wrote), with the same figures.
    assert {k: v for k, v in cli.items() if k not in ("file", "generated")} == {
        k: v for k, v in body.items() if k not in ("pack", "generated")
    }
    assert body["pack"] is None  # never submitted
    assert body["data_month"] == "2024-12" and body["code"] == "15.03"
    xlsx = client.get(f"{BASE}/packs/15.03/2024-Q4/file", {"fmt": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")
    assert "paket-monev-15.03-2024-Q4.xlsx" in xlsx["Content-Disposition"]
    step = client.post(f"{BASE}/packs/15.03/2024-Q4/submit")
    assert step.status_code == 200, step.content
    assert step.json()["status"] == "submitted" and step.json()["frozen"] is False
    again = client.post(f"{BASE}/packs/15.03/2024-Q4/submit")  # out of order: 409, both langs
    assert again.status_code == 409 and {"message_id", "message_en"} <= set(again.json())
    listed = client.get(f"{BASE}/packs").json()
    assert [(p["code"], p["period"], p["status"]) for p in listed] == [
        ("15.03", "2024-Q4", "submitted")
    ]
    # Another region's pack: 404 as for an absent one, and the refusal recorded.
    before = AccessRefusal.objects.count()
    away = client.get(f"{BASE}/packs/18.02/2024-Q4")
    assert away.status_code == 404 and away.json()["message_en"] == "Not found."
    assert AccessRefusal.objects.count() == before + 1
    bad = client.get(f"{BASE}/packs/15.03/2024-13")
    assert bad.status_code == 400 and "2025-Q3" in bad.json()["message_en"]
    assert client.get(f"{BASE}/packs/99.99/2024-Q4").status_code == 404
    assert Pack.objects.get(code="15.03").status == "submitted"


def _paid(code, month, program, cases, amount, story=""):
    BenefitPaid.objects.create(
        region=region(code), period=dt.date(2025, month, 1), program=program, cases=cases,
        amount=amount, source="BPJS TK Jambi", story=story,
    )  # fmt: skip


def test_benefits_paid_per_region_and_period(client):
    _paid("15.03", 7, "JKM", 2, 84_000_000, "Dua ahli waris menerima santunan")
    _paid("15.01", 8, "JKK", 1, 30_000_000)
    _paid("15.03", 11, "JKM", 1, 42_000_000)  # Q4
    q3 = client.get(f"{BASE}/benefits", {"region": "15.03", "period": "2025-Q3"}).json()
    BenefitsOut.model_validate(q3)
    assert (q3["code"], q3["start"], q3["end"]) == ("15.03", "2025-07", "2025-09")
    assert (q3["cases"], q3["amount"]) == (2, 84_000_000)
    assert q3["programs"][0] == {
        "program": "JKM", "cases": 2, "amount": 84_000_000, "per_case": 42_000_000,
        "is_sample": False,
    }  # fmt: skip
    assert q3["stories"][0]["story"] == "Dua ahli waris menerima santunan"
    jambi = client.get(f"{BASE}/benefits", {"region": "15", "period": "2025"}).json()
    assert (jambi["cases"], jambi["amount"]) == (4, 156_000_000)
    nation = client.get(f"{BASE}/benefits", {"region": "id", "period": "2025-S2"}).json()
    assert nation["code"] == "ID" and nation["amount"] == 156_000_000
    assert client.get(f"{BASE}/benefits", {"region": "99.99", "period": "2025"}).status_code == 404
    bad = client.get(f"{BASE}/benefits", {"region": "15.03", "period": "Q3"})
    assert bad.status_code == 400 and bad.json()["message_id"].startswith("Periode laporan")


def test_obstacle_matrix_and_drill_down_in_scope(client, personas):
    ensure_defaults()
    p = personas
    jambi = services.record_session(p.national, session_input(["15.03", "15.01"]))
    lamteng = services.record_session(p.national, session_input(["18.02"]))
    for session, code in ((jambi, "15.03"), (jambi, "15.01"), (lamteng, "18.02")):
        services.add_finding(p.national, session, code, f"Perbup {code} belum ada",
                             dimension="regulasi", obstacle="regulasi_lemah")  # fmt: skip
    assert client.get(f"{BASE}/obstacles").status_code == 401
    client.force_login(p.province)
    body = client.get(f"{BASE}/obstacles").json()
    ObstacleMatrixOut.model_validate(body)
    assert body == {**json.loads(json.dumps(findings.obstacle_matrix(p.province))), "period": ""}
    row = next(r for r in body["dimensions"] if r["dimension"] == "regulasi")
    assert next(c for c in row["cells"] if c["obstacle"] == "regulasi_lemah")["regions"] == 2
    cell = client.get(f"{BASE}/obstacles/regulasi/regulasi_lemah").json()
    ObstacleCellOut.model_validate(cell)
    assert [r["code"] for r in cell["regions"]] == ["15.01", "15.03"]  # not Lampung Tengah
    client.force_login(p.national)
    assert len(client.get(f"{BASE}/obstacles/regulasi/regulasi_lemah").json()["regions"]) == 3
    far = client.get(f"{BASE}/obstacles", {"period": "1999-Q1"}).json()
    assert far["period"] == "1999-Q1" and all(r["findings"] == 0 for r in far["dimensions"])
    assert client.get(f"{BASE}/obstacles/nonsense/-").status_code == 404
