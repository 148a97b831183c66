"""Error pages people can read: 403, 404 and 500 in the active language, with what to
do next, in every mode. Django's handlers use them when UCJ_DEBUG=0; the FriendlyErrors
middleware (ucj.web.middleware) uses them in the demo and development mode too, unless a
developer sets UCJ_TECHNICAL_ERRORS=1. API paths get JSON with both languages' messages
(`message_id`, `message_en`), as everywhere else in the API."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair

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
