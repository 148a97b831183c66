"""Bahasa Indonesia first: the language is the one the user chose with the switch
(cookie), else UCJ_LANGUAGE; the browser's Accept-Language is not consulted, so a
government PC with an English browser still opens in Bahasa Indonesia."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class ChosenLanguageOnly:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


# Only this site's own files run or load. Scripts: 'self' only (no inline script or
# on*= attribute is in any template; data for the charts travels in json_script blocks,
# which are not executed). Styles: 'self' plus 'unsafe-inline' for styles only, because
# Plotly.js and htmx add <style> elements at run time and the templates colour bars and
# tiles with style="--cat:…" attributes, which a nonce cannot cover. An injected style
# cannot run code; an injected script is what the policy stops.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)


class ContentSecurityPolicy:
    """Sends CONTENT_SECURITY_POLICY on every response that does not set its own."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response
