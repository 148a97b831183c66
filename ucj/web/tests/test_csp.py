"""The Content-Security-Policy header, and the pages working under it in a real browser
(chromium reports every blocked script, style or request on the console)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ucj.accounts.testing import PASSWORD
from ucj.web.middleware import CONTENT_SECURITY_POLICY
from ucj.web.tests import data
from ucj.web.tests.test_browser import SHOTS, browser_page  # noqa: F401


@pytest.mark.django_db
def test_every_response_carries_the_policy(client, personas):
    for url in ("/", reverse("accounts:login"), "/api/v1/regions/", "/api/v1/docs"):
        policy = client.get(url)["Content-Security-Policy"]
        assert policy == CONTENT_SECURITY_POLICY
        assert (
            "script-src 'self'" in policy
            and "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
        )
        assert "frame-ancestors 'none'" in policy


@pytest.mark.browser
def test_pages_work_under_the_policy(browser_page, live_server, personas):  # noqa: F811
    data.load()
    page, blocked = browser_page
    violations: list[str] = []
    page.on(
        "console",
        lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None,
    )
    page.on("pageerror", lambda e: violations.append(f"error: {e}"))

    page.goto(live_server.url + "/")
    page.wait_for_selector('[data-testid="tilemap"]')
    page.goto(live_server.url + "/provinsi/15/")
    page.wait_for_selector("#trend .main-svg")
    page.goto(live_server.url + "/wilayah/15.03/")
    page.wait_for_selector("#trend .main-svg")
    page.screenshot(path=str(SHOTS / "csp-scorecard.png"), full_page=True)

    page.goto(live_server.url + reverse("accounts:login"))
    page.fill("#id_username", "analis")
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.goto(live_server.url + reverse("accounts:mfa-setup"))
    assert page.locator('[data-testid="mfa-qr"] svg').count() == 1
    page.screenshot(path=str(SHOTS / "csp-mfa-setup.png"), full_page=True)
    page.goto(live_server.url + reverse("audit:audit"))
    page.goto(live_server.url + "/api/v1/docs")
    page.wait_for_selector(".swagger-ui .opblock")  # the document parses and renders
    page.screenshot(path=str(SHOTS / "csp-api-docs.png"))

    assert violations == [], "\n".join(violations)
    assert blocked == []
