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
