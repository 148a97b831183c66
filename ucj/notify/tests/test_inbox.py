"""The inbox: unread count in the header, own messages only, mark read, choices saved;
screenshots of the inbox and header in both languages (test-output/shots/h18/)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from ucj.accounts.testing import PASSWORD, make_personas
from ucj.notify.models import Channel, Kind, Message, Preference, Profile

SHOTS = Path(__file__).resolve().parents[3] / "test-output" / "shots" / "h18"


def _message(user, n: int) -> Message:
    return Message.objects.create(
        user=user,
        kind=Kind.FOLLOW_UP_OVERDUE,
        key=f"k{n}",
        subject=f"Tindak lanjut terlambat: Kabupaten Sarolangun ({n})",
        body="Tindak lanjut oleh Disnaker untuk Kabupaten Sarolangun melewati tenggat 17-07-2025.",
        url="/monev/tindak-lanjut/1/",
    )


@pytest.mark.django_db
def test_inbox_count_read_and_choices(client):
    p = make_personas()
    for n in range(3):
        _message(p.kabkota, n)
    other = _message(p.outsider, 9)
    client.force_login(p.kabkota)
    page = client.get(reverse("web:home")).content.decode()
    assert re.search(r'class="badge"[^>]*>3</span>', page)
    inbox = client.get(reverse("notify:inbox")).content.decode()
    assert inbox.count("Kabupaten Sarolangun (") == 3 and "(9)" not in inbox, inbox[-3000:]
    client.post(reverse("notify:read"), {"id": other.pk})  # not theirs: no change
    assert Message.objects.get(pk=other.pk).read is None
    client.post(reverse("notify:read"), {"id": Message.objects.filter(user=p.kabkota)[0].pk})
    assert Message.objects.filter(user=p.kabkota, read__isnull=True).count() == 2
    client.post(reverse("notify:read"))
    assert 'class="badge"' not in client.get(reverse("web:home")).content.decode()
    client.post(
        reverse("notify:preferences"),
        {"language": "en", Kind.REPORT_MISSING: Channel.OFF, Kind.FOLLOW_UP_DUE: "bogus"},
    )
    assert Profile.objects.get(user=p.kabkota).language == "en"
    assert list(Preference.objects.filter(user=p.kabkota).values_list("kind", "channel")) == [
        (Kind.REPORT_MISSING, Channel.OFF)
    ]


@pytest.mark.browser
def test_inbox_screenshots(master, live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    from ucj.web.tests.test_browser import ARGS

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    p = make_personas()
    for n in range(2):
        _message(p.kabkota, n)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
        page.goto(f"{live_server.url}{reverse('accounts:login')}")
        page.fill("input[name=username]", p.kabkota.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("main form button[type=submit]")
        page.goto(f"{live_server.url}{reverse('notify:inbox')}")
        assert page.locator("header .inbox .badge").inner_text() == "2"
        page.screenshot(path=str(SHOTS / "inbox_id.png"), full_page=True)
        page.click("form.lang button[value=en]")
        page.wait_for_load_state()
        assert "Inbox" in page.locator("header .inbox").inner_text()
        page.screenshot(path=str(SHOTS / "inbox_en.png"), full_page=True)
        browser.close()
