"""The selection page in a real browser, both languages: run the Sarolangun demo
selection, see the counts, download the list; screenshots for review."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ucj.accounts.testing import make_personas
from ucj.planning import defaults as planning_defaults
from ucj.planning.tests.factories import jambi_figures
from ucj.selection import defaults as selection_defaults
from ucj.selection import demo
from ucj.web.tests.test_browser import SHOTS, browser_page  # noqa: F401  (fixture)
from ucj.web.tests.test_browser_forms import login

pytestmark = pytest.mark.browser
QUERY = urlencode(
    {"scheme": "desil-1-4", "budget": "Rp1.000.000.000", "programs": ["JKK", "JKM"],
     "months": "12"}, doseq=True,
)  # fmt: skip


@pytest.fixture
def people(master):
    planning_defaults.ensure_defaults()
    # The default scheme comes with a migration, which a live-server test's flush
    # removes: loaded again as `ucj init` does.
    selection_defaults.ensure_defaults()
    jambi_figures()
    demo.load(io.StringIO(), confirmation=False)
    return make_personas()


@pytest.mark.parametrize("lang", ["id", "en"])
def test_selection_page(browser_page, live_server, people, lang):  # noqa: F811
    page, blocked = browser_page
    base = live_server.url
    if lang == "en":
        page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    login(page, base, people.kabkota)
    page.goto(f"{base}{reverse('selection:run', args=['15.03'])}?{QUERY}")
    body = page.locator("main").inner_text()
    assert "4.960" in body and "Rp999.936.000" in body, body[:800]
    assert "1.040" in body and "14.400" in body
    assert ("data contoh" if lang == "id" else "sample data") in body
    assert ("Seleksi peserta" if lang == "id" else "Selection of funded") in page.locator(
        "header.page-header h1"
    ).inner_text()
    page.screenshot(path=str(SHOTS / f"selection_{lang}.png"), full_page=False)
    with page.expect_download() as info:
        page.click("a[href*='daftar.xlsx']")
    data = io.BytesIO(Path(info.value.path()).read_bytes())
    rows = list(load_workbook(data, read_only=True)["daftar"].iter_rows(values_only=True))
    assert len(rows) == 1 + 4_960
    assert not blocked
