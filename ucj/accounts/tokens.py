"""Personal API tokens: shown once, stored as a SHA-256 digest, with expiry and revocation.

The token is 32 random bytes, so a plain SHA-256 digest is enough (no slow hash needed:
nobody can guess the pre-image); a compare by indexed digest keeps look-ups fast.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.utils import timezone

from ucj.accounts.models import ApiToken

PREFIX = "ucj_"


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def create_token(user: Any, name: str, days: int | None = None) -> tuple[ApiToken, str]:
    """A new token for `user`; the raw value is returned once and never stored."""
    raw = PREFIX + secrets.token_urlsafe(32)
    lifetime = dt.timedelta(days=days or settings.UCJ_API_TOKEN_DAYS)
    token = ApiToken(
        user=user,
        name=name,
        prefix=raw[: len(PREFIX) + 6],
        digest=_digest(raw),
        expires=timezone.now() + lifetime,
    )
    token._history_user = user  # type: ignore[attr-defined]
    token.save()
    return token, raw


def user_for_token(raw: str) -> Any:
    """The active user holding this token, or None (unknown, expired, revoked, inactive)."""
    if not raw.startswith(PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(raw)).first()
    if token is None or not token.active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token.user


def revoke(user: Any, token_id: int) -> bool:
    """Revoke one of the user's own tokens; False if there is no such active token."""
    token = ApiToken.objects.filter(pk=token_id, user=user, revoked__isnull=True).first()
    if token is None:
        return False
    token.revoked = timezone.now()
    token._history_user = user  # type: ignore[attr-defined]
    token.save()
    return True
