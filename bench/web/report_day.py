"""Report day (issue 17): 40 users on the national, province and scorecard pages and the
coverage API, each waiting 1 s between requests, for `seconds` without an import and
again with a one-region, one-month import committing in the middle; then how long after
that import every page shows the new figure. Called by run.py on its running server.

Goals: p95 ≤ 100 ms without the import, ≤ 300 ms with it, 0 errors; every page shows the
new figure ≤ 1 s after the import commits.
"""

from __future__ import annotations

import http.client
import json
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

USERS = 40
PATHS = ["/", "/provinsi/15/", "/wilayah/15.03/", "/api/v1/coverage/15.03"]
GOALS_MS = {"quiet": 100.0, "import": 300.0, "fresh": 1000.0}


def _get(port: int, path: str) -> tuple[float, int, str | None, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    start = time.perf_counter()
    conn.request("GET", path, headers={"Accept-Language": "id", "X-Forwarded-Proto": "https"})
    response = conn.getresponse()
    body = response.read()
    elapsed = (time.perf_counter() - start) * 1000
    conn.close()
    return elapsed, response.status, response.getheader("X-UCJ-Data-Version"), body


def _crowd(port: int, seconds: float, during: Any = None) -> dict[str, Any]:
    """USERS threads, each: request, wait 1 s, next page; `during` runs at half time."""
    times: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    lock = threading.Lock()

    def user(k: int) -> None:
        i = k
        time.sleep(k / USERS)  # spread the first requests over one second
        while time.monotonic() < stop:
            try:
                ms, status, _v, _b = _get(port, PATHS[i % len(PATHS)])
                bad = status != 200
            except OSError:
                ms, bad = 0.0, True
            with lock:
                times.append(ms)
                errors[0] += bad
            i += 1
            time.sleep(1.0)

    threads = [threading.Thread(target=user, args=(k,)) for k in range(USERS)]
    for t in threads:
        t.start()
    extra = None
    if during is not None:
        time.sleep(seconds / 2)
        extra = during()
    for t in threads:
        t.join()
    ordered = sorted(times)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)] if ordered else None
    return {"requests": len(times), "errors": errors[0], "p95_ms": p95 and round(p95, 1),
            "p50_ms": ordered and round(ordered[len(ordered) // 2], 1), "extra": extra}  # fmt: skip


def _import_one(env: dict[str, str], root: Path, port: int) -> dict[str, Any]:
    """One kab/kota, one month through `ucj import`; then poll every page until it shows
    the new data version (pages) or the new figure (API)."""
    _ms, _s, version_before, body = _get(port, PATHS[-1])
    obj = json.loads(body)
    period = obj["period"]
    pu = int((obj.get("by_segment") or {}).get("PU") or 0) + 1
    version_before = _get(port, "/")[2]
    path = Path(tempfile.mkdtemp()) / "satu.csv"
    path.write_text(
        f"wilayah;periode;segmen;peserta_aktif;data_per\n15.03;{period};PU;{pu};28/{period[5:]}/"
        f"{period[:4]}\n",
        encoding="utf-8",
    )
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "ucj.cli", "import", str(path), "--kind", "participants", "--json"],
        env={**env, "PYTHONPATH": str(root)}, cwd=str(root), capture_output=True, text=True,
    )  # fmt: skip
    import_s = time.perf_counter() - t0
    committed = time.perf_counter()
    fresh: dict[str, float] = {}
    deadline = committed + 60
    while len(fresh) < len(PATHS) and time.perf_counter() < deadline:
        for p in PATHS:
            if p in fresh:
                continue
            _ms, status, version, body = _get(port, p)
            if p.startswith("/api/"):
                ok = status == 200 and json.loads(body)["by_segment"].get("PU") == pu
            else:
                ok = status == 200 and int(version or 0) > int(version_before or 0)
            if ok:
                fresh[p] = round((time.perf_counter() - committed) * 1000, 1)
    return {
        "import_ok": done.returncode == 0,
        "import_s": round(import_s, 2),
        "fresh_after_ms": fresh,
        "every_page_fresh_ms": max(fresh.values()) if len(fresh) == len(PATHS) else None,
    }


def measure(port: int, env: dict[str, str], root: Path, small: bool) -> dict[str, Any]:
    seconds = 8.0 if small else 60.0
    quiet = _crowd(port, seconds)
    busy = _crowd(port, seconds, during=lambda: _import_one(env, root, port))
    fresh = busy.pop("extra")
    quiet.pop("extra")
    return {
        "users": USERS,
        "seconds": seconds,
        "paths": PATHS,
        "without_import": quiet,
        "with_import": busy,
        **(fresh or {}),
        "goals_ms": GOALS_MS,
    }
