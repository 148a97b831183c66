"""The campaign pages in a real browser (Debian's chromium): the funnel page in both
languages, and the field officer's desa page at phone width (390 px) with no sideways
scrolling, an inline bilingual error, then the person added with the NIK shown masked
only. Screenshots in test-output/screenshots/campaign_*.png."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from ucj.accounts.testing import make_personas
from ucj.campaigns.tests import world
from ucj.intake.testing import system_actor
from ucj.web.tests.test_browser import SHOTS, browser_page  # noqa: F401  (fixture)
from ucj.web.tests.test_browser_forms import login

pytestmark = pytest.mark.browser


@pytest.fixture
def loaded(master: Any, tmp_path: Path) -> Any:
    people = make_personas()
    campaign = world.make_campaign(people.outsider)
    world.membership(tmp_path, "bpjs_before", world.BEFORE, dt.date(2025, 10, 1))
    assert world.import_population(tmp_path, system_actor()).ok
    assert world.import_entries(tmp_path, campaign, people.outsider).ok
    return people, campaign


def test_funnel_page_both_languages(browser_page, live_server, loaded):  # noqa: F811
    page, blocked = browser_page
    people, campaign = loaded
    login(page, live_server.url, people.outsider)
    page.goto(f"{live_server.url}{reverse('campaigns:detail', args=[campaign.pk])}")
    assert page.locator("header.page-header h1").inner_text() == campaign.name
    assert "Corong pendataan" in page.locator('[data-testid="totals"]').inner_text()
    page.screenshot(path=str(SHOTS / "campaign_funnel_id.png"), full_page=True)
    page.click("form.lang button[value=en]")
    page.wait_for_load_state()
    assert "Campaign funnel" in page.locator('[data-testid="totals"]').inner_text()
    page.screenshot(path=str(SHOTS / "campaign_funnel_en.png"), full_page=True)
    assert not blocked


def test_field_page_on_a_phone(browser_page, live_server, loaded):  # noqa: F811
    page, blocked = browser_page
    people, campaign = loaded
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server.url, people.outsider)
    url = reverse("campaigns:field", args=[campaign.pk, "18.02.01.2001"])
    page.goto(f"{live_server.url}{url}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    typed = world.nik("180201", 33)
    page.fill("#f-nik", typed)
    page.click('[data-testid="add"] button[type=submit]')
    page.wait_for_load_state()
    errors = page.locator('[data-testid="errors"]').inner_text()
    assert "nama wajib diisi / the name is required" in errors
    assert page.locator("#f-nik").input_value() == ""  # the NIK is not sent back
    page.screenshot(path=str(SHOTS / "campaign_field_phone_error_id.png"), full_page=True)
    page.fill("#f-name", "Siti Rahma")
    page.fill("#f-nik", typed)
    page.fill("#f-position", "Kaur umum")
    page.click('[data-testid="add"] button[type=submit]')
    page.wait_for_load_state()
    listing = page.locator('[data-testid="entries"]').inner_text()
    assert "Siti Rahma" in listing and typed not in page.content()
    page.screenshot(path=str(SHOTS / "campaign_field_phone_id.png"), full_page=True)
    page.click("form.lang button[value=en]")
    page.wait_for_load_state()
    assert "Add a person" in page.content()
    page.screenshot(path=str(SHOTS / "campaign_field_phone_en.png"), full_page=True)
    assert not blocked
