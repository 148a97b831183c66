"""Done-when of issue 18: `ucj serve --production` on loopback answers 50 concurrent
clients (pages and API) for a bounded time while an import runs, with 0 errors, on
SQLite and PostgreSQL. Timings are reported (bench/web measures them); only errors fail."""

from __future__ import annotations

import subprocess
import threading
import time

import pytest

from ucj.ops.tests.helpers import (
    drop_pg,
    env_for,
    fresh_pg,
    kabkota_codes,
    ucj,
    ucj_popen,
    write_participants,
    write_potential,
)
from ucj.ops.tests.server import get, production_server

CLIENTS = 50
SECONDS = 20
PATHS = [
    "/",
    "/provinsi/15/",
    "/wilayah/15.03/",
    "/wilayah/18/",
    "/api/v1/coverage/national",
    "/api/v1/coverage/15.03",
    "/api/v1/coverage/league",
    "/api/v1/regions/15.03",
    "/healthz",
]

# The PostgreSQL case runs in the PostgreSQL suite (see conftest.py), never as a skip.
ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "engine", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]
)
def test_fifty_clients_while_importing(tmp_path, engine):
    url = None
    if engine == "postgresql":
        url = fresh_pg("t_load")
        assert url
    try:
        _load(tmp_path, url)
    finally:
        if url:
            drop_pg(url)


def _load(tmp_path, url):
    env = env_for(tmp_path / "data", url)
    ucj(env, "init")
    codes = kabkota_codes(env)
    ucj(env, "import", str(write_potential(tmp_path / "pot.csv", codes)), "--kind", "potential")
    first = write_participants(tmp_path / "p1.csv", codes, ["2025-01", "2025-02"])
    ucj(env, "import", str(first), "--kind", "participants")
    big = write_participants(tmp_path / "p2.csv", codes, [f"2025-{m:02d}" for m in range(3, 9)])
    log = tmp_path / "server.log"
    with production_server(env, log, "--workers", "2", "--threads", "8") as base:
        importing = ucj_popen(
            env,
            "import",
            str(big),
            "--kind",
            "participants",
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        errors: list[str] = []
        times: list[float] = []
        lock = threading.Lock()
        stop = time.monotonic() + SECONDS

        def client(n: int) -> None:
            i = n
            while time.monotonic() < stop:
                path = PATHS[i % len(PATHS)]
                i += 1
                start = time.perf_counter()
                try:
                    status, _body = get(base + path, {"X-Forwarded-Proto": "https"}, timeout=300)
                except OSError as exc:
                    status, _body = -1, str(exc).encode()
                with lock:
                    times.append(time.perf_counter() - start)
                    if status != 200:
                        errors.append(f"{path}: {status}")

        threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        overlapped = importing.poll() is None
        assert importing.wait(timeout=600) == 0, importing.stderr.read() if importing.stderr else ""
    times.sort()
    print(
        f"\n{len(times)} requests, {len(errors)} errors, import overlapped={overlapped}, "
        f"p50 {times[len(times) // 2]:.2f}s p95 {times[int(len(times) * 0.95)]:.2f}s "
        f"p99 {times[int(len(times) * 0.99)]:.2f}s"
    )
    assert errors == [], errors[:20]
    assert len(times) >= CLIENTS
    assert "database is locked" not in log.read_text()
