"""The API with tokens and sessions: scope, approval actions, targets, coverage, docs."""

from __future__ import annotations

import pytest

from ucj.accounts.testing import month, region
from ucj.accounts.tokens import create_token
from ucj.indicators.models import Participation, Target

pytestmark = pytest.mark.django_db


def _bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'uji')[1]}"}


def _post(client, url, user):
    return client.post(url, content_type="application/json", **_bearer(user))


def test_docs_at_api_docs(client):
    response = client.get("/api/docs")
    assert response.status_code == 302 and response["Location"] == "/api/v1/docs"
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "cdn" not in html.lower() and "/static/ninja/swagger-ui-bundle.js" in html
    assert "/api/v1/targets/" in client.get("/api/v1/openapi.json").json()["paths"]


def test_bad_token_is_refused_not_anonymous(client, personas):
    response = client.get("/api/v1/regions/15", HTTP_AUTHORIZATION="Bearer ucj_nope")
    assert response.status_code == 401
    assert client.get("/api/v1/accounts/me").status_code == 401
    me = client.get("/api/v1/accounts/me", **_bearer(personas.kabkota)).json()
    assert me == {"username": "kab_sarolangun", "roles": [{"role": "kabkota", "region": "15.03"}]}


def test_token_cannot_touch_another_region_targets(client, personas):
    mine = Target.objects.create(region=region("15.03"), year=2025, pct=40, issuer="rpjmd")
    theirs = Target.objects.create(region=region("18.02"), year=2025, pct=40, issuer="rpjmd")
    auth = _bearer(personas.kabkota)
    body = {"region": "18.02", "year": 2025, "pct": "99.00", "issuer": "rpjmd"}
    response = client.put("/api/v1/targets/", body, content_type="application/json", **auth)
    assert response.status_code == 404
    assert client.delete(f"/api/v1/targets/{theirs.pk}", **auth).status_code == 404
    theirs.refresh_from_db()
    assert theirs.pct == 40
    body["region"] = "15.03"
    response = client.put("/api/v1/targets/", body, content_type="application/json", **auth)
    assert response.status_code == 200 and response.json()["id"] == mine.pk
    mine.refresh_from_db()
    assert str(mine.pct) == "99.00"
    # Targets are public aggregates: listing shows both; filters work.
    listed = client.get("/api/v1/targets/?region=18.02", **auth).json()
    assert listed["count"] == 1 and listed["items"][0]["region"] == "18.02"


def test_session_writes_need_csrf(personas):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(personas.national)
    body = {"region": "15.03", "year": 2025, "pct": "50", "issuer": "rpjmd"}
    response = browser.put("/api/v1/targets/", body, content_type="application/json")
    assert response.status_code == 403
    assert not Target.objects.exists()


def test_approval_actions_over_api(client, personas):
    url = "/api/v1/accounts/approvals/15.03/2025-03"
    assert _post(client, f"{url}/submit", personas.outsider).status_code == 404
    assert _post(client, f"{url}/submit", personas.kabkota).status_code == 200
    refused = _post(client, f"{url}/approve", personas.kabkota)
    assert refused.status_code == 403 and "message_en" in refused.json()
    done = _post(client, f"{url}/approve", personas.province).json()
    assert done["status"] == "approved" and done["approved_by"] == "prov_jambi"
    reopen = client.post(
        f"{url}/reopen",
        {"reason": ""},
        content_type="application/json",
        **_bearer(personas.province),
    )
    assert reopen.status_code == 400
    assert client.get(url, **_bearer(personas.outsider)).status_code == 404
    assert client.get(url, **_bearer(personas.kabkota)).json()["status"] == "approved"
    listed = client.get("/api/v1/accounts/approvals?period=2025-03", **_bearer(personas.outsider))
    assert [r["code"] for r in listed.json()["rows"]] == ["18.02"]
    assert (
        client.get(
            "/api/v1/accounts/approvals?period=2025-13", **_bearer(personas.kabkota)
        ).status_code
        == 400
    )


def test_coverage_hides_small_cells_outside_scope(client, personas, settings):
    settings.UCJ_PUBLIC_MIN_CELL = 10
    Participation.objects.create(
        region=region("18.71"), period=month("2025-03"), segment="BPU", count=4
    )
    Participation.objects.create(
        region=region("18.71"), period=month("2025-03"), segment="PU", count=400
    )
    public = client.get("/api/v1/coverage/18.71?period=2025-03").json()
    national = client.get(
        "/api/v1/coverage/18.71?period=2025-03", **_bearer(personas.national)
    ).json()
    assert national["by_segment"]["BPU"] == 4
    # BPU is blanked, and so is PU, its complement: persons (404) minus a visible PU
    # would give BPU back (complementary suppression, issue 13).
    assert public["by_segment"]["BPU"] is None and public["by_segment"]["PU"] is None
    assert public["active_participants"] == 404
