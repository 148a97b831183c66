"""API errors as JSON with a message in both languages, never a traceback."""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, SuspiciousOperation
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import ValidationError

from ucj.accounts.approval import ApprovalError
from ucj.lib.bilingual import pair
from ucj.lib.edge import BAD_REQUEST, SERVER_ERROR, classify

log = logging.getLogger("ucj.api")


def _django_status(exc: Exception) -> tuple[int, str, str] | None:
    """Django's own exceptions keep the status Django would give them, as JSON."""
    if isinstance(exc, PermissionDenied):
        return (403, *pair(_("Tidak diizinkan.")))
    if isinstance(exc, SuspiciousOperation):
        return (400, *pair(BAD_REQUEST))
    if isinstance(exc, DjangoValidationError):
        text = "; ".join(exc.messages)[:300]
        return (422, text, text)
    return None


def install_error_handlers(api: NinjaAPI) -> None:
    def on_approval(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, exc.as_dict(), status=exc.status)

    def on_missing(request: HttpRequest, exc: Any) -> HttpResponse:
        # Same answer for "does not exist" and "not yours": reveals nothing.
        return api.create_response(request, pair(_("Tidak ditemukan.")).as_dict(), status=404)

    def on_not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        # get_object_or_404 in a route: ninja's `detail` stays (clients read it), both
        # languages are added, as for every other API error.
        body = {**pair(_("Tidak ditemukan.")).as_dict(), "detail": "Not Found"}
        return api.create_response(request, body, status=404)

    def on_any(request: HttpRequest, exc: Any) -> HttpResponse:
        # Ninja's own fallback re-raises with DEBUG off (Django's HTML 500 page) and
        # returns a text traceback with DEBUG on: neither is JSON.
        known = classify(exc) or _django_status(exc)
        if known is None:
            log.error("API %s %s", request.method, request.path, exc_info=exc)
            known = (500, *pair(SERVER_ERROR))
        status, message_id, message_en = known
        return api.create_response(
            request, {"message_id": message_id, "message_en": message_en}, status=status
        )

    def on_invalid(request: HttpRequest, exc: Any) -> HttpResponse:
        # Ninja's `detail` list stays (clients read it); both languages are added.
        fields = ", ".join(
            ".".join(str(p) for p in e.get("loc", ())[1:]) or "?" for e in exc.errors
        )[:300]
        return api.create_response(
            request,
            {
                **pair(_("Isian tidak sah: %(fields)s"), fields=fields).as_dict(),
                "detail": exc.errors,
            },
            status=422,
        )

    api.add_exception_handler(Exception, on_any)
    api.add_exception_handler(ValidationError, on_invalid)
    api.add_exception_handler(ApprovalError, on_approval)
    api.add_exception_handler(ObjectDoesNotExist, on_missing)
    api.add_exception_handler(Http404, on_not_found)
