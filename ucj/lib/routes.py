"""What every app's `api.py` uses, below the API root (`ucj/api`) so no app imports it.

`login_required`: the calling user, 401 for anonymous callers (the root's auth object,
`ucj.api.auth`, has already put the token's or the session's user on the request).

`BoundedLimitOffset`: bounded pagination for every list route: ninja's own accepts any
offset and limit, and `?offset=9223372036854775808` reached the database (a 500 on
SQLite). Out of bounds is a 422 with the field named, before any query."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Schema
from ninja.errors import HttpError
from ninja.pagination import LimitOffsetPagination

MAX_OFFSET = 10**9  # far past any real list; offset + limit stays inside 64 bits
MAX_LIMIT = 1000


class BoundedLimitOffset(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)  # type: ignore[arg-type]


def login_required(request: HttpRequest) -> Any:
    """The calling user; 401 for anonymous callers."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        raise HttpError(401, "log-in or a Bearer token is required")
    return user
