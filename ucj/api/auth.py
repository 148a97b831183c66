"""Who is calling the API: a Bearer token, else the browser session, else anonymous.

One auth object for the whole API (NinjaAPI(auth=...)), so routers added later get it
without doing anything. It never refuses an anonymous caller by itself: what an
anonymous caller may read is decided by the scope choke point (`for_user`), and routes
that need an account use `login_required` (401). A wrong, expired or revoked token is
refused outright rather than falling back to anonymous, so a client notices.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security.base import AuthBase
from ninja.utils import check_csrf

from ucj.accounts import mfa
from ucj.accounts.tokens import token_for


class UcjAuth(AuthBase):
    openapi_type = "http"

    def __init__(self) -> None:
        self.openapi_scheme = "bearer"
        super().__init__()

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _sep, raw = header.partition(" ")
            token = token_for(raw.strip()) if scheme.lower() == "bearer" else None
            if token is None:
                raise AuthenticationError(401, "invalid, expired or revoked token")
            request.user = token.user
            request.api_token = token  # type: ignore[attr-defined]  # caps tokens it mints
            request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
            return token.user
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            if mfa.pending(request):
                raise AuthenticationError(401, "the second factor (TOTP) is still required")
            if request.method not in ("GET", "HEAD", "OPTIONS"):
                error = check_csrf(request)
                if error:
                    raise HttpError(403, "CSRF check failed")
            return user
        request.user = AnonymousUser()
        return request.user  # truthy: anonymous callers get public rows only


api_auth = UcjAuth()
