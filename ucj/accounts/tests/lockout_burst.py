"""A burst of parallel wrong passwords against a real SQLite file, as production has it
(WAL, IMMEDIATE transactions, busy timeout). Run by test_lockout.py in a child process
with its own UCJ_DATA_DIR: the test database of pytest on SQLite is an in-memory
shared-cache database, where parallel writers fail at once with "table is locked"
instead of waiting as they do on a file. Prints one JSON line."""

from __future__ import annotations

import json
import os
import threading
from concurrent.futures import ThreadPoolExecutor


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ucj.settings")
    import django

    django.setup()
    from django.contrib.auth import authenticate, get_user_model
    from django.contrib.auth.backends import ModelBackend
    from django.core.management import call_command
    from django.db import connection
    from django.test import RequestFactory

    from ucj.accounts.models import LoginLock

    # Count the passwords actually checked (the lock-out backend's parent does that).
    checks = []
    original = ModelBackend.authenticate

    def counted(self, request, username=None, password=None, **kwargs):
        checks.append(password)  # list.append is atomic under the GIL
        return original(self, request, username=username, password=password, **kwargs)

    ModelBackend.authenticate = counted
    call_command("migrate", verbosity=0)
    password = "Sandi-uji-2026!"
    get_user_model().objects.create_user(username="sasaran", password=password)
    start = threading.Barrier(8)

    def login(i: int, secret: str) -> bool:
        request = RequestFactory().post("/accounts/login/", REMOTE_ADDR=f"10.0.1.{i}")
        return authenticate(request, username="sasaran", password=secret) is not None

    def attempt(i: int) -> bool:
        if i < 8:
            start.wait()
        try:
            return login(i, f"salah-{i}")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(attempt, range(40)))
    checked = len(checks)
    right = login(99, password)
    row = LoginLock.objects.get(username="u:sasaran")
    print(
        json.dumps(
            {
                "accepted": sum(results),
                "right_password_accepted": right,
                "passwords_checked": checked,
                "count": row.failures,
                "locked": row.locked_until is not None,
            }
        )
    )


if __name__ == "__main__":
    main()
