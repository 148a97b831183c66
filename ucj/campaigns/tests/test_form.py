"""The campaign create/edit form: who may create where (the model's write policy through
the choke point), refusals in both languages naming the field, the audit trail."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ucj.audit.entries import history_models
from ucj.campaigns.models import Campaign, CampaignEntry

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "Pendataan RT/RW 2026",
    "region": "15.03",
    "group": "rt_rw",
    "start": "2026-01-01",
    "end": "2026-06-30",
    "target_count": "1.250",
    "owner_office": "Dinas PMD Kab. Sarolangun",
    "segment": "BPU",
}


def _post(client: Any, user: Any, url: str, **changes: str) -> Any:
    client.force_login(user)
    return client.post(url, {**GOOD, **changes})


def test_kabkota_officer_creates_in_own_region_and_is_audited(client: Any, personas: Any) -> None:
    client.force_login(personas.kabkota)
    page = client.get(reverse("campaigns:create"))
    assert page.status_code == 200
    # Offered only its own kab/kota.
    assert [c for c, _l in page.context["form"].fields["region"].choices] == ["15.03"]
    assert reverse("campaigns:create") in client.get(reverse("campaigns:list")).content.decode()
    answer = client.post(reverse("campaigns:create"), GOOD)
    item = Campaign.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "campaigns:detail", args=[item.pk]
    )
    assert (item.region.code, item.target_count, item.group) == ("15.03", 1_250, "rt_rw")
    assert item.created_by == personas.kabkota
    history = next(h for h in history_models() if h.instance_type is Campaign)
    first = history.objects.get(id=item.pk)
    assert first.history_type == "+" and first.history_user == personas.kabkota


def test_province_officer_offered_province_and_its_kabkota(client: Any, personas: Any) -> None:
    client.force_login(personas.province)
    codes = [c for c, _l in client.get(reverse("campaigns:create")).context["form"].fields[
        "region"].choices]  # fmt: skip
    assert codes[0] == "15" and "15.03" in codes and all(c.startswith("15") for c in codes)


def test_national_and_branch_may_not_create(client: Any, personas: Any) -> None:
    # Campaign.write_policy = REGION: region officers only (admins always).
    for user in (personas.national, personas.branch):
        client.force_login(user)
        assert client.get(reverse("campaigns:create")).status_code == 403
        assert client.post(reverse("campaigns:create"), GOOD).status_code == 403
        assert (
            reverse("campaigns:create")
            not in client.get(reverse("campaigns:list")).content.decode()
        )
    assert not Campaign.objects.exists()


def test_another_region_posted_by_hand_is_refused(client: Any, personas: Any) -> None:
    answer = _post(client, personas.outsider, reverse("campaigns:create"))
    assert answer.status_code == 400 and not Campaign.objects.exists()
    assert "region" in answer.context["form"].errors


@pytest.mark.parametrize("language", ["id", "en"])
def test_bad_fields_named_in_both_languages(client: Any, personas: Any, language: str) -> None:
    client.cookies["django_language"] = language
    answer = _post(
        client, personas.kabkota, reverse("campaigns:create"), end="2025-12-31",
        target_count="0", owner_office=" ",
    )  # fmt: skip
    assert answer.status_code == 400 and not Campaign.objects.exists()
    errors = answer.context["form"].errors
    assert any("tanggal selesai sebelum tanggal mulai" in e for e in errors["end"])
    assert any("the end date is before the start date" in e for e in errors["end"])
    assert any("at least 1" in e and "paling sedikit 1" in e for e in errors["target_count"])
    assert "owner_office" in errors
    html = answer.content.decode()
    assert "the end date is before the start date" in html
    # The page's own words follow the language.
    assert ("Edit campaign" in html or "New campaign" in html) == (language == "en")


def test_edit_keeps_history_and_locks_region_once_people_listed(client: Any, personas: Any) -> None:
    _post(client, personas.province, reverse("campaigns:create"))
    item = Campaign.objects.get()
    url = reverse("campaigns:edit", args=[item.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"].initial["region"] == "15.03"
    assert _post(client, personas.province, url, target_count="2.000").status_code == 302
    item.refresh_from_db()
    assert item.target_count == 2_000
    history = next(h for h in history_models() if h.instance_type is Campaign)
    changed = history.objects.filter(id=item.pk).order_by("history_id").last()
    assert changed.history_type == "~" and changed.history_user == personas.province
    delta = changed.diff_against(changed.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("target_count", 1_250, 2_000)]
    # The kab/kota officer of the region may edit too; Lampung Tengah's may not see it.
    client.force_login(personas.outsider)
    assert client.get(url).status_code == 404
    client.force_login(personas.national)
    assert client.get(url).status_code == 404
    # Once someone is listed, the region stays.
    from ucj.regions.villages import ensure_villages

    ensure_villages(["15.03"])
    desa = item.region.__class__.objects.get(code="15.03.01.2019")
    CampaignEntry.objects.create(
        campaign=item, desa=desa, nik_hash="h", nik_masked="1503**********01", group="rt_rw"
    )
    answer = _post(client, personas.province, url, region="15")
    assert answer.status_code == 400
    assert "this campaign already lists people" in str(answer.context["form"].errors["region"])
    item.refresh_from_db()
    assert item.region.code == "15.03"
