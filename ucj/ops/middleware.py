"""A request id on every request and one log line per request (no query string: a
search box may hold a NIK; no headers: they hold tokens)."""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from ucj.ops.logs import scrub

log = logging.getLogger("ucj.ops.request")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._\-]{1,64}$")


class RequestLog:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _SAFE_ID.match(given) else uuid.uuid4().hex[:16]
        request.META["UCJ_REQUEST_ID"] = request_id
        start = time.perf_counter()
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        user = getattr(request, "user", None)
        log.info(
            "%s %s %s",
            request.method,
            scrub(request.path),
            response.status_code,
            extra={
                "request_id": request_id,
                "user_id": user.pk if user is not None and user.is_authenticated else None,
                "method": request.method,
                "path": scrub(request.path),
                "status": response.status_code,
                "duration_ms": round((time.perf_counter() - start) * 1000, 1),
            },
        )
        return response
