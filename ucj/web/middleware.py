"""Request handling shared by every page.

ChosenLanguageOnly: Bahasa Indonesia first: the language is the one the user chose with
the switch (cookie), else UCJ_LANGUAGE; the browser's Accept-Language is not consulted,
so a government PC with an English browser still opens in Bahasa Indonesia.

FriendlyErrors: with UCJ_DEBUG=1 (the demo) Django shows its technical 404 and 500 pages,
which tell an officer nothing and show code; this shows our error pages instead (unless
a developer sets UCJ_TECHNICAL_ERRORS=1). 403 needs nothing here: Django calls
handler403 in every mode.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from ucj.web import errors

logger = logging.getLogger("django.request")


class ChosenLanguageOnly:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)


class FriendlyErrors:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    @staticmethod
    def _active() -> bool:
        return bool(settings.DEBUG) and not settings.UCJ_TECHNICAL_ERRORS

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # No URL matched: the 404 came from Django's resolver (the technical page when
        # DEBUG is on), not from one of our views.
        unresolved = getattr(request, "resolver_match", None) is None
        if response.status_code == 404 and unresolved and self._active():
            return errors.page_not_found(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not self._active():
            return None
        if isinstance(exception, Http404):
            return errors.page_not_found(request, exception)
        if isinstance(exception, PermissionDenied):
            return None  # handler403 (errors.permission_denied) in every mode
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"request": request},
        )
        return errors.server_error(request)
