"""`ucj serve --production`: refuses without secrets; serves pages, static files and the
probes; probes answer over plain HTTP; JSON request logs without NIK or token; the
scheduler in its workers runs each job once."""

from __future__ import annotations

import json
import time

from ucj.ops.tests.helpers import env_for, ucj
from ucj.ops.tests.server import get, production_server

HTTPS = {"X-Forwarded-Proto": "https"}


def test_refuses_to_start_without_secrets(tmp_path):
    env = env_for(tmp_path, UCJ_SECRET_KEY="", UCJ_NIK_KEY="short")
    run = ucj(env, "serve", "--production", "--port", "1", check=False)
    assert run.returncode != 0
    assert "UCJ_SECRET_KEY" in run.stderr and "UCJ_NIK_KEY" in run.stderr
    assert "50" in run.stderr and "Traceback" not in run.stderr


def test_refuses_an_uninitialised_database(tmp_path):
    run = ucj(env_for(tmp_path), "serve", "--production", "--port", "1", check=False)
    assert run.returncode != 0 and "ucj init" in run.stderr and "Traceback" not in run.stderr


def test_production_server(tmp_path):
    env = env_for(tmp_path / "data")
    ucj(env, "init")
    log = tmp_path / "server.log"
    with production_server(env, log, "--workers", "2") as base:
        assert get(f"{base}/healthz") == (200, b'{"status": "ok"}')
        # Plain HTTP reaches the probes; everything else is sent to HTTPS.
        status, body = _ready(base)
        assert status == 200, body
        assert json.loads(body)["checks"] == {
            "database": True,
            "migrations": True,
            "scheduler": True,
        }
        assert get(f"{base}/")[0] == 301
        assert get(f"{base}/", HTTPS)[0] == 200
        css = get(f"{base}/static/web/ucj.css", HTTPS)
        htmx = get(f"{base}/static/django_htmx/htmx-2.min.js", HTTPS)
        assert css[0] == 200 and b"{" in css[1]
        assert htmx[0] == 200 and len(htmx[1]) > 10_000
        nik, token = "3273010101900001", "ucj_abcdefghijklmnopqrstuvwxyz"
        status, _ = get(
            f"{base}/api/v1/regions/?q={nik}",
            {**HTTPS, "Authorization": f"Bearer {token}", "X-Request-ID": "probe-1"},
        )
        assert status in (200, 401)
        _wait_for_jobs(env)
    text = log.read_text()
    assert nik not in text and token not in text
    lines = [json.loads(line) for line in text.splitlines() if line.startswith("{")]
    mine = [r for r in lines if r.get("request_id") == "probe-1"]
    assert len(mine) == 1, text[-3000:]
    assert mine[0]["path"] == "/api/v1/regions/" and mine[0]["duration_ms"] >= 0
    assert {"ts", "level", "status", "user_id"} <= set(mine[0])


def _ready(base: str) -> tuple[int, bytes]:
    deadline = time.monotonic() + 60  # the first scheduler pass writes the heartbeat
    while True:
        status, body = get(f"{base}/readyz")
        if status == 200 or time.monotonic() > deadline:
            return status, body
        time.sleep(1)


def _wait_for_jobs(env: dict[str, str]) -> None:
    """Two workers each run a scheduler; every job's current slot is run exactly once."""
    deadline = time.monotonic() + 180
    while True:
        jobs = json.loads(ucj(env, "jobs", "list", "--json").stdout)
        if all(j["last_run"] and j["last_run"]["finished"] for j in jobs):
            break
        assert time.monotonic() < deadline, jobs
        time.sleep(2)
    script = (
        "from django.db.models import Count;from ucj.ops.models import JobRun;"
        "print(max(r['n'] for r in JobRun.objects.values('job','slot').annotate(n=Count('id'))))"
    )
    run = ucj(env, "manage", "shell", "--no-imports", "-c", script)
    assert run.stdout.strip().splitlines()[-1] == "1"
    status = json.loads(ucj(env, "status", "--json").stdout)
    assert status["scheduler"]["recent"] and status["last_backup"] is not None
