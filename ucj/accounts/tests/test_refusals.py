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
