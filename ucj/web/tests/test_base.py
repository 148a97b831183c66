from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.test import override_settings
from django.utils import translation


def render(text: str, **ctx) -> str:
    return Template("{% load ucj_format %}" + text).render(Context(ctx))


def test_indonesian_formats():
    assert render("{{ n|angka }}", n=1234567) == "1.234.567"
    assert render("{{ p|persen }}", p=43.5) == "43,5%"
    assert render("{{ p|persen:2 }}", p="43.456") == "43,46%"
    assert render("{{ r|rupiah_singkat }}", r=4_970_000_000) == "Rp4,97 miliar"
    assert render("{{ d|pp }}", d=-1.25) == "-1,2 pp" or render("{{ d|pp }}", d=-1.25) == "-1,3 pp"
    assert render("{{ c|rank_change }}", c=2) == "▲2"
    assert render("{{ n|angka }}", n=None) == "–"
    with translation.override("id"):
        assert render("{{ d|periode }}", d=dt.date(2025, 5, 1)) == "Mei 2025"
        assert render("{{ d|tanggal }}", d="2025-05-19") == "19 Mei 2025"
    with translation.override("en"):
        assert render("{{ d|periode }}", d="2025-05") == "May 2025"


def test_category_chip_has_text_and_colour():
    html = render(
        "{% kategori row %}",
        row={"category": "rendah", "category_colour": "#fc8d59", "category_provisional": True},
    )
    assert "rendah*" in html and "#fc8d59" in html
    assert "data contoh" in render("{% data_contoh True %}")
    assert render("{% data_contoh False %}") == ""


def test_static_assets_come_from_installed_packages():
    assert finders.find("plotly/plotly.min.js")
    assert finders.find("django_htmx/htmx-2.min.js")
    assert finders.find("web/ucj.css")


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="id")
def test_language_switch_is_remembered(client):
    page = client.get("/")
    assert page.status_code == 200
    assert 'lang="id"' in page.content.decode()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    page = client.get("/")
    assert 'lang="en"' in page.content.decode()
    assert ">Home<" in page.content.decode()


@pytest.mark.django_db
@override_settings(LANGUAGE_CODE="id")
def test_bahasa_indonesia_even_for_an_english_browser(client):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert 'lang="id"' in page.content.decode()
    assert ">Beranda<" in page.content.decode()


def test_waktu_is_local_time_in_indonesian_format():
    import datetime as dt

    from django.utils import translation

    from ucj.web.templatetags.ucj_format import waktu

    utc = dt.datetime(2026, 12, 1, 20, 10, tzinfo=dt.UTC)
    with translation.override("id"):
        assert waktu(utc) == "2 Des 2026 03.10 WIB"  # Asia/Jakarta is UTC+7
        assert waktu(utc.isoformat()) == "2 Des 2026 03.10 WIB"
    assert waktu(None) == "–"
