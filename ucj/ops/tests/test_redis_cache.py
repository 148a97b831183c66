"""UCJ_REDIS_URL (issue 17 item 4): the page cache (ucj/web/cache.py, keyed on the data
version) is Django's RedisCache, one for every worker and app server; without it, each
worker keeps its own in memory, as before. Against a real redis-server (redis_server.py)."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest
from django.test import override_settings

from ucj.indicators import services, version
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor, write_csv
from ucj.lib.formats import number
from ucj.ops.tests.helpers import ROOT, env_for
from ucj.ops.tests.redis_server import redis_server
from ucj.ops.tests.server import free_port
from ucj.web import pages
from ucj.web.shared_cache import WARN_EVERY, SharedCache
from ucj.web.tests import data

# A second process: Django set up from the environment, one read through the page cache.
PROBE = """
import json, sys, django
django.setup()
from django.core.cache import caches
from ucj.web.cache import cached
if sys.argv[1] == "backend":
    print(type(caches["default"]).__name__)
else:
    stamp, name, code, value = sys.argv[1:5]
    print(json.dumps(cached(stamp, name, (code,), lambda: value)))
"""


@pytest.fixture
def redis_url(tmp_path):
    with redis_server(tmp_path / "redis") as url:
        yield url


def probe(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "ucj.settings"},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_the_backend_follows_ucj_redis_url(tmp_path, redis_url):
    assert probe(env_for(tmp_path / "plain"), "backend") == "LocMemCache"  # unchanged
    assert probe(env_for(tmp_path / "r", UCJ_REDIS_URL=redis_url), "backend") == "SharedCache"


def test_two_processes_read_one_cached_value(tmp_path, redis_url):
    env = env_for(tmp_path / "data", UCJ_REDIS_URL=redis_url)
    assert probe(env, "7-aaaa", "trend", "ID", "first") == '"first"'
    # Another process, same data version: the first one's value, not its own.
    assert probe(env, "7-aaaa", "trend", "ID", "second") == '"first"'
    # A new data version is a new key: computed again, then shared in turn.
    assert probe(env, "8-bbbb", "trend", "ID", "third") == '"third"'
    assert probe(env, "8-bbbb", "trend", "ID", "fourth") == '"third"'
    # Without Redis each process keeps its own (the difference this setting makes).
    plain = env_for(tmp_path / "plain")
    assert probe(plain, "7-aaaa", "trend", "ID", "second") == '"second"'


MAY = dt.date(2025, 5, 1)


@pytest.mark.django_db
def test_an_imports_new_version_is_seen_through_redis(tmp_path, redis_url, client):
    """This process serves pages through Redis; after an import bumps the version the
    page shows the new figure, and a second process reads what this one cached under the
    new version (and still the old entry under the old one: never shown again)."""
    redis_cache = {"BACKEND": "ucj.web.shared_cache.SharedCache"}
    env = env_for(tmp_path / "other", UCJ_REDIS_URL=redis_url)
    with override_settings(CACHES={"default": {**redis_cache, "LOCATION": redis_url}}):
        data.load(provinces=("15",))
        page = client.get("/wilayah/15.03/?period=2025-05", secure=True)
        assert page.status_code == 200
        before = version.stamp()
        trend_before = pages.trend(before, "15.03")  # read from Redis: cached by the page
        seen = probe(env, before, "trend", "15.03", "not cached")
        assert json.loads(seen) == trend_before
        path = write_csv(
            tmp_path / "peserta.csv",
            [
                ["wilayah", "periode", "segmen", "peserta_aktif", "data_per"],
                ["15.03", "2025-05", "BPU", "54321", "2025-05-30"],
            ],
        )
        assert run_import(path, "participants", user=system_actor()).ok
        after = version.stamp()
        assert after != before
        new_count = services.coverage("15.03", MAY)["active_participants"]
        html = client.get("/wilayah/15.03/?period=2025-05", secure=True).content.decode()
        assert number(new_count) in html
        trend_after = pages.trend(after, "15.03")
        assert trend_after != trend_before  # the May point moved
        assert json.loads(probe(env, after, "trend", "15.03", "not cached")) == trend_after
        assert json.loads(probe(env, before, "trend", "15.03", "x")) == trend_before


@pytest.mark.django_db
def test_readyz_fails_while_redis_is_unreachable(client, redis_url):
    redis_cache = {"BACKEND": "ucj.web.shared_cache.SharedCache"}
    with override_settings(CACHES={"default": {**redis_cache, "LOCATION": redis_url}}):
        assert client.get("/readyz").json()["checks"]["cache"] is True
    dead = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(CACHES={"default": {**redis_cache, "LOCATION": dead}}):
        answer = client.get("/readyz")
    assert answer.status_code == 503 and answer.json()["checks"]["cache"] is False
    assert "cache" not in client.get("/readyz").json()["checks"]  # no Redis: no such check


@pytest.mark.django_db
def test_pages_are_served_while_redis_is_unreachable(client, caplog, monkeypatch):
    """Redis down costs speed, not pages: the figures are computed per request, the same
    as through a working cache, and one warning says why the pages are slower."""
    monkeypatch.setattr(SharedCache, "_warned_at", -WARN_EVERY)  # another test's warning
    data.load(provinces=("15",))
    expected = number(services.coverage("15.03", MAY)["active_participants"])
    redis_cache = {"BACKEND": "ucj.web.shared_cache.SharedCache"}
    dead = f"redis://127.0.0.1:{free_port()}/0"
    with override_settings(CACHES={"default": {**redis_cache, "LOCATION": dead}}):
        for path in ("/", "/provinsi/15/", "/wilayah/15.03/?period=2025-05"):
            assert client.get(path, secure=True).status_code == 200, path
        assert expected in client.get("/wilayah/15.03/?period=2025-05", secure=True).text
        assert client.get("/api/v1/coverage/15.03?period=2025-05").status_code == 200
    assert "page cache unreachable" in caplog.text
