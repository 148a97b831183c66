"""Submit → approve → accept, locks on edits and imports, reopen with a reason."""

from __future__ import annotations

import pytest

from ucj.accounts import approval
from ucj.accounts.completeness import completeness
from ucj.accounts.models import MonthApproval, MonthStatus
from ucj.accounts.testing import month, region
from ucj.indicators.models import Participation

pytestmark = pytest.mark.django_db
MARCH = month("2025-03")


def _steps(p):
    sarolangun = region("15.03")
    approval.submit(p.kabkota, sarolangun, MARCH)
    approval.approve(p.province, sarolangun, MARCH)
    return sarolangun


def test_the_whole_story(personas):
    p = personas
    sarolangun = _steps(p)
    row = approval.accept(p.national, sarolangun, MARCH)
    assert row.status == MonthStatus.ACCEPTED
    with pytest.raises(approval.ApprovalError) as refused:
        approval.reopen(p.province, sarolangun, MARCH, "angka salah ketik")
    assert refused.value.status == 403  # accepted nationally: the province cannot reopen
    approval.reopen(p.national, sarolangun, MARCH, "angka salah ketik")
    history = list(MonthApproval.history.filter(region=sarolangun).order_by("history_date"))
    statuses = ["draft", "submitted", "approved", "accepted", "draft"]
    assert [h.status for h in history] == statuses
    assert history[-1].history_user == p.national
    assert "angka salah ketik" in history[-1].history_change_reason
    assert history[2].history_user == p.province


def test_only_the_right_people_act(personas):
    p = personas
    sarolangun = region("15.03")
    for user in (p.outsider, p.branch, p.national):
        with pytest.raises(approval.ApprovalError):
            approval.submit(user, sarolangun, MARCH)
    approval.submit(p.kabkota, sarolangun, MARCH)
    for user in (p.kabkota, p.outsider, p.branch, p.national):
        with pytest.raises(approval.ApprovalError):
            approval.approve(user, sarolangun, MARCH)
    with pytest.raises(approval.ApprovalError):
        approval.accept(p.national, sarolangun, MARCH)  # not approved yet: wrong state
    with pytest.raises(approval.ApprovalError):
        approval.reopen(p.province, sarolangun, MARCH, "")  # reason required
    with pytest.raises(approval.ApprovalError):
        approval.submit(p.kabkota, region("15"), MARCH)  # provinces are not approved


def test_locked_cells_and_edit_lock(personas):
    sarolangun = _steps(personas)
    other = region("15.04")
    cells = approval.locked_cells([(sarolangun.pk, MARCH), (other.pk, MARCH)])
    assert [(c.region_id, c.period) for c in cells] == [(sarolangun.pk, MARCH)]
    assert cells[0].approved_by == "prov_jambi"
    with pytest.raises(approval.LockedError) as locked:
        Participation.objects.create(region=sarolangun, period=MARCH, segment="PU", count=5)
    assert "prov_jambi" in locked.value.message_id and "disetujui" in locked.value.message_id
    assert "approved by prov_jambi" in locked.value.message_en
    Participation.objects.create(region=other, period=MARCH, segment="PU", count=5)
    approval.reopen(personas.province, sarolangun, MARCH, "revisi data cabang")
    assert approval.locked_cells([(sarolangun.pk, MARCH)]) == []
    Participation.objects.create(region=sarolangun, period=MARCH, segment="PU", count=5)


def test_completeness_counts_reported_and_on_time(personas):
    sarolangun = _steps(personas)
    Participation.objects.create(region=region("15.04"), period=MARCH, segment="PU", count=5)
    data = completeness(personas.province, MARCH)
    rows = {r["code"]: r for r in data["rows"]}
    assert data["regions"] == len(rows) and all(code.startswith("15.") for code in rows)
    assert rows["15.03"]["status"] == "approved" and rows["15.03"]["submitted_at"]
    assert rows["15.04"]["has_figures"] and not rows["15.04"]["submitted_at"]
    assert data["reported"] == 1
    # Submitted in 2026, long after the due date of March 2025: late.
    assert data["on_time"] == 0 and not rows["15.03"]["on_time"]
    assert MonthApproval.objects.filter(region=sarolangun).count() == 1
    assert [r["code"] for r in completeness(personas.kabkota, MARCH)["rows"]] == ["15.03"]


def test_pages_walk_the_workflow(client, personas):
    from django.urls import reverse

    def act(user, action, **extra):
        client.force_login(user)
        url = reverse("accounts:approval-action", args=["15.03", action])
        return client.post(url, {"period": "2025-03", **extra}, follow=True).content.decode()

    assert "Ajukan" in _page(client, personas.kabkota)
    act(personas.kabkota, "submit")
    refused = act(personas.kabkota, "approve")
    assert "tidak berwenang" in refused and "may not" not in refused  # one language a screen
    act(personas.province, "approve")
    page = _page(client, personas.province)
    assert "prov_jambi" in page and "Buka kembali" in page
    assert "Alasan pembukaan" in act(personas.province, "reopen", reason="")
    act(personas.province, "reopen", reason="angka cabang direvisi")
    assert MonthApproval.objects.get(region__code="15.03").status == MonthStatus.DRAFT


def _page(client, user):
    from django.urls import reverse

    client.force_login(user)
    return client.get(reverse("accounts:approvals"), {"period": "2025-03"}).content.decode()


def test_completeness_query_count_does_not_grow_with_regions(
    personas, django_assert_max_num_queries
):
    _steps(personas)
    with django_assert_max_num_queries(6):
        data = completeness(personas.national, MARCH)
    assert data["regions"] > 500  # every kab/kota of the country, still a handful of queries
