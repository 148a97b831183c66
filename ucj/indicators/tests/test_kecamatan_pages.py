"""Kecamatan participation on the kab/kota scorecard and in the API (issue 20 item 1):
shown where a source gave kecamatan figures, else said there are none; small counts
blanked outside the viewer's scope. Screenshots in test-output/screenshots/kecamatan/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from ucj.accounts.testing import make_personas
from ucj.indicators.tests.helpers import pot
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor, write_csv

SHOTS = Path(__file__).resolve().parents[3] / "test-output" / "screenshots" / "kecamatan"


def load(tmp_path: Path) -> None:
    """Sarolangun (15.03) by kecamatan only; Batanghari (15.04) as a kab/kota row."""
    pot("15.03", 2025, 10_000)
    pot("15.04", 2025, 20_000)
    rows = [
        ["wilayah", "kecamatan", "periode", "segmen", "peserta_aktif", "sumber", "data_per"],
        ["15.04", "", "2025-05", "PU", "1000", "BPJS TK", "31/05/2025"],
        ["15.03", "Batang Asai", "2025-05", "PU", "120", "BPJS TK", "31/05/2025"],
        ["15.03", "Batang Asai", "2025-05", "BPU", "4", "BPJS TK", "31/05/2025"],
        ["15.03", "Limun", "2025-05", "PU", "200", "BPJS TK", "31/05/2025"],
        ["15.03", "Limun", "2025-05", "BPU", "35", "BPJS TK", "31/05/2025"],
    ]
    outcome = run_import(write_csv(tmp_path / "peserta.csv", rows), "participants",
                         user=system_actor())  # fmt: skip
    assert outcome.ok, outcome.as_json()["errors"]
    potential = [["wilayah", "tahun", "potensi"], ["15.03.02", "2025", "940"]]
    assert run_import(write_csv(tmp_path / "potensi.csv", potential), "potential",
                      user=system_actor()).ok  # fmt: skip


def _client(user: object | None = None) -> Client:
    c = Client()
    if user is not None:
        c.force_login(user)
    return c


@pytest.mark.django_db
def test_scorecard_shows_kecamatan_participation_or_says_there_is_none(tmp_path, personas):
    load(tmp_path)
    own = _client(personas.kabkota).get("/wilayah/15.03/?period=2025-05").content.decode()
    assert 'data-testid="kecamatan-participation"' in own
    assert 'data-code="15.03.01"' in own and 'data-code="15.03.02"' in own
    assert "Angka kab/kota bulan ini dijumlahkan dari 2 dari 11 kecamatan" in own
    assert 'data-testid="kecamatan-incomplete"' in own
    assert "2 dari 11 kecamatan melapor" in own  # the KPI's completeness line
    assert "25,00%" in own  # Limun: 235 / 940; Batang Asai has no potential: no %
    assert ">4<" in own  # the officer sees Batang Asai's 4 BPU
    # The segment × program matrix of the kab/kota is its kecamatan's sum: PU 320, BPU 39.
    assert 'data-testid="matrix"' in own and ">320<" in own and ">39<" in own
    public = _client().get("/wilayah/15.03/?period=2025-05").content.decode()
    assert 'data-code="15.03.02"' in public and ">4<" not in public  # small cell blanked
    english = _client(personas.kabkota)
    english.cookies["django_language"] = "en"
    body = english.get("/wilayah/15.03/?period=2025-05").content.decode()
    assert "This month&#x27;s kab/kota figure is the sum of 2 of 11 kecamatan" in body or (
        "This month's kab/kota figure is the sum of 2 of 11 kecamatan" in body
    )
    none = _client(personas.kabkota).get("/wilayah/15.04/?period=2025-05").content.decode()
    assert 'data-testid="kecamatan-none"' in none
    assert 'data-testid="kecamatan-participation"' not in none


@pytest.mark.django_db
def test_api_coverage_of_the_kabkota_says_it_was_summed_from_kecamatan(tmp_path, personas):
    load(tmp_path)
    body = _client(personas.kabkota).get("/api/v1/coverage/15.03?period=2025-05").json()
    assert body["active_participants"] == 120 + 4 + 200 + 35 == 359
    assert body["rollup_check"]["basis"] == "sum_of_kecamatan"
    assert body["rollup_check"]["kecamatan_with_data"] == 2
    assert body["completeness"]["basis"] == "kecamatan"
    kec = _client().get("/api/v1/coverage/15.03.02?period=2025-05").json()
    assert kec["level"] == "district" and kec["coverage_pct"] == 25.0
    schema = _client().get("/api/v1/openapi.json").json()
    assert "RollupKabkota" in schema["components"]["schemas"]


@pytest.mark.browser
def test_kecamatan_panel_screenshots(master, live_server, monkeypatch, tmp_path: Path) -> None:
    from django.urls import reverse
    from playwright.sync_api import sync_playwright

    from ucj.accounts.testing import PASSWORD
    from ucj.web.tests.test_browser import ARGS

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    people = make_personas()
    load(tmp_path)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        base = live_server.url
        for who in ("public", "kabkota", "province", "national"):
            page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
            if who != "public":
                page.goto(f"{base}{reverse('accounts:login')}")
                page.fill("input[name=username]", getattr(people, who).username)
                page.fill("input[name=password]", PASSWORD)
                page.click("main form button[type=submit]")
                page.wait_for_load_state()
            for lang in ("id", "en"):
                if lang == "en":
                    page.locator('form.lang button[value="en"]').first.click()
                    page.wait_for_load_state()
                page.goto(f"{base}/wilayah/15.03/?period=2025-05")
                panel = page.locator("[data-panel='indicators.kecamatan']")
                assert panel.locator("[data-testid=kecamatan-participation]").count() == 1
                panel.scroll_into_view_if_needed()
                page.screenshot(path=str(SHOTS / f"scorecard-15.03-{who}-{lang}.png"),
                                full_page=True)  # fmt: skip
                panel.screenshot(path=str(SHOTS / f"panel-15.03-{who}-{lang}.png"))
                page.goto(f"{base}/wilayah/15.04/?period=2025-05")
                none = page.locator("[data-panel='indicators.kecamatan']")
                assert none.locator("[data-testid=kecamatan-none]").count() == 1
                none.screenshot(path=str(SHOTS / f"panel-15.04-{who}-{lang}.png"))
        browser.close()
