"""The edge of the web server: hostile or broken input gets a clear 4xx, a busy database a
503, and nothing under /api/ ever answers in HTML (also with DEBUG off).

Three pieces share one vocabulary (`answer`):
- `EdgeMiddleware` refuses control characters (NUL and the like) in the address, form
  fields and JSON bodies before any view runs (PostgreSQL refuses NUL in text, SQLite
  stores it silently), and bodies past the upload cap;
- `EdgeErrors` (last middleware) turns database errors that escaped a view into 503/400;
- `ucj.web.errors.handler400`/`handler500` classify first (`classify`, `answer`), then
  use the friendly pages (which answer JSON under /api/ too; see `ucj/urls.py`);
- `ucj/api/errors.py` uses `classify` for exceptions inside API routes.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from html import escape

from django.db import DataError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair

log = logging.getLogger("ucj.edge")

# C0 controls except tab, line feed and carriage return (text areas send those), and DEL.
CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
_CONTROL = re.compile(CONTROL)
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def has_control(text: str) -> bool:
    return _CONTROL.search(text) is not None


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def answer(request: HttpRequest, status: int, message_id: str, message_en: str) -> HttpResponse:
    """JSON under /api/, a plain bilingual page elsewhere. The page uses no template and
    no database: it must work while the database is the problem."""
    if is_api(request):
        return JsonResponse({"message_id": message_id, "message_en": message_en}, status=status)
    body = (
        '<!doctype html><html lang="id"><meta charset="utf-8">'
        f"<title>{status}</title><main><h1>{status}</h1>"
        f'<p>{escape(message_id)}</p><p lang="en">{escape(message_en)}</p>'
        '<p><a href="/">Beranda / Home</a></p></main></html>'
    )
    response = HttpResponse(body, status=status, content_type="text/html; charset=utf-8")
    if status == 503:
        response["Retry-After"] = "30"
    return response


# Catalogue msgids (English in ucj/locale/en); `pair(...)` gives both languages.
BUSY = _("Basis data sedang sibuk (impor besar atau pemeliharaan); coba lagi sebentar lagi.")
BAD_VALUE = _("Nilai di permintaan di luar rentang yang diterima.")
SERVER_ERROR = _("Terjadi kesalahan di server; sudah dicatat.")
BAD_REQUEST = _("Permintaan tidak sah.")
CONTROL_REFUSED = _("Permintaan berisi karakter kendali (mis. NUL) yang tidak diterima.")


def classify(exc: BaseException) -> tuple[int, str, str] | None:
    """(status, message_id, message_en) for errors that are the caller's or the moment's,
    None for a real bug (a 500). A write lock held past the busy timeout on SQLite, or a
    database that cannot be reached, is an OperationalError: 503, try again. A number
    past a 64-bit column or a value the database refuses is the request's fault: 400."""
    if isinstance(exc, OperationalError):
        return (503, *pair(BUSY))
    if isinstance(exc, OverflowError | DataError):
        return (400, *pair(BAD_VALUE))
    return None


def _form_values(request: HttpRequest) -> list[str]:
    if request.method != "POST" or not (request.content_type or "").startswith(FORM_TYPES):
        return []
    try:
        return [v for values in request.POST.lists() for v in values[1]]
    except Exception:  # a damaged multipart body: let the view's own parsing answer
        return []


def _too_big(request: HttpRequest) -> HttpResponse | None:
    """A body past the upload cap is refused from its Content-Length, before Django
    spools it to disk (a 5 GB POST would otherwise fill the temporary folder first)."""
    from ucj.lib.budget import MB, max_upload_bytes, size_problem

    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return answer(request, 400, *pair(_("Content-Length tidak sah.")))
    if length > max_upload_bytes() + MB:  # the form's other fields and multipart framing
        problem = size_problem(length)
        assert problem is not None
        return answer(request, 413, *problem)
    return None


# In a JSON body control characters arrive escaped (\\u0000) or raw.
_JSON_CONTROL = re.compile(rb"\\u00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])|" + CONTROL.encode())


def _json_has_control(request: HttpRequest) -> bool:
    if request.method not in ("POST", "PUT", "PATCH") or "json" not in (request.content_type or ""):
        return False
    return _JSON_CONTROL.search(request.body) is not None


class EdgeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if (too_big := _too_big(request)) is not None:
            return too_big
        texts = [request.path, *(v for values in request.GET.lists() for v in values[1])]
        texts += [k for k in request.GET]
        texts += _form_values(request)
        if any(has_control(t) for t in texts) or _json_has_control(request):
            return answer(request, 400, *pair(CONTROL_REFUSED))
        return self.get_response(request)


class EdgeErrors:
    """Last in MIDDLEWARE, so its process_exception runs first: a busy database is a 503
    before the friendly-error middleware (ucj.web.middleware) calls it a 500."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        known = classify(exc)
        if known is None:
            return None  # a bug: handler500 answers (JSON under /api/) and it is logged
        log.warning("%s %s: %s", request.method, request.path, type(exc).__name__)
        return answer(request, *known)
