"""The monev API: the same services as the pages, scoped to the caller."""

from __future__ import annotations

import pytest

from ucj.accounts.testing import PASSWORD
from ucj.monev.models import FollowUp
from ucj.monev.tests import figures

pytestmark = pytest.mark.django_db
BASE = "/api/v1/monev"


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_session_findings_and_follow_ups_over_the_api(client, personas):
    figures.load()
    assert client.post(f"{BASE}/sessions", {}, content_type="application/json").status_code in (
        401,
        422,
    )
    login(client, personas.province)
    resp = client.post(
        f"{BASE}/sessions",
        {
            "date": "2024-11-05",  # October 2024 figures are known by then
            "title": "Monev UCJ",
            "organiser": "pemprov",
            "mode": "online",
            "regions": ["15.03", "15.04"],
            "attendees": [{"name": "Budi", "office": "Disnaker"}],
        },
        content_type="application/json",
    )
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["regions"] == ["15.03", "15.04"]
    assert body["snapshots"]["15.03"]["coverage_pct"] == 43.0
    assert [a["kind"] for a in body["agenda"]] == ["target", "evaluation", "strategy", "regulation"]
    sid = body["id"]
    resp = client.post(
        f"{BASE}/sessions/{sid}/findings",
        {
            "region": "15.03",
            "text": "Informal rendah",
            "recommendation": "Anggarkan",
            "follow_ups": [
                {
                    "action": "Usulkan APBD-P",
                    "responsible_office": "Disnaker",
                    "due_date": "2020-01-31",
                }
            ],
        },
        content_type="application/json",
    )
    assert resp.status_code == 201
    item = FollowUp.objects.get()
    data = client.get(f"{BASE}/follow-ups?region=15.03").json()
    assert [f["state"] for f in data["open"]] == ["overdue"]
    assert [
        f["region"] for f in client.get(f"{BASE}/follow-ups?region=15").json()["escalated"]
    ] == ["15.03"]

    resp = client.patch(
        f"{BASE}/follow-ups/{item.pk}", {"status": "overdue"}, content_type="application/json"
    )
    assert resp.status_code == 422
    resp = client.patch(
        f"{BASE}/follow-ups/{item.pk}",
        {"status": "done", "note": "ok"},
        content_type="application/json",
    )
    assert resp.status_code == 200 and resp.json()["state"] == "done"

    login(client, personas.outsider)
    assert client.get(f"{BASE}/sessions/{sid}").status_code == 404
    assert client.get(f"{BASE}/sessions").json() == []
    resp = client.patch(
        f"{BASE}/follow-ups/{item.pk}", {"status": "open"}, content_type="application/json"
    )
    assert resp.status_code == 403


def test_matrices_over_the_api(client):
    data = client.get(f"{BASE}/regulations/matrix?province=15").json()
    assert {r["code"] for r in data["rows"]} >= {"15", "15.03"}
    data = client.get(f"{BASE}/plan/checklist?year=2025&province=15").json()
    assert data["year"] == 2025 and data["summary"]["in_rpjmd"]["yes"] == 0
    assert client.get(f"{BASE}/jakon?year=2025").json()["rows"] == []
