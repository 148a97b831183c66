"""The log-in lock-out under concurrency and per client address; token lifetimes."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.contrib.auth import authenticate
from django.db import connection
from django.test import RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone

from ucj.accounts.models import ApiToken
from ucj.accounts.testing import PASSWORD, make_user
from ucj.accounts.tokens import create_token, revoke, user_for_token


def _login(username: str, password: str, address: str = "10.0.0.1") -> bool:
    request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=address)
    return authenticate(request, username=username, password=password) is not None


# PostgreSQL suite only: pytest's SQLite test database is in memory (shared cache), where
# parallel writers fail with 'table is locked' instead of waiting; the next test runs
# the same burst on a SQLite file.
@pytest.mark.postgresql
@pytest.mark.django_db(transaction=True)
@override_settings(UCJ_LOGIN_MAX_FAILURES=5, UCJ_LOGIN_MAX_FAILURES_PER_ADDRESS=1000)
def test_concurrent_wrong_passwords_lock_the_name(master):
    make_user("sasaran")
    start = threading.Barrier(8)

    def attempt(i: int) -> bool:
        if i < 8:
            start.wait()  # the first eight start together
        try:
            return _login("sasaran", f"salah-{i}", address=f"10.0.1.{i}")
        finally:
            connection.close()  # each worker thread has its own connection

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, range(40)))
    assert not any(results)
    # The right password after the burst is refused: the name is locked.
    assert not _login("sasaran", PASSWORD, address="10.0.2.1")
    from ucj.accounts.models import LoginLock

    row = LoginLock.objects.get(username="u:sasaran")
    assert row.failures == 5 and row.locked_until is not None  # exactly 5 were checked


def test_concurrent_wrong_passwords_lock_the_name_on_a_sqlite_file(tmp_path):
    env = {
        **os.environ,
        "UCJ_DATA_DIR": str(tmp_path),
        "UCJ_LOGIN_MAX_FAILURES": "5",
        "UCJ_LOGIN_MAX_FAILURES_PER_ADDRESS": "1000",
    }
    env.pop("UCJ_DATABASE_URL", None)
    run = subprocess.run(
        [sys.executable, "-m", "ucj.accounts.tests.lockout_burst"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result == {
        "accepted": 0,
        "right_password_accepted": False,
        "passwords_checked": 5,  # exactly five of the 40 passwords were tried
        "count": 5,
        "locked": True,
    }


@pytest.mark.django_db
@override_settings(UCJ_LOGIN_MAX_FAILURES=100, UCJ_LOGIN_MAX_FAILURES_PER_ADDRESS=10)
def test_spraying_names_from_one_address_locks_the_address(client, personas):
    url = reverse("accounts:login")
    for i in range(10):
        client.post(url, {"username": f"nama{i}", "password": "salah-salah"})
    # A real name with its right password, from the same address: refused, and said so.
    response = client.post(url, {"username": "prov_jambi", "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "alamat" in response.content.decode() and "address" in response.content.decode()
    # From another address the same name logs in.
    response = client.post(
        url, {"username": "prov_jambi", "password": PASSWORD}, REMOTE_ADDR="10.9.9.9"
    )
    assert response.status_code == 302


@pytest.mark.django_db
@override_settings(UCJ_LOGIN_MAX_FAILURES=3, UCJ_LOGIN_LOCK_MINUTES=15)
def test_lock_ends_after_its_time(personas):
    for _ in range(3):
        assert not _login("kab_sarolangun", "salah-salah")
    assert not _login("kab_sarolangun", PASSWORD)
    from ucj.accounts.models import LoginLock

    past = timezone.now() - dt.timedelta(minutes=1)
    LoginLock.objects.filter(username="u:kab_sarolangun").update(locked_until=past)
    assert _login("kab_sarolangun", PASSWORD)


@pytest.mark.django_db
@override_settings(UCJ_TRUSTED_PROXIES=1)
def test_address_behind_a_proxy_is_the_one_the_proxy_saw():
    from ucj.accounts.lockout import client_address

    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7"
    )
    assert client_address(request) == "203.0.113.7"  # "1.2.3.4" is the client's own word


def _bearer(raw: str) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.mark.django_db
def test_a_token_cannot_mint_a_longer_token(client, personas):
    parent, raw = create_token(personas.kabkota, "sehari", days=1)
    response = client.post(
        "/api/v1/accounts/tokens",
        {"name": "setahun", "days": 366},
        content_type="application/json",
        **_bearer(raw),
    )
    assert response.status_code == 200
    child = ApiToken.objects.get(pk=response.json()["id"])
    assert child.expires <= parent.expires and child.parent_id == parent.pk
    # Revoking the parent revokes what it minted.
    assert revoke(personas.kabkota, parent.pk)
    assert user_for_token(response.json()["token"]) is None


@pytest.mark.django_db
def test_a_session_mints_tokens_that_end_with_it(client, personas):
    client.force_login(personas.kabkota)
    response = client.post(
        "/api/v1/accounts/tokens", {"name": "x", "days": 366}, content_type="application/json"
    )
    assert response.status_code == 200
    token = ApiToken.objects.get(pk=response.json()["id"])
    assert token.expires <= timezone.now() + dt.timedelta(hours=8, minutes=1)


@pytest.mark.django_db
def test_the_token_page_caps_tokens_at_the_session_end(client, personas, settings):
    """A token made on the web page ends with the session that made it, whatever the
    days asked; a token made with that token ends no later. The page says so in both
    languages. (Runs in the SQLite and the PostgreSQL suite.)"""
    from django.contrib.sessions.models import Session

    client.force_login(personas.kabkota)
    session = client.session
    session.set_expiry(2 * 3600)  # a session with two hours left
    session.save()
    ends = Session.objects.get(session_key=session.session_key).expire_date
    url = reverse("accounts:tokens")
    page = client.get(url).content.decode()
    assert "berakhir paling lambat saat sesi masuk ini berakhir" in page
    response = client.post(url, {"name": "setahun", "days": 366, "password": PASSWORD})
    raw = response.context["new_token"]
    token = ApiToken.objects.get(name="setahun")
    assert token.expires == ends, "capped at the session's end, not 366 days"
    assert "Berlaku sampai" in response.content.decode()
    # The token made by the session mints another: it ends no later than its parent.
    client.logout()
    child = client.post(
        "/api/v1/accounts/tokens",
        {"name": "cucu", "days": 366},
        content_type="application/json",
        **_bearer(raw),
    ).json()
    assert ApiToken.objects.get(pk=child["id"]).expires <= ends
    # English.
    client.force_login(personas.kabkota)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url).content.decode()
    assert "ends when this sign-in session ends" in page
