"""The drill-down (per kecamatan / desa) and contest pages: scope, suppression, both
languages; screenshots in test-output/screenshots/desa/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from ucj.accounts.testing import make_personas
from ucj.registry.tests.test_desa_rollup import load_reconciled

SHOTS = Path(__file__).resolve().parents[3] / "test-output" / "screenshots" / "desa"


def _client(user: object) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.mark.django_db
def test_drill_down_is_scoped_and_adds_up(tmp_path: Path, personas) -> None:
    load_reconciled(tmp_path)
    page = _client(personas.kabkota).get("/registri/wilayah/15.03/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'class="page-header"' in body and "Batang Asai" in body
    assert 'data-code="15.03.01"' in body and "50,00%" in body  # 2 of 4
    desa = _client(personas.kabkota).get("/registri/wilayah/15.03.01/").content.decode()
    assert "Kasiro Hilir" in desa and "33,33%" in desa  # Kasiro: 1 of 3
    # Another kab/kota's officer reads no reconciliation of Sarolangun: nothing to show.
    assert _client(personas.outsider).get("/registri/wilayah/15.03/").status_code == 404
    assert Client().get("/registri/wilayah/15.03/").status_code == 302  # log in first
    # The scorecard's group-coverage panel links down.
    card = _client(personas.kabkota).get("/wilayah/15.03/").content.decode()
    assert 'data-testid="drill-down"' in card and "/registri/kontes/15.03/" in card


@pytest.mark.django_db
def test_contest_page_public_suppressed_officer_full(tmp_path: Path, personas) -> None:
    load_reconciled(tmp_path)
    public = Client().get("/registri/kontes/15.03.01/").content.decode()
    assert 'data-testid="suppressed-note"' in public and "&lt;10" in public
    assert "33,33%" not in public
    own = _client(personas.kabkota).get("/registri/kontes/15.03.01/").content.decode()
    assert "33,33%" in own and "100,00%" in own and "suppressed-note" not in own
    assert Client().get("/registri/kontes/15/").status_code == 404  # a province
    assert Client().get("/registri/kontes/15.03.01.2019/").status_code == 404  # a desa


@pytest.mark.browser
def test_desa_pages_screenshots(master, live_server, monkeypatch, tmp_path: Path) -> None:
    from django.urls import reverse
    from playwright.sync_api import sync_playwright

    from ucj.accounts.testing import PASSWORD
    from ucj.web.tests.test_browser import ARGS

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    people = make_personas()
    load_reconciled(tmp_path)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        base = live_server.url
        page.goto(f"{base}/registri/kontes/15.03.01/")
        assert page.locator("[data-testid=suppressed-note]").count() == 1
        page.screenshot(path=str(SHOTS / "contest-public-id.png"), full_page=True)
        page.goto(f"{base}{reverse('accounts:login')}")
        page.fill("input[name=username]", people.kabkota.username)
        page.fill("input[name=password]", PASSWORD)
        page.click("main form button[type=submit]")
        page.wait_for_load_state()
        for lang in ("id", "en"):
            if lang == "en":
                page.locator('form.lang button[value="en"]').click()
                page.wait_for_load_state()
            page.goto(f"{base}/registri/kontes/15.03/")
            ranks = page.locator("[data-testid=rank]").all_inner_texts()
            assert ranks[:2] == ["1", "2"]
            page.screenshot(path=str(SHOTS / f"contest-kecamatan-{lang}.png"), full_page=True)
            page.goto(f"{base}/registri/wilayah/15.03.01/")
            share = page.locator("tr[data-code='15.03.01.2019'] [data-testid=share]")
            assert share.inner_text() == "33,33%"  # Indonesian number format in both
            page.screenshot(path=str(SHOTS / f"areas-desa-{lang}.png"), full_page=True)
        browser.close()
