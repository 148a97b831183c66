"""Production refuses demo data and demo accounts (issue 14).

`ucj demo` creates `demo`, a national analyst who reads person-level data everywhere,
with a password printed in the README. With UCJ_DEBUG=0:
- `ucj demo` stops before touching the database (`refuse_demo_command`);
- a production server does not start while an account still has the demo password
  (`refuse_demo_accounts`), called by `ucj serve`, by the WSGI app at start-up and by
  any other server start (`from ucj.accounts.demo_guard import refuse_demo_accounts`).

Which accounts are checked: every demo log-in name, and every active admin, superuser,
staff member or national analyst (the accounts that read everything). Checking a
password costs one PBKDF2 run (≈0.3 s), so the thousands of regional officers are
not each tried at every start; they cannot read other regions' data either.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Q

from ucj.accounts.demo import DEMO_PASSWORD, DEMO_USERS
from ucj.accounts.roles import Role

DEMO_USERNAMES = ("demo", *(u[0] for u in DEMO_USERS))
DEMO_PASSWORDS = (DEMO_PASSWORD,)


class DemoInProduction(RuntimeError):
    """Raised to stop a production start; `str()` is the bilingual message. An Exception,
    not SystemExit: gunicorn then reports "Worker failed to boot" with it and halts
    instead of restarting workers forever; commands turn it into exit status 1."""


# Literal pair kept: operator-only, names a setting and a command (not for the screens' catalogue).
DEMO_COMMAND_MESSAGE = (
    "`ucj demo` tidak dijalankan: UCJ_DEBUG=0 (produksi). Data dan akun contoh (kata sandi "
    "tercantum di README) tidak boleh ada di server produksi. / `ucj demo` refused: "
    "UCJ_DEBUG=0 (production). Demo data and demo accounts (their password is in the "
    "README) must not exist on a production server."
)


def refuse_demo_command() -> None:
    if not settings.DEBUG:
        raise DemoInProduction(DEMO_COMMAND_MESSAGE)


def demo_password_accounts() -> list[str]:
    """User names (active) that still log in with a demo password; see the module doc."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True)
    privileged = (
        Q(username__in=DEMO_USERNAMES)
        | Q(is_superuser=True)
        | Q(is_staff=True)
        | Q(roles__role__in=[Role.ADMIN, Role.NATIONAL])
    )
    try:
        candidates: list[Any] = list(users.filter(privileged).distinct().order_by("username"))
    except DatabaseError:  # no tables yet (before `ucj init`): no account to check
        return []
    return [u.username for u in candidates if any(u.check_password(p) for p in DEMO_PASSWORDS)]


def refuse_demo_accounts() -> None:
    """With UCJ_DEBUG=0, stop (raise DemoInProduction) while any checked account
    has a demo password. Does nothing in development."""
    if settings.DEBUG:
        return
    names = demo_password_accounts()
    if names:
        listed = ", ".join(names)
        # Literal pair kept: operator-only (server start), names `ucj manage changepassword`.
        raise DemoInProduction(
            f"Server produksi tidak dijalankan: akun {listed} masih memakai kata sandi demo. "
            "Ganti kata sandinya (`ucj manage changepassword NAMA`) atau nonaktifkan akunnya. / "
            f"Production server not started: account(s) {listed} still use the demo "
            "password. Change it (`ucj manage changepassword NAME`) or deactivate the account."
        )
