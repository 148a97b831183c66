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


def create_token(
    user: Any,
    name: str,
    days: int | None = None,
    not_after: dt.datetime | None = None,
    parent: ApiToken | None = None,
) -> tuple[ApiToken, str]:
    """A new token for `user`; the raw value is returned once and never stored.

    `not_after`: when the session asking for it ends; `parent`: the token asking for it.
    The new token ends then at the latest (and with the parent's revocation), so a
    stolen one-day token cannot mint a year-long one.
    """
    raw = PREFIX + secrets.token_urlsafe(32)
    lifetime = dt.timedelta(days=days or settings.UCJ_API_TOKEN_DAYS)
    expires = timezone.now() + lifetime
    for end in (not_after, parent.expires if parent is not None else None):
        if end is not None:
            expires = min(expires, end)
    token = ApiToken(
        user=user,
        name=name,
        prefix=raw[: len(PREFIX) + 6],
        digest=_digest(raw),
        expires=expires,
        parent=parent,
    )
    token._history_user = user  # type: ignore[attr-defined]
    token.save()
    return token, raw


def token_for(raw: str) -> ApiToken | None:
    """The active token with this value (its user active too), or None."""
    if not raw.startswith(PREFIX):
        return None
    token = ApiToken.objects.select_related("user").filter(digest=_digest(raw)).first()
    if token is None or not token.active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > dt.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
    return token


def user_for_token(raw: str) -> Any:
    """The active user holding this token, or None (unknown, expired, revoked, inactive)."""
    token = token_for(raw)
    return token.user if token is not None else None


def session_ends(request: Any) -> dt.datetime | None:
    """When the browser session of this request ends, as stored (None: no session)."""
    session = getattr(request, "session", None)
    key = getattr(session, "session_key", None)
    if not key:
        return None
    from django.contrib.sessions.models import Session

    end = Session.objects.filter(session_key=key).values_list("expire_date", flat=True)
    return end.first() or session.get_expiry_date()  # type: ignore[union-attr]


def revoke(user: Any, token_id: int) -> bool:
    """Revoke one of the user's own tokens and every token minted from it (and from
    those); False if there is no such active token."""
    token = ApiToken.objects.filter(pk=token_id, user=user, revoked__isnull=True).first()
    if token is None:
        return False
    now = timezone.now()
    generation = [token]
    while generation:  # one query per generation; chains are short
        for row in generation:
            row.revoked = now
            row._history_user = user  # type: ignore[attr-defined]
            row.save(update_fields=["revoked"])
        generation = list(ApiToken.objects.filter(parent__in=generation, revoked__isnull=True))
    return True
