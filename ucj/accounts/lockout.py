"""Lock an account name after UCJ_LOGIN_MAX_FAILURES failed log-ins.

Counted per user name (lower-cased), whether or not such a user exists, so the lock
does not reveal which names are real. Enforced in the authentication backend, so the
admin log-in and any other form get it too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import timezone

from ucj.accounts.models import LoginLock


def _key(username: str | None) -> str:
    return (username or "").strip().lower()[:150]


def locked_until(username: str | None) -> dt.datetime | None:
    until = (
        LoginLock.objects.filter(username=_key(username), locked_until__gt=timezone.now())
        .values_list("locked_until", flat=True)
        .first()
    )
    return until


def lock_message(until: dt.datetime) -> tuple[str, str]:
    when = timezone.localtime(until).strftime("%H:%M %Z")
    return (
        f"Akun terkunci karena terlalu banyak percobaan masuk yang gagal, sampai {when}.",
        f"The account is locked after too many failed log-ins, until {when}.",
    )


def record_failure(username: str | None) -> None:
    key = _key(username)
    if not key or locked_until(key):
        return
    now = timezone.now()
    lock, _ = LoginLock.objects.get_or_create(username=key)
    LoginLock.objects.filter(pk=lock.pk).update(failures=F("failures") + 1, last_failure=now)
    lock.refresh_from_db()
    if lock.failures >= settings.UCJ_LOGIN_MAX_FAILURES:
        lock.locked_until = now + dt.timedelta(minutes=settings.UCJ_LOGIN_LOCK_MINUTES)
        lock.failures = 0
        lock.save(update_fields=["locked_until", "failures"])


def reset(username: str | None) -> None:
    LoginLock.objects.filter(username=_key(username)).delete()


class LockoutBackend(ModelBackend):
    """ModelBackend that refuses locked names before checking the password."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if locked_until(username or kwargs.get("username")):
            raise PermissionDenied  # stops other backends; counts as a failed log-in
        return super().authenticate(request, username=username, password=password, **kwargs)


@receiver(user_login_failed)
def _on_failure(sender: Any, credentials: dict[str, Any], **kwargs: Any) -> None:
    record_failure(credentials.get("username"))


@receiver(user_logged_in)
def _on_success(sender: Any, user: Any, **kwargs: Any) -> None:
    reset(user.get_username())
