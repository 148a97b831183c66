"""The confirmation of the Sarolangun demo selection in a real browser, both languages:
the selection page and the scenario page show the counts by status, the membership
list's date and source; another region's officer gets 404. Screenshots for review."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from ucj.accounts.testing import make_personas
from ucj.planning import defaults as planning_defaults
from ucj.planning.tests.factories import jambi_figures
from ucj.selection import defaults as selection_defaults
from ucj.selection import demo
from ucj.selection.models import Selection
from ucj.web.tests.test_browser import SHOTS, browser_page  # noqa: F401  (fixture)
from ucj.web.tests.test_browser_forms import login

pytestmark = pytest.mark.browser
TEXT = {
    "id": ("terdaftar lewat skema lain", "Daftar kepesertaan per", "1 Desember 2025",
           "data contoh", "Direncanakan"),
    "en": ("registered under another scheme", "Membership list as of", "1 December 2025",
           "sample data", "Planned"),
}  # fmt: skip


@pytest.fixture
def confirmed(master):
    planning_defaults.ensure_defaults()
    selection_defaults.ensure_defaults()  # a live-server test's flush removes it
    jambi_figures()
    demo.load(io.StringIO())  # with the later list and the confirmation
    return make_personas(), Selection.objects.get()


def _check(body: str, lang: str) -> None:
    for text in TEXT[lang]:
        assert text in body, (text, body[:1500])
    # 1.654 / 1.653 / 1.653 of 4.960; Rp333.446.400 of Rp999.936.000; 47,43% → 44,48%
    for n in ("1.654", "1.653", "4.960", "Rp333.446.400", "Rp999.936.000", "44,48"):
        assert n in body, (n, body[:1500])


@pytest.mark.parametrize("lang", ["id", "en"])
def test_confirmation_pages(browser_page, live_server, confirmed, lang):  # noqa: F811
    page, blocked = browser_page
    people, selection = confirmed
    base = live_server.url
    if lang == "en":
        page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    for role in ("kabkota", "province"):
        page.context.clear_cookies()
        if lang == "en":
            page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
        login(page, base, getattr(people, role))
        page.goto(f"{base}{reverse('selection:run', args=['15.03'])}")
        _check(page.locator("main").inner_text(), lang)
        page.locator("section.confirmation").first.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"selection_confirm_{role}_{lang}.png"), full_page=True)
        page.goto(f"{base}{reverse('planning:scenario', args=[selection.scenario_id])}")
        _check(page.locator("main").inner_text(), lang)
        page.screenshot(path=str(SHOTS / f"scenario_confirm_{role}_{lang}.png"), full_page=True)
    page.context.clear_cookies()
    login(page, base, people.outsider)  # Lampung Tengah's officer
    for url in (
        reverse("selection:run", args=["15.03"]),
        reverse("planning:scenario", args=[selection.scenario_id]),
    ):
        assert page.goto(f"{base}{url}").status == 404
    assert not blocked
