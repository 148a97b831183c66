"""The campaign create/edit form in a real browser: every persona's list page (the
"Buat pendataan / New campaign" action only for those the write policy lets create) and
the form, in Indonesian and English; a kab/kota officer's refused then accepted campaign,
then an edit. Screenshots in test-output/screenshots/campaign_form_*.png and
campaign_list_*.png."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from ucj.accounts.testing import make_personas
from ucj.campaigns.models import Campaign
from ucj.campaigns.tests import world
from ucj.web.tests.test_browser import SHOTS, browser_page  # noqa: F401  (fixture)
from ucj.web.tests.test_browser_forms import login

pytestmark = pytest.mark.browser

# Who sees the action and the form: Campaign.write_policy = REGION (+ admins).
CREATORS = {"admin", "province", "kabkota", "outsider"}
WORDS = {"id": ("Pendataan calon peserta", "Buat pendataan"), "en": ("New campaign",)}


def _language(page: Any, code: str) -> None:
    page.click(f"form.lang button[value={code}]")
    page.wait_for_load_state()


def test_every_role_list_and_form_both_languages(browser_page, live_server, master):  # noqa: F811
    page, blocked = browser_page
    people = make_personas()
    world.make_campaign(people.outsider)
    for role in ("admin", "national", "province", "kabkota", "branch", "outsider"):
        page.context.clear_cookies()
        login(page, live_server.url, getattr(people, role))
        page.goto(f"{live_server.url}{reverse('campaigns:list')}")
        for lang in ("id", "en"):
            _language(page, lang)
            action = page.locator('[data-testid="campaign-new"]')
            assert action.count() == (1 if role in CREATORS else 0), (role, lang)
            if role in CREATORS:
                label = action.inner_text()
                assert label == ("Buat pendataan" if lang == "id" else "New campaign")
            page.screenshot(path=str(SHOTS / f"campaign_list_{role}_{lang}.png"), full_page=True)
        if role not in CREATORS:
            answer = page.goto(f"{live_server.url}{reverse('campaigns:create')}")
            assert answer is not None and answer.status == 403
            continue
        for lang in ("en", "id"):
            _language(page, lang)
            page.goto(f"{live_server.url}{reverse('campaigns:create')}")
            heading = page.locator("header.page-header h1").inner_text()
            assert heading == ("Buat pendataan" if lang == "id" else "New campaign")
            page.screenshot(path=str(SHOTS / f"campaign_form_{role}_{lang}.png"), full_page=True)
    assert not blocked


def test_create_refused_then_saved_then_edited(browser_page, live_server, master):  # noqa: F811
    page, blocked = browser_page
    people = make_personas()
    login(page, live_server.url, people.kabkota)
    page.goto(f"{live_server.url}{reverse('campaigns:list')}")
    page.click('[data-testid="campaign-new"]')
    page.wait_for_load_state()
    # Only Sarolangun is offered to Sarolangun's officer.
    options = page.locator("select[name=region] option").all_inner_texts()
    assert options == ["Kabupaten Sarolangun (15.03)"] or all("15.03" in o for o in options)
    page.fill("input[name=name]", "Pendataan RT/RW Sarolangun 2026")
    page.select_option("select[name=group]", "rt_rw")
    page.fill("input[name=start]", "2026-06-30")
    page.fill("input[name=end]", "2026-01-01")
    page.fill("input[name=target_count]", "1.250")
    page.fill("input[name=owner_office]", "Dinas PMD Kab. Sarolangun")
    page.click('[data-testid="campaign-form"] button[type=submit]')
    page.wait_for_load_state()
    text = page.locator("main").inner_text()
    assert "tanggal selesai sebelum tanggal mulai / the end date is before the start date" in text
    page.screenshot(path=str(SHOTS / "campaign_form_error_id.png"), full_page=True)
    assert not Campaign.objects.exists()
    page.fill("input[name=start]", "2026-01-01")
    page.fill("input[name=end]", "2026-06-30")
    page.click('[data-testid="campaign-form"] button[type=submit]')
    page.wait_for_load_state()
    item = Campaign.objects.get()
    assert page.url.endswith(reverse("campaigns:detail", args=[item.pk]))
    assert item.target_count == 1_250 and item.region.code == "15.03"
    page.click('[data-testid="campaign-edit"]')
    page.wait_for_load_state()
    assert page.locator("input[name=target_count]").input_value() in ("1.250", "1250")
    page.fill("input[name=target_count]", "2.000")
    page.click('[data-testid="campaign-form"] button[type=submit]')
    page.wait_for_load_state()
    item.refresh_from_db()
    assert item.target_count == 2_000
    page.screenshot(path=str(SHOTS / "campaign_form_saved_id.png"), full_page=True)
    assert not blocked
