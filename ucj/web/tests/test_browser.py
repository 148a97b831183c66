"""The dashboard in a real browser (Debian's chromium through Playwright), with every
request that would leave the machine blocked and recorded."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from ucj.regions import geo
from ucj.web.tests import data

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[3] / "test-output" / "screenshots"
LOCAL = {"127.0.0.1", "localhost", "[::1]", "::1"}
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture
def browser_page(master, live_server, monkeypatch):
    from playwright.sync_api import sync_playwright

    # Sync Playwright runs an event loop in this thread; Django's ORM (fixtures) must be
    # allowed beside it. Set for these tests only, so no later subprocess inherits it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    blocked: list[str] = []
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="id-ID")

        def guard(route):
            host = urlparse(route.request.url).hostname or ""
            if host in LOCAL or route.request.url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                blocked.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.set_default_timeout(30_000)
        yield page, blocked
        context.close()
        browser.close()


@pytest.fixture
def dashboard_data(master):
    data.load()
    geo.load_shipped()  # the boundaries the package ships, as `ucj init` loads them


def click_shape(page, shapes) -> None:
    """Plotly reports a click on the shape it last hovered: hover the middle of a
    shape, let the hover settle, click. Concave shapes may not cover their middle,
    so try shapes until one answers."""
    shapes.first.scroll_into_view_if_needed()
    for i in range(shapes.count()):
        box = shapes.nth(i).bounding_box()
        if not box:
            continue
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x, y)
        page.wait_for_timeout(300)
        if page.locator(".hoverlayer .hovertext").count():
            page.mouse.click(x, y)
            return
    raise AssertionError("no choropleth shape answered a hover")


def test_drill_down_and_language(browser_page, dashboard_data, live_server):
    page, blocked = browser_page
    page.goto(live_server.url + "/")
    tiles = page.locator('[data-testid="tilemap"] a.tile')
    assert tiles.count() == 38
    assert page.locator('table[data-table="provinces"] tbody tr').count() == 38
    page.wait_for_selector('[data-testid="choropleth"][data-ready="1"]')
    assert page.locator("#map-provinces path.choroplethlocation").count() == 38
    # Drill-down on the same map: a province's kab/kota (by click, or the select for
    # keyboards), all 514 (none unmatched: shipped boundaries), and back.
    click_shape(page, page.locator("#map-provinces path.choroplethlocation"))
    page.wait_for_selector('#map-provinces[data-ready="1"]:not([data-layer=""])')
    drilled = page.locator("#map-provinces").get_attribute("data-layer")
    assert page.locator("#map-open").is_visible() and drilled
    page.select_option("#map-layer", "15")
    page.wait_for_selector('#map-provinces[data-ready="1"][data-layer="15"]')
    assert page.locator("#map-provinces path.choroplethlocation").count() == 11
    assert page.locator("#map-open").get_attribute("href") == "/provinsi/15/"
    page.select_option("#map-layer", "kabkota")
    page.wait_for_selector('#map-provinces[data-ready="1"][data-layer="kabkota"]')
    assert page.locator("#map-provinces path.choroplethlocation").count() == 514
    page.locator("#map-back").click()
    page.wait_for_selector('#map-provinces[data-ready="1"][data-layer=""]')
    assert page.locator("#map-provinces path.choroplethlocation").count() == 38
    # The national trend chart, and the kab/kota league: 50 rows a page, filterable.
    page.wait_for_selector("#trend .main-svg")
    assert page.locator('table[data-table="kabkota-league"] tbody tr').count() == 50
    page.select_option('select[name="kk_prov"]', "15")
    page.locator('[data-testid="league-filters"] button[type="submit"]').click()
    page.wait_for_url("**kk_prov=15**")
    assert page.locator('table[data-table="kabkota-league"] tbody tr').count() == 11
    page.goto(live_server.url + "/")
    page.screenshot(path=str(SHOTS / "national.png"), full_page=True)

    # Click 1: a province tile opens the province page.
    page.locator('a.tile[data-code="15"]').click()
    page.wait_for_url("**/provinsi/15/")
    assert page.locator("h1").inner_text() == "Jambi"
    page.wait_for_selector('[data-testid="choropleth"][data-ready="1"]')
    page.wait_for_selector("#trend .main-svg")
    page.screenshot(path=str(SHOTS / "province.png"), full_page=True)

    # Click 2: a kab/kota on the choropleth opens its scorecard.
    shapes = page.locator("#map-kabkota path.choroplethlocation")
    assert shapes.count() == 11
    click_shape(page, shapes)
    page.wait_for_url("**/wilayah/15.*/")
    assert "Rapor" in page.locator("h1").inner_text()
    page.wait_for_selector("#trend .main-svg")
    page.screenshot(path=str(SHOTS / "scorecard.png"), full_page=True)

    # The language switch works and is remembered on the next page.
    page.locator('form.lang button[value="en"]').click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert "Scorecard" in page.locator("h1").inner_text()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert "National" in page.locator("h1").inner_text()
    page.screenshot(path=str(SHOTS / "national-en.png"), full_page=True)

    assert blocked == [], f"requests tried to leave the machine: {blocked}"


def test_province_without_boundaries_shows_bars(browser_page, master, live_server):
    page, blocked = browser_page
    data.load(provinces=("18",))
    page.goto(live_server.url + "/provinsi/18/")
    assert page.locator('[data-testid="bars"] .bar').count() == 15
    page.screenshot(path=str(SHOTS / "province-bars.png"), full_page=True)
    widths = page.locator('[data-testid="bars"] .fill').evaluate_all(
        "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert widths[0] > widths[-1] > 0  # ranked: the longest bar first
    page.locator('[data-testid="bars"] a', has_text="Kota Metro").click()
    page.wait_for_url("**/wilayah/18.72/")
    page.screenshot(path=str(SHOTS / "scorecard-metro.png"), full_page=True)
    assert blocked == []


def test_demo_two_clicks_to_a_scorecard(browser_page, master, live_server):
    """What a new user of `ucj demo` does: national page → province → kab/kota."""
    import io

    from ucj.indicators import demo

    demo.load(io.StringIO())
    page, blocked = browser_page
    page.goto(live_server.url + "/")
    assert page.locator('[data-testid="tilemap"] a.tile').count() == 38
    assert page.locator(".sample").first.is_visible()  # data contoh is labelled
    page.locator('a.tile[data-code="18"]').click()
    page.locator('[data-testid="bars"] a', has_text="Lampung Tengah").click()
    page.wait_for_url("**/wilayah/18.02/")
    assert page.locator('[data-testid="coverage"]').inner_text().endswith("%")
    page.wait_for_selector("#trend .main-svg")
    page.screenshot(path=str(SHOTS / "demo-scorecard.png"), full_page=True)
    assert blocked == []


def test_region_switcher_by_keyboard(browser_page, master, live_server):
    """Type in the header's search box: the suggestions come from /wilayah.json; picking
    one opens the region's page; Enter on free text goes through the server."""
    page, blocked = browser_page
    page.goto(live_server.url + "/wilayah/18.02/")
    page.keyboard.press("Tab")  # the box is reachable by keyboard
    box = page.locator("#region-q")
    box.focus()
    # A locator, not wait_for_function: the page's CSP forbids evaluating strings.
    expect(page.locator("#region-options option")).to_have_count(552)
    labels = page.locator('#region-options option[value="Kota Pangkal Pinang (19.71)"]')
    assert "Kota Pangkalpinang" in labels.get_attribute("label")  # an alias is searchable
    box.press_sequentially("Kabupaten Sarolangun (15.03)")
    page.wait_for_url("**/wilayah/15.03/")
    page.locator("#region-q").fill("Pangkalpinang")
    page.locator("#region-q").press("Enter")
    page.wait_for_url("**/wilayah/19.71/")
    assert blocked == []
