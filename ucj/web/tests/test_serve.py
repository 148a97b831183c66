"""`ucj serve` and `ucj demo` as a user starts them: a real process answering on loopback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, proc: subprocess.Popen, seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(proc.stdout.read() if proc.stdout else "server exited")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:
                return resp.read().decode()
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer")


def test_demo_prints_address_and_login_and_serves(tmp_path):
    port = _free_port()
    env = {**os.environ, "UCJ_DATA_DIR": str(tmp_path)}
    env.pop("UCJ_DATABASE_URL", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "ucj.cli", "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        page = _wait(f"http://127.0.0.1:{port}/", proc, seconds=300)
        assert "UCJ" in page
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/" in out
    assert "demo" in out and "Login" in out
