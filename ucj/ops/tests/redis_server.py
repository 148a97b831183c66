"""A real Redis for the tests: Debian's `redis-server` started on a free loopback port
as a child process (no system service, nothing saved to disk), stopped afterwards.
Tests that use it skip with a reason when `redis-server` is not installed."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ucj.ops.tests.server import free_port


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


@contextmanager
def redis_server(folder: Path) -> Iterator[str]:
    """A `redis://` URL of a Redis of its own, for the duration of the block."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    port = free_port()
    folder.mkdir(parents=True, exist_ok=True)
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", ""]
    args += ["--appendonly", "no", "--dir", str(folder), "--daemonize", "no"]
    log = (folder / "redis.log").open("wb")
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(200):
            if _answers(port):
                break
            if process.poll() is not None:
                raise AssertionError(f"redis-server stopped: {(folder / 'redis.log').read_text()}")
            time.sleep(0.05)
        else:
            raise AssertionError("redis-server did not answer")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
