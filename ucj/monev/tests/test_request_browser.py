"""A data request answered in a real browser (issue 19 item 5): the branch officer picks
the file, sees the import's dry run (counts, coverage before → after), saves it; a row
outside the request's regions is refused with its row and column named. Screenshots in
both languages (test-output/shots/s19c/)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ucj.accounts.models import Role
from ucj.accounts.scoping import cli_actor
from ucj.accounts.testing import PASSWORD, make_user, region
from ucj.monev import data_requests
from ucj.monev.branches import BranchOffice
from ucj.monev.cycle_models import DataRequest

SHOTS = Path(__file__).resolve().parents[3] / "test-output" / "shots" / "s19c"
GOOD = "wilayah,periode,segmen,peserta_aktif\n18.02,2025-09,PU,61.234\n18.02,2025-09,BPU,20.100\n"
WRONG = GOOD + "15.03,2025-09,PU,100\n"


@pytest.mark.browser
def test_request_upload_preview_and_refusal(master, live_server, monkeypatch, tmp_path):
    from playwright.sync_api import sync_playwright

    from ucj.web.tests.test_browser import ARGS

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    office = BranchOffice.objects.create(name="Kantor cabang uji")
    office.regions.add(region("18.02"))
    day = dt.date(2025, 9, 1)
    made = data_requests.create(cli_actor(), "participants", ["18.02"], day, office.name, day)
    admin = make_user("admin_uji", Role.ADMIN)  # writes every region: only the request limits
    officer = make_user("bpjs_lamteng", Role.BRANCH, "18.02")
    (tmp_path / "salah.csv").write_text(WRONG)
    (tmp_path / "peserta.csv").write_text(GOOD)
    SHOTS.mkdir(parents=True, exist_ok=True)
    url = f"{live_server.url}/monev/permintaan-data/{made.pk}/"
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)

        def page_as(user):
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            page.goto(f"{live_server.url}/accounts/login/")
            page.fill("input[name=username]", user.username)
            page.fill("input[name=password]", PASSWORD)
            page.click("main form button[type=submit]")
            return page

        page = page_as(admin)
        for lang, text in (("id", "di luar permintaan data"), ("en", "outside the data request")):
            if lang == "en":
                page.click("form.lang button[value=en]")
                page.wait_for_load_state()
            page.goto(url)
            page.set_input_files("input[name=file]", str(tmp_path / "salah.csv"))
            page.click("main form[enctype] button[type=submit]")
            page.wait_for_load_state()
            errors = page.locator("table.errors").inner_text()
            assert text in errors and "15.03" in errors and "wilayah" in errors
            assert page.locator("input[name=token]").count() == 0  # nothing to save
            page.screenshot(path=str(SHOTS / f"request-refused-{lang}.png"), full_page=True)

        page = page_as(officer)
        page.goto(url)
        page.set_input_files("input[name=file]", str(tmp_path / "peserta.csv"))
        page.click("main form[enctype] button[type=submit]")
        page.wait_for_load_state()
        assert page.locator("[data-testid=coverage-change]").count() == 1
        assert DataRequest.objects.get().state == "requested"  # a preview writes nothing
        page.screenshot(path=str(SHOTS / "request-preview-id.png"), full_page=True)
        page.click("form.lang button[value=en]")
        page.wait_for_load_state()
        page.goto(url)
        page.set_input_files("input[name=file]", str(tmp_path / "peserta.csv"))
        page.click("main form[enctype] button[type=submit]")
        page.wait_for_load_state()
        page.screenshot(path=str(SHOTS / "request-preview-en.png"), full_page=True)
        page.click("input[name=token] + button")
        page.wait_for_load_state()
        assert page.locator("[data-testid=request-state]").get_attribute("data-state") == "loaded"
        page.screenshot(path=str(SHOTS / "request-loaded-en.png"), full_page=True)
        page.goto(f"{live_server.url}/monev/permintaan-data/")
        page.screenshot(path=str(SHOTS / "requests-form-en.png"), full_page=True)
        page.click("form.lang button[value=id]")
        page.wait_for_load_state()
        page.screenshot(path=str(SHOTS / "requests-form-id.png"), full_page=True)
        browser.close()
