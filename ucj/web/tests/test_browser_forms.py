"""Forms people can fill, in a real browser (Debian's chromium): the rupiah input, the
region picker, the import dry run's before → after, the approvals page per persona, and
a phone-width layout without sideways scrolling."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ucj.accounts import approval
from ucj.accounts.models import MonthApproval, MonthStatus
from ucj.accounts.testing import PASSWORD, make_personas, month, region
from ucj.intake.testing import write_csv
from ucj.monev.models import MonevSession
from ucj.planning import defaults as planning_defaults
from ucj.planning.models import Scenario
from ucj.web.tests import data
from ucj.web.tests.test_browser import SHOTS, browser_page  # noqa: F401  (fixture)

pytestmark = pytest.mark.browser
MAY = month("2025-05")


@pytest.fixture
def people(master):
    data.load(provinces=("15",))
    planning_defaults.ensure_defaults()  # contribution rates, as `ucj init` loads them
    return make_personas()


def login(page, base: str, user) -> None:
    page.goto(f"{base}{reverse('accounts:login')}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


def test_money_input_accepts_dots_and_rupiah(browser_page, live_server, people):  # noqa: F811
    page, blocked = browser_page
    login(page, live_server.url, people.kabkota)
    page.goto(f"{live_server.url}{reverse('planning:workspace', args=['15.03'])}")
    page.fill("input[name=name]", "Anggaran 2026")
    page.select_option("select[name=kind]", "budget")
    amount = page.locator("input[name=amount]")
    amount.fill("Rp1.000.000.000")
    preview = page.locator('output[for="id_amount"]')
    assert preview.inner_text() == "Rp1.000.000.000 (Rp1,00 miliar)"
    amount.blur()
    assert amount.input_value() == "1.000.000.000"
    page.screenshot(path=str(SHOTS / "forms_money_id.png"), full_page=True)
    page.click("form:has(input[name=amount]) button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".error-summary").count() == 0, page.locator(".error-summary").inner_text()
    saved = Scenario.objects.get(name="Anggaran 2026")
    assert saved.params["amount"] == 1_000_000_000
    # Shown formatted when the scenario is opened again
    assert page.locator("input[name=amount]").input_value() == "1.000.000.000"
    assert not blocked


def test_money_input_error_is_inline(browser_page, live_server, people):  # noqa: F811
    page, _blocked = browser_page
    login(page, live_server.url, people.kabkota)
    page.goto(f"{live_server.url}{reverse('planning:workspace', args=['15.03'])}")
    page.fill("input[name=name]", "Salah ketik")
    page.select_option("select[name=kind]", "budget")
    page.fill("input[name=amount]", "1.5")
    page.click("form:has(input[name=amount]) button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".error-summary a[href='#id_amount']").count() >= 1
    field = page.locator(".field.has-error:has(#id_amount) .error-message")
    assert field.count() == 1 and "1.000.000" in field.inner_text()
    assert not Scenario.objects.filter(name="Salah ketik").exists()


def test_region_picker_type_ahead_and_typed_codes(browser_page, live_server, people):  # noqa: F811
    page, blocked = browser_page
    login(page, live_server.url, people.admin)
    page.goto(f"{live_server.url}{reverse('monev:session_create')}")
    picker = page.locator("#id_regions")
    picker.focus()
    options = page.locator("#id_regions-options option")
    options.nth(500).wait_for(state="attached")
    picked = page.locator("#id_regions-options option[value$='(15.03)']").get_attribute("value")
    assert picked and "Sarolangun" in picked
    picker.fill(picked)  # what choosing a suggestion does: the input gets its value
    chip = page.locator(".chips .chip")
    chip.first.wait_for()
    assert "15.03" in chip.first.inner_text() and picker.input_value() == ""
    picker.fill("15.04")  # typed, not picked: the server resolves it
    page.fill("#id_date", "2025-06-02")
    page.fill("#id_title", "Monev Jambi")
    page.uncheck("#id_held")
    page.screenshot(path=str(SHOTS / "forms_region_picker_id.png"), full_page=True)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    session = MonevSession.objects.get(title="Monev Jambi")
    assert sorted(session.regions.values_list("code", flat=True)) == ["15.03", "15.04"]
    assert not blocked


def test_dry_run_shows_before_and_after(browser_page, live_server, people, tmp_path):  # noqa: F811
    page, _blocked = browser_page
    path = write_csv(
        tmp_path / "peserta.csv",
        [
            ["wilayah", "periode", "segmen", "peserta_aktif", "data_per"],
            ["15.03", "2025-05", "BPU", "60.000", "2025-05-31"],
        ],
    )
    login(page, live_server.url, people.kabkota)
    page.goto(f"{live_server.url}{reverse('intake:upload', args=['participants'])}")
    page.set_input_files("input[name=file]", str(path))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    table = page.locator("[data-testid=coverage-change]")
    row = table.locator("tr[data-code='15.03'][data-period='2025-05']")
    assert row.count() == 1
    text = row.inner_text()
    assert "→" in text and "60" in text and "Mei 2025" in text
    assert table.locator("tr[data-code='15']").count() == 1  # the province moves too
    page.screenshot(path=str(SHOTS / "forms_dry_run_id.png"), full_page=True)


def _steps(page, base: str, people) -> None:
    approvals = f"{base}{reverse('accounts:approvals')}"
    # Kab/kota officer: its own region only, a submit button, never an approve button.
    login(page, base, people.kabkota)
    page.goto(approvals)
    assert "Mei 2025" in page.locator("header.page-header h1").inner_text()  # data end
    rows = page.locator("table[data-testid=approvals] tbody tr")
    assert rows.count() == 1
    assert page.locator("form[data-action=approve]").count() == 0
    page.click("tr[data-code='15.03'] form[data-action=submit] button")
    page.wait_for_load_state()
    assert page.locator("tr[data-code='15.03'] [data-status]").inner_text() == "diajukan"
    assert page.locator("form[data-action]").count() == 0  # nothing more it may do
    page.screenshot(path=str(SHOTS / "approvals_kabkota_id.png"), full_page=True)
    page.click("form.logout button")


def test_approvals_default_filters_and_actions_per_persona(browser_page, live_server, people):  # noqa: F811
    page, blocked = browser_page
    base = live_server.url
    _steps(page, base, people)
    # Province officer: Jambi's kab/kota; approves the submitted one.
    login(page, base, people.province)
    page.goto(f"{base}{reverse('accounts:approvals')}?status=submitted")
    assert page.locator("table[data-testid=approvals] tbody tr").count() == 1
    assert page.locator("form[data-action=accept]").count() == 0
    page.click("tr[data-code='15.03'] form[data-action=approve] button")
    page.wait_for_load_state()
    assert MonthApproval.objects.get(region__code="15.03", period=MAY).status == "approved"
    assert "status=submitted" in page.url  # the filter survives the action
    page.click("form.logout button")
    # National analyst, English: filters by province and status, accepts.
    login(page, base, people.national)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": base}])
    page.goto(f"{base}{reverse('accounts:approvals')}")
    assert "May 2025" in page.locator("header.page-header h1").inner_text()
    assert page.locator("nav.pager a").count() >= 10  # 514 kab/kota, 50 a page
    assert page.locator("form[data-action=submit], form[data-action=approve]").count() == 0
    page.select_option("#f-province", "15")
    page.select_option("#f-status", "approved")
    page.click("form[data-testid=approval-filters] button")
    page.wait_for_load_state()
    row = page.locator("table[data-testid=approvals] tbody tr")
    assert row.count() == 1
    assert row.locator("[data-status]").inner_text() == "approved by province"
    assert "WIB" in row.inner_text()
    page.screenshot(path=str(SHOTS / "approvals_national_en.png"), full_page=True)
    page.click("tr[data-code='15.03'] form[data-action=accept] button")
    page.wait_for_load_state()
    assert MonthApproval.objects.get(region__code="15.03", period=MAY).status == (
        MonthStatus.ACCEPTED
    )
    assert not blocked


# The outermost elements that stick out on the right (the message of a failure).
WIDE = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
               && e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1)
  .map(e => e.tagName + '.' + e.className).slice(0, 8)"""

PHONE_PAGES = [
    ("web:home", []),
    ("web:scorecard", ["15.03"]),
    ("accounts:approvals", []),
    ("intake:history", []),
    ("intake:upload", ["participants"]),
    ("planning:workspace", ["15.03"]),
    ("monev:home", []),
    ("audit:audit", []),
]


def test_phone_width_has_no_sideways_scroll(browser_page, live_server, people):  # noqa: F811
    page, _blocked = browser_page
    approval.submit(people.kabkota, region("15.03"), MAY)
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, live_server.url, people.province)
    for name, args in PHONE_PAGES:
        page.goto(f"{live_server.url}{reverse(name, args=args)}")
        page.wait_for_load_state("networkidle")
        assert page.locator("header.page-header h1").count() == 1, name
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name}: {overflow}px sideways: {page.evaluate(WIDE)}"
        menu = page.locator("#site-menu")
        assert not menu.is_visible(), name  # collapsed behind the menu button
    page.click(".menu-toggle")
    assert page.locator("#site-menu").is_visible()
    assert page.locator(".menu-toggle").get_attribute("aria-expanded") == "true"
    page.screenshot(path=str(SHOTS / "phone_menu_open_id.png"), full_page=True)
