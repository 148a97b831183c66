"""Issue 13 in a real browser: one kab/kota importing next month's file changes nothing
on the national page, another province's page or another kab/kota's scorecard; its own
scorecard shows its new month. Screenshots go to test-output/shots/h13a/."""

from __future__ import annotations

from pathlib import Path

import pytest

from ucj.intake.testing import run_import_cli, write_csv
from ucj.web.tests import data
from ucj.web.tests.test_browser import browser_page  # noqa: F401  (the fixture)

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[3] / "test-output" / "shots" / "h13a"

# The figures a reader sees, without the month picker (a new month may be picked).
FIGURES = """() => {
  const main = document.querySelector("main") || document.body;
  const copy = main.cloneNode(true);
  copy.querySelectorAll("form.filters, script").forEach(e => e.remove());
  return copy.innerText;
}"""


def _text(page, url: str) -> str:
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return str(page.evaluate(FIGURES))


def test_one_kabkota_next_month_changes_no_one_else(browser_page, master, live_server, tmp_path):  # noqa: F811
    page, blocked = browser_page
    data.load()  # every kab/kota of Jambi, Lampung and Bali, March to May 2025
    base = live_server.url
    others = {
        "national": f"{base}/",
        "province-18": f"{base}/provinsi/18/",
        "scorecard-15.04": f"{base}/wilayah/15.04/",
    }
    before = {name: _text(page, url) for name, url in others.items()}
    saro_before = _text(page, f"{base}/wilayah/15.03/")
    assert page.locator('[data-testid="period"]').inner_text() == "Mei 2025"

    # Sarolangun sends June: 53,343 participants (the figure of the issue).
    csv = write_csv(
        tmp_path / "sarolangun-2025-06.csv",
        [("wilayah", "periode", "segmen", "peserta_aktif"), ("15.03", "2025-06", "PU", "53343")],
        sep=";",
    )
    code, out = run_import_cli(str(csv), "--kind", "participants")
    assert code == 0, out

    for name, url in others.items():
        assert _text(page, url) == before[name], name
    # Jambi itself stays on May too: 1 of 11 kab/kota is not a complete month.
    page.goto(f"{base}/provinsi/15/")
    assert page.locator('[data-testid="period"]').inner_text() == "Mei 2025"
    assert (
        "11 dari 11 kab/kota melapor" in page.locator('[data-testid="completeness"]').inner_text()
    )

    # Sarolangun's own scorecard shows its new month.
    assert _text(page, f"{base}/wilayah/15.03/") != saro_before
    assert page.locator('[data-testid="period"]').inner_text() == "Juni 2025"
    assert page.locator('[data-testid="incomplete"]').count() == 0
    # Asked for explicitly, Jambi's June says it is incomplete.
    page.goto(f"{base}/provinsi/15/?period=2025-06")
    said = page.locator('[data-testid="completeness"]').inner_text()
    assert "1 dari 11 kab/kota melapor" in said
    assert page.locator('[data-testid="incomplete"]').inner_text() == "⚠ data belum lengkap"

    SHOTS.mkdir(parents=True, exist_ok=True)
    for lang in ("id", "en"):
        if lang == "en":
            page.goto(f"{base}/")
            page.locator('form.lang button[value="en"]').click()
            page.wait_for_load_state()
        for name, url in (
            ("national", f"{base}/"),
            ("province-15", f"{base}/provinsi/15/"),
            ("province-15-june", f"{base}/provinsi/15/?period=2025-06"),
            ("scorecard-sarolangun", f"{base}/wilayah/15.03/"),
        ):
            page.goto(url)
            page.wait_for_load_state("networkidle")
            page.screenshot(path=str(SHOTS / f"{name}-{lang}.png"), full_page=True)
    page.goto(f"{base}/provinsi/15/?period=2025-06")
    assert (
        "1 of 11 regencies/cities reporting"
        in page.locator('[data-testid="completeness"]').inner_text()
    )
    assert blocked == []
