"""Error pages people can read: 403, 404 and 500 in the active language, with what to
do next, in every mode. Django's handlers use them when UCJ_DEBUG=0; the FriendlyErrors
middleware (ucj.web.middleware) uses them in the demo and development mode too, unless a
developer sets UCJ_TECHNICAL_ERRORS=1. API paths get JSON with both languages' messages
(`message_id`, `message_en`), as everywhere else in the API."""

from __future__ import annotations

import sys
from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.lib.edge import BAD_REQUEST, answer, classify

API_PREFIX = "/api/"

MESSAGES = {  # catalogue msgids; English in ucj/locale/en
    403: _("Anda tidak berhak membuka halaman ini."),
    404: _("Halaman tidak ditemukan."),
    500: _("Terjadi kesalahan pada server."),
}


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith(API_PREFIX)


def _api(status: int) -> JsonResponse:
    message_id, message_en = pair(MESSAGES[status])
    body = {
        "error": f"{message_id} / {message_en}",
        "message_id": message_id,
        "message_en": message_en,
    }
    return JsonResponse(body, status=status)


def _page(request: HttpRequest, status: int, template: str) -> HttpResponse:
    if is_api(request):
        return _api(status)
    response = render(request, template, {"status": status}, status=status)
    response.friendly = True  # type: ignore[attr-defined]
    return response


def permission_denied(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _page(request, 403, "errors/403.html")


def page_not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return _page(request, 404, "errors/404.html")


def server_error(request: HttpRequest) -> HttpResponse:
    """A page without the database (it may be what failed): no menu, no user name."""
    if is_api(request):
        return _api(500)
    html = loader.get_template("errors/500.html").render({}, None)
    return HttpResponse(html, status=500)


# 400 and 500 classify first (ucj.lib.edge): a busy database is a 503, not a 500.


def handler400(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return answer(request, 400, *pair(BAD_REQUEST))


def handler500(request: HttpRequest) -> HttpResponse:
    # Called inside Django's `except` block: an error raised outside any view (the session
    # saved after the view, say) is classified here, so a locked SQLite is still a 503.
    current = sys.exc_info()[1]
    known = classify(current) if current is not None else None
    if known is not None:
        return answer(request, *known)
    return server_error(request)
