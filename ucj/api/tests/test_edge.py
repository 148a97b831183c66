"""Input at the edge: what once gave a 500 (issue 14, list item 6) is now a clear 4xx or
503, and every error under /api/ is JSON, on SQLite and PostgreSQL, DEBUG off."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection

from ucj.accounts.testing import PASSWORD
from ucj.accounts.tokens import create_token

HUGE = "9223372036854775808"  # 2**63: one past the largest 64-bit integer


def _bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {create_token(user, 'uji')[1]}"}


@pytest.mark.django_db
@pytest.mark.parametrize("value", [HUGE, "1e23", "-1", "abc"])
@pytest.mark.parametrize(
    "url",
    ["/api/v1/coverage/league?level=province&offset={}", "/api/v1/targets/?offset={}",
     "/api/v1/monev/sessions?offset={}", "/api/v1/targets/?limit={}"],
)  # fmt: skip
def test_pagination_out_of_range_is_422_json(client, personas, url, value):
    response = client.get(url.format(value), **_bearer(personas.national))
    assert response.status_code == 422, response.content[:300]
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.django_db
def test_pagination_in_range_still_works(client, personas):
    url = "/api/v1/targets/?offset=1000000000&limit=5"
    response = client.get(url, **_bearer(personas.national))
    assert response.status_code == 200 and response.json()["items"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["months=120000", "months=0", f"months={HUGE}", "start=99999-01", "start=2026-13",
     f"workers={HUGE}", "income=1e30"],
)  # fmt: skip
def test_planning_cost_bounds_are_422(client, personas, query):
    response = client.get(f"/api/v1/planning/cost?{query}", **_bearer(personas.national))
    assert response.status_code == 422, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    assert response.json().get("message_en")


@pytest.mark.django_db
def test_planning_cost_longest_plan_still_answers(client, personas):
    from ucj.planning.defaults import ensure_defaults

    ensure_defaults()  # the rate tables `ucj init` loads
    response = client.get("/api/v1/planning/cost?months=600", **_bearer(personas.national))
    assert response.status_code == 200 and len(response.json()["monthly"]) == 600


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/regions/?q=a%00b", "/?period=2025-01%00", "/a%01b/"])
def test_control_characters_in_the_address_are_400(client, url):
    response = client.get(url)
    assert response.status_code == 400
    if url.startswith("/api/"):
        assert response.json()["message_en"].startswith("The request contains control")
    else:
        assert "karakter kendali" in response.content.decode()


@pytest.mark.django_db
def test_nul_in_a_form_field_is_400_not_500(client, personas):
    client.force_login(personas.kabkota)
    response = client.post("/accounts/login/", {"username": "x\x00y", "password": "p"})
    assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("body", ['{"issuer": "a\\u0000b"}', '{"issuer": "a\\u001Bb"}'])
def test_control_characters_in_a_json_body_are_400(client, personas, body):
    """PostgreSQL refuses NUL in text: refused before the route parses the body."""
    response = client.put(
        "/api/v1/targets/", body, content_type="application/json", **_bearer(personas.national)
    )
    assert response.status_code == 400 and response.json()["message_en"].startswith("The request")
    fine = client.put(
        "/api/v1/targets/", '{"note": "a\\nb"}', content_type="application/json",
        **_bearer(personas.national),
    )  # fmt: skip
    assert fine.status_code == 422  # an escaped newline is text; the body is just incomplete


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/api/v1/nothing-here", "/api/nothing", "/api/v1/monev/x/y/z"])
def test_api_404_is_json_with_debug_off(client, settings, url):
    settings.DEBUG = False
    response = client.get(url)
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["message_en"] in ("Not found.", "Not Found", "Page not found.")


@pytest.mark.django_db
def test_django_permission_denied_in_a_route_stays_403_json(client, settings, monkeypatch):
    from django.core.exceptions import PermissionDenied

    from ucj.indicators import services

    def refuse(*args, **kwargs):
        raise PermissionDenied

    settings.DEBUG = False
    monkeypatch.setattr(services, "national", refuse)
    response = client.get("/api/v1/coverage/national")
    assert response.status_code == 403 and response.json()["message_en"] == "Forbidden."


@pytest.mark.django_db
def test_api_bug_is_json_500_with_debug_off(client, settings, monkeypatch):
    """A real bug inside a route (simulated: the service raises) answers JSON, no trace."""
    from ucj.indicators import services

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug with a secret path /etc/x")

    settings.DEBUG = False
    monkeypatch.setattr(services, "national", broken)
    client.raise_request_exception = False
    response = client.get("/api/v1/coverage/national")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert body["message_en"].startswith("A server error occurred") and "/etc/x" not in str(body)


@pytest.mark.django_db
def test_html_404_stays_html(client):
    response = client.get("/tidak-ada-halaman/")
    assert response.status_code == 404
    assert not response["Content-Type"].startswith("application/json")


@pytest.mark.sqlite  # SQLite's write lock and busy timeout
@pytest.mark.django_db(transaction=True)
def test_sqlite_write_lock_turns_login_into_503_not_500(master, client, personas):
    """Another process holds the write lock past the busy timeout: the log-in (which
    writes last_login and the session) answers 503 with Retry-After, web and API."""
    name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()  # in-memory shared cache in tests
    holder = sqlite3.connect(
        test_name if test_name.startswith("file:") else name, uri=True, timeout=0
    )
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE auth_user SET first_name = 'x'")
    connection.close()
    connection.settings_dict["OPTIONS"]["timeout"] = 0.2
    try:
        client.raise_request_exception = False
        response = client.post(
            "/accounts/login/", {"username": personas.kabkota.username, "password": PASSWORD}
        )
        assert response.status_code == 503, response.content[:300]
        assert response["Retry-After"] == "30"
        assert "sibuk" in response.content.decode()
        api = client.get("/api/v1/accounts/me", **_bearer_raw())
        assert api.status_code in (401, 503)
        assert api["Content-Type"].startswith("application/json")
    finally:
        holder.rollback()
        holder.close()
        connection.close()
        connection.settings_dict["OPTIONS"]["timeout"] = 30


def _bearer_raw() -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": "Bearer ucj_not_a_real_token"}
