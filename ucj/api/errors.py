"""API errors as JSON with a message in both languages, never a traceback."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI

from ucj.accounts.approval import ApprovalError


def install_error_handlers(api: NinjaAPI) -> None:
    def on_approval(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, exc.as_dict(), status=exc.status)

    def on_missing(request: HttpRequest, exc: Any) -> HttpResponse:
        # Same answer for "does not exist" and "not yours": reveals nothing.
        return api.create_response(
            request,
            {"message_id": "Tidak ditemukan.", "message_en": "Not found."},
            status=404,
        )

    api.add_exception_handler(ApprovalError, on_approval)
    api.add_exception_handler(ObjectDoesNotExist, on_missing)
