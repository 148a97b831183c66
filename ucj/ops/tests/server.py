"""Start `ucj serve --production` on a free loopback port and stop it again."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from ucj.ops.tests.helpers import ucj_popen


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def get(url: str, headers: dict[str, str] | None = None, timeout: float = 60) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers=headers or {})

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@contextlib.contextmanager
def production_server(
    env: dict[str, str], log: Path, *extra: str, wait: float = 120
) -> Iterator[str]:
    port = free_port()
    with log.open("w") as out:
        proc = ucj_popen(
            env,
            "serve",
            "--production",
            "--port",
            str(port),
            *extra,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + wait
        while True:
            if proc.poll() is not None:
                raise AssertionError(f"server exited {proc.returncode}: {log.read_text()}")
            try:
                if get(f"{base}/healthz", timeout=5)[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"server did not answer: {log.read_text()}")
            time.sleep(0.5)
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)  # the gunicorn master: exec kept our child's pid
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
