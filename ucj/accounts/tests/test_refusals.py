"""Attempts on another region's rows are answered 404 and recorded for the audit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from ucj.accounts.models import AccessRefusal, MonthApproval
from ucj.accounts.testing import month, region
from ucj.accounts.tokens import create_token
from ucj.indicators.models import Issuer, Target

pytestmark = pytest.mark.django_db


def test_cross_region_attempts_reach_the_audit_page(client, personas):
    target = Target.objects.create(
        region=region("15.03"), year=2026, pct=Decimal("40"), issuer=Issuer.RPJMD
    )
    MonthApproval.objects.create(region=region("15.03"), period=month("2026-01"))
    raw = create_token(personas.outsider, "coba")[1]
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    # Lampung Tengah's officer reads Sarolangun's month state, tries to delete its target.
    url = "/api/v1/accounts/approvals/15.03/2026-01"
    assert client.get(url, **auth).status_code == 404
    assert client.delete(f"/api/v1/targets/{target.pk}", **auth).status_code == 404
    # …and to approve Sarolangun's month on the web (a region look-up).
    client.force_login(personas.outsider)
    url = reverse("accounts:approval-action", args=["15.03", "approve"])
    assert client.post(url, {"period": "2026-01"}).status_code == 404
    client.logout()
    # A row that does not exist is no refusal.
    assert client.get("/api/v1/targets/99999999", **auth).status_code == 404
    rows = list(AccessRefusal.objects.order_by("pk").values_list("user__username", "action", "obj"))
    assert rows == [
        ("kab_lamteng", "view", "accounts.monthapproval"),
        ("kab_lamteng", "change", "indicators.target"),
        ("kab_lamteng", "view", "regions.region"),
    ]
    assert AccessRefusal.objects.filter(region__code="15.03").count() == 3

    # Sarolangun's officer sees who tried, on the audit page; so does the national analyst.
    for who in (personas.kabkota, personas.national):
        client.force_login(who)
        page = client.get(reverse("audit:audit"), {"source": "refused"})
        entries = page.context["entries"]
        assert {e.user for e in entries} == {"kab_lamteng"}
        assert any(e.obj == "indicators.target" and e.region == "15.03" for e in entries)
        text = page.content.decode()
        assert "akses ditolak" in text and "ditolak: mengubah" in text  # readable labels
    # Lampung Tengah's officer does not see refusals about Sarolangun's rows.
    client.force_login(personas.outsider)
    assert client.get(reverse("audit:audit"), {"source": "refused"}).context["entries"] == []


def test_every_kind_of_refusal_goes_through_one_place(client, personas):
    """Beyond `.get()`: a scoped `.filter().first()` that ends in 404 (a page), a list
    filtered by another region (it answers empty), and a plain 403, all recorded."""

    def recorded() -> list[tuple[str, str, str | None, str]]:
        rows = AccessRefusal.objects.order_by("pk")
        return [(r.obj, r.action, r.region.code if r.region else None, r.lookup) for r in rows]

    client.force_login(personas.outsider)
    # A page: the planning page of Sarolangun (`allowed_regions(…).filter(code=…).first()`).
    assert client.get("/perencanaan/15.03/").status_code == 404
    assert recorded() == [("regions.region", "view", "15.03", "code=15.03")]
    # A region that does not exist is an honest 404, not a refusal.
    assert client.get("/perencanaan/99.99/").status_code == 404
    assert len(recorded()) == 1
    # List filters naming another region: answered (empty), recorded.
    page = client.get("/api/v1/accounts/approvals", {"period": "2026-01", "province": "15"})
    assert page.status_code == 200 and page.json()["rows"] == []
    assert recorded()[-1] == ("accounts.monthapproval", "view", "15", "province=15")
    assert client.get("/monev/tindak-lanjut/", {"wilayah": "15.03"}).status_code == 200
    assert recorded()[-1] == ("monev.followup", "view", "15.03", "wilayah=15.03")
    assert client.get("/api/v1/accounts/audit", {"region": "15.03"}).status_code == 200
    assert recorded()[-1] == ("accounts.audit", "view", "15.03", "region=15.03")
    # Filtering by one's own region (or one's own province) is no refusal.
    count = len(recorded())
    client.get("/api/v1/accounts/approvals", {"period": "2026-01", "province": "18"})
    client.get("/monev/tindak-lanjut/", {"wilayah": "18.02"})
    assert len(recorded()) == count
    # A 403 no scoped look-up explains (a branch officer may not import rosters): the
    # route is recorded.
    client.force_login(personas.branch)
    assert client.get("/impor/roster/").status_code == 403
    last = AccessRefusal.objects.order_by("pk").last()
    assert last.obj == "route:intake:upload" and last.lookup == "GET /impor/roster/"
    assert last.user == personas.branch
