"""Friendly error pages in both languages, in every mode, and the favicon."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings
from django.urls import path

from ucj import urls as project_urls
from ucj.accounts.models import Role
from ucj.accounts.testing import make_user


def _boom(request):
    raise RuntimeError("kaboom-secret-detail")


# The project's URLs and error handlers, plus one view that fails.
urlpatterns = [path("boom/", _boom), *project_urls.urlpatterns]
handler403 = project_urls.handler403
handler404 = project_urls.handler404
handler500 = project_urls.handler500


def _get(path: str, language: str = "id", client: Client | None = None):
    client = client or Client(raise_request_exception=False)
    client.cookies["django_language"] = language
    return client.get(path)


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_404_is_ours_in_both_languages_and_every_mode(debug):
    with override_settings(DEBUG=debug, UCJ_TECHNICAL_ERRORS=False):
        for url in ("/tidak-ada/", "/wilayah/99.99/"):  # no route; a view's Http404
            page = _get(url)
            html = page.content.decode()
            assert page.status_code == 404
            assert 'data-testid="error-page"' in html and "Halaman tidak ditemukan" in html
            assert "Technical" not in html and "URLconf" not in html and "Traceback" not in html
            english = _get(url, "en").content.decode()
            assert "Page not found" in english and "Halaman tidak ditemukan" not in english
            assert 'lang="en"' in english


@pytest.mark.django_db
@pytest.mark.parametrize("debug", [True, False])
def test_403_is_ours_for_a_signed_in_user(debug):
    client = Client()
    client.force_login(make_user("publik", Role.PUBLIC))  # may not read the audit trail
    with override_settings(DEBUG=debug, UCJ_TECHNICAL_ERRORS=False):
        page = _get("/accounts/audit/", client=client)
        english = _get("/accounts/audit/", "en", client=client).content.decode()
    html = page.content.decode()
    assert page.status_code == 403 and 'data-testid="error-page"' in html
    assert "Akses ditolak" in html and "di luar peran atau wilayah" in html
    assert "Access denied" in english and "Akses ditolak" not in english


@pytest.mark.django_db
def test_403_page_renders_both_languages():
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied
    from django.test import RequestFactory
    from django.utils import translation

    from ucj.web import errors

    request = RequestFactory().get("/rahasia/")
    request.user = AnonymousUser()
    for language, words in (("id", "Akses ditolak"), ("en", "Access denied")):
        with translation.override(language):
            page = errors.permission_denied(request, PermissionDenied())
        html = page.content.decode()
        assert page.status_code == 403 and words in html and "/accounts/login/?next=" in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize("debug", [True, False])
def test_500_is_ours_and_shows_no_detail(debug, caplog):
    with override_settings(DEBUG=debug, UCJ_TECHNICAL_ERRORS=False):
        page = _get("/boom/")
        html = page.content.decode()
        assert page.status_code == 500
        assert "Terjadi kesalahan" in html and "kaboom-secret-detail" not in html
        assert "Something went wrong" in _get("/boom/", "en").content.decode()
    assert "kaboom-secret-detail" in caplog.text  # logged for the technical staff


@pytest.mark.django_db
def test_developers_can_have_the_technical_pages():
    with override_settings(DEBUG=True, UCJ_TECHNICAL_ERRORS=True):
        page = _get("/tidak-ada/")
    assert page.status_code == 404 and 'data-testid="error-page"' not in page.content.decode()


@pytest.mark.django_db
def test_api_errors_stay_json():
    with override_settings(DEBUG=True, UCJ_TECHNICAL_ERRORS=False):
        page = _get("/api/tidak-ada/")
    assert page.status_code == 404
    body = page.json()
    assert body["message_id"] and body["message_en"] == "Page not found."


@pytest.mark.django_db
def test_favicon(client):
    page = client.get("/favicon.ico")
    assert page.status_code == 302 and page["Location"].endswith("web/favicon.svg")
    assert 'rel="icon"' in client.get("/").content.decode()
