"""Log-in lock-out per user name and per client address, holding under concurrency.

Every attempt first *reserves* a slot with one conditional UPDATE (`reserve`), and only
then is the password checked. The database serialises the UPDATEs of one row (row lock
on PostgreSQL, the write lock on SQLite), so of 40 simultaneous wrong passwords exactly
UCJ_LOGIN_MAX_FAILURES are checked and the rest are refused, and the right password
arriving after them is refused too. Checking a count first and adding the failure
afterwards (what django-axes and our first version did) lets every request of a burst
pass the check before any failure is written.

Counted per user name (lower-cased), whether or not such a user exists, so the lock
does not reveal which names are real; and per client address
(UCJ_LOGIN_MAX_FAILURES_PER_ADDRESS), so spraying one password over many names is
stopped too. A success clears the name's count and gives back the address's slot.
Counts older than UCJ_LOGIN_LOCK_MINUTES without a new attempt start again.
Enforced in the authentication backend, so the admin log-in and any other form get it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied
from django.db.models import Case, DateTimeField, F, Q, Value, When
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ucj.accounts.models import LoginLock
from ucj.lib.bilingual import pair

USER = "u:"
ADDRESS = "a:"


def _key(username: str | None) -> str:
    return USER + (username or "").strip().lower()[:150]


def client_address(request: HttpRequest | None) -> str:
    """The caller's address: REMOTE_ADDR, or behind UCJ_TRUSTED_PROXIES reverse proxies
    the entry of X-Forwarded-For that the outermost trusted proxy wrote (entries further
    left are the client's own word and could be forged)."""
    if request is None:
        return ""
    proxies = settings.UCJ_TRUSTED_PROXIES
    if proxies > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [h for h in hops if h]
        if len(hops) >= proxies:
            return hops[-proxies][:45]
    return str(request.META.get("REMOTE_ADDR", ""))[:45]


def _limits(username: str | None, address: str) -> list[tuple[str, int]]:
    out = []
    if address:
        out.append((ADDRESS + address, settings.UCJ_LOGIN_MAX_FAILURES_PER_ADDRESS))
    if (username or "").strip():
        out.append((_key(username), settings.UCJ_LOGIN_MAX_FAILURES))
    return out


def locked_until(username: str | None, address: str = "") -> dt.datetime | None:
    keys = [key for key, _limit in _limits(username, address)]
    return (
        LoginLock.objects.filter(username__in=keys, locked_until__gt=timezone.now())
        .order_by("-locked_until")
        .values_list("locked_until", flat=True)
        .first()
    )


def lock_message(until: dt.datetime) -> tuple[str, str]:
    when = timezone.localtime(until).strftime("%H:%M %Z")
    return pair(
        _(
            "Akun terkunci: terlalu banyak percobaan masuk yang gagal (untuk nama ini atau dari "
            "alamat ini); coba lagi setelah %(when)s."
        ),
        when=when,
    )


def reserve(key: str, limit: int) -> bool:
    """Take one attempt for `key`; False when it is locked. One UPDATE decides, so
    concurrent attempts cannot all slip under the limit."""
    now = timezone.now()
    lock_at = now + dt.timedelta(minutes=settings.UCJ_LOGIN_LOCK_MINUTES)
    window = now - dt.timedelta(minutes=settings.UCJ_LOGIN_LOCK_MINUTES)
    LoginLock.objects.bulk_create([LoginLock(username=key)], ignore_conflicts=True)
    # A count with no attempt for a whole window, or whose lock ran out, starts again.
    fresh = Q(last_failure__isnull=True) | Q(last_failure__lt=window) | Q(locked_until__lte=now)
    never = Value(None, output_field=DateTimeField())
    locked = Value(lock_at, output_field=DateTimeField())
    taken = (
        LoginLock.objects.filter(username=key)
        .filter(Q(locked_until__isnull=True) | Q(locked_until__lte=now))
        .update(
            failures=Case(When(fresh, then=Value(1)), default=F("failures") + 1),
            # The attempt that reaches the limit is still checked; the next is refused.
            locked_until=Case(
                When(fresh, then=locked if limit <= 1 else never),
                When(failures__gte=limit - 1, then=locked),
                default=never,
            ),
            last_failure=now,
        )
    )
    return taken == 1


def give_back(key: str, limit: int) -> None:
    """Return an attempt that turned out not to be a failure."""
    LoginLock.objects.filter(username=key, failures__gt=0).update(
        failures=F("failures") - 1,
        locked_until=Case(
            When(failures__lte=limit, then=Value(None, output_field=DateTimeField())),
            default=F("locked_until"),
        ),
    )


def reset(username: str | None) -> None:
    LoginLock.objects.filter(username=_key(username)).delete()


class LockoutBackend(ModelBackend):
    """ModelBackend that takes an attempt for the name and the address before checking
    the password, and refuses when either is locked."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        name = username or kwargs.get("username")
        taken: list[tuple[str, int]] = []
        for key, limit in _limits(name, client_address(request)):
            if not reserve(key, limit):
                for back in taken:  # not a password check: the slots go back
                    give_back(*back)
                raise PermissionDenied  # stops other backends; counts as a failed log-in
            taken.append((key, limit))
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None:
            reset(name)
            for key, limit in taken:
                if key.startswith(ADDRESS):
                    give_back(key, limit)
        return user
