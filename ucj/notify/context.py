"""The header's unread count: one COUNT for signed-in users, only when a page shows it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def unread(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from ucj.notify.inbox import unread_count

    return {"notify_unread": SimpleLazyObject(lambda: unread_count(user))}
