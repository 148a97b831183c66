"""Scale out (issue 17 item 5): two `ucj serve --production` processes on two loopback
ports share one PostgreSQL database, as two app servers behind a load balancer do. An
import through one is visible through the other at once: same figures, same data
version, and neither recomputes (both read the stored coverage results)."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request
import uuid

import pytest

from ucj.ops.tests.helpers import ROOT, drop_pg, env_for, fresh_pg, ucj, write_potential
from ucj.ops.tests.server import production_server

HTTPS = {"X-Forwarded-Proto": "https"}
CODES = ["15.01", "15.02", "15.03", "15.04"]


def _token(env: dict[str, str]) -> str:
    """An admin's API token, made in the shared database."""
    code = (
        "from django.contrib.auth import get_user_model;"
        "from ucj.accounts.tokens import create_token;"
        "u = get_user_model().objects.create_superuser('lb', 'lb@example.org', 'x' * 20);"
        "print(create_token(u, 'lb')[1])"
    )
    run = subprocess.run(
        [sys.executable, "-m", "ucj.manage", "shell", "-c", code],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    return run.stdout.strip().splitlines()[-1]


def _participants(count: int) -> bytes:
    lines = ["wilayah;periode;segmen;peserta_aktif;data_per"]
    lines += [f"{c};2025-05;PU;{count + i};31/05/2025" for i, c in enumerate(CODES)]
    return ("\n".join(lines) + "\n").encode()


def _import(base: str, token: str, body: bytes) -> dict:
    boundary = uuid.uuid4().hex
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nparticipants\r\n',
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.csv"\r\n'
        "Content-Type: text/csv\r\n\r\n",
    ]
    data = "".join(parts).encode() + body + f"\r\n--{boundary}--\r\n".encode()
    request = urllib.request.Request(
        f"{base}/api/v1/imports/",
        data=data,
        method="POST",
        headers={
            **HTTPS,
            "Authorization": f"Bearer {token}",
            "Content-Type": f"multipart/form-data; boundary={boundary}",
        },
    )
    with urllib.request.urlopen(request, timeout=300) as response:
        return json.loads(response.read())


def _coverage(base: str, token: str) -> dict:
    request = urllib.request.Request(
        f"{base}/api/v1/coverage/15.03?period=2025-05",
        headers={**HTTPS, "Authorization": f"Bearer {token}"},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def _page(base: str) -> tuple[str | None, bytes]:
    """The province page: its data version header and its body."""
    request = urllib.request.Request(f"{base}/provinsi/15/", headers=HTTPS)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.headers.get("X-UCJ-Data-Version"), response.read()


def _page_of_month(base: str) -> bytes:
    request = urllib.request.Request(f"{base}/wilayah/15.03/?period=2025-05", headers=HTTPS)
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def test_an_import_through_one_server_shows_through_the_other_at_once(tmp_path):
    url = fresh_pg("two_servers")
    if url is None:
        pytest.skip("two app servers share one PostgreSQL: set UCJ_DATABASE_URL to run")
    try:
        env = env_for(tmp_path / "data", url)
        ucj(env, "init")
        pot = write_potential(tmp_path / "pot.csv", CODES)
        ucj(env, "import", str(pot), "--kind", "potential")
        token = _token(env)
        with (
            production_server(env, tmp_path / "a.log", "--workers", "1") as one,
            production_server(env, tmp_path / "b.log", "--workers", "1") as two,
        ):
            assert _import(one, token, _participants(5_000))["ok"]
            assert _coverage(two, token)["active_participants"] == 5_002  # the third row
            # The second server has cached its page; a second import through the first
            # shows through the second on the very next request.
            before, _ = _page(two)
            assert _import(one, token, _participants(7_000))["ok"]
            seen_two, seen_one = _coverage(two, token), _coverage(one, token)
            assert seen_two["active_participants"] == 7_002
            assert json.dumps(seen_one) == json.dumps(seen_two)  # same bytes on both
            version_two, _ = _page(two)
            version_one, _ = _page(one)
            assert version_one == version_two and int(version_two or 0) > int(before or 0)
            assert b"7.002" in _page_of_month(two)
    finally:
        drop_pg(url)
