"""The national page's 514-row kab/kota league: filter, sort, page, all in the URL."""

from __future__ import annotations

import re

import pytest

from ucj.web.tests import data


@pytest.fixture
def figures(db):
    data.load()


def _codes(html: str) -> list[str]:
    table = html.split('data-table="kabkota-league"', 1)[1].split("</table>", 1)[0]
    return re.findall(r'<tr data-code="([^"]+)"', table)


@pytest.mark.django_db
def test_league_pages_through_all_514(client, figures):
    first = client.get("/").content.decode()
    codes = _codes(first)
    assert len(codes) == 50
    assert "1–50" in first and "514" in first
    seen = set(codes)
    for page in range(2, 12):
        seen |= set(_codes(client.get(f"/?kk_page={page}").content.decode()))
    assert len(seen) == 514
    last = client.get("/?kk_page=11").content.decode()
    assert len(_codes(last)) == 14 and 'aria-current="page">11<' in last


@pytest.mark.django_db
def test_league_filters_by_province_and_category(client, figures):
    html = client.get("/?kk_prov=15").content.decode()
    codes = _codes(html)
    assert len(codes) == 11 and all(c.startswith("15.") for c in codes)
    rows = client.get("/?format=json&table=kabkota").json()["rows"]
    jambi = [r for r in rows if r["code"].startswith("15.")]
    category = jambi[0]["category"]
    wanted = {r["code"] for r in jambi if r["category"] == category}
    html = client.get("/", {"kk_prov": "15", "kk_cat": category}).content.decode()
    assert set(_codes(html)) == wanted
    # Other filters (month etc.) stay in the form as hidden fields.
    html = client.get("/?kk_prov=15&segment=PU").content.decode()
    assert '<input type="hidden" name="segment" value="PU">' in html


@pytest.mark.django_db
def test_league_sorts_by_a_column_either_way(client, figures):
    rows = client.get("/?format=json&table=kabkota").json()["rows"]
    pct = {r["code"]: r["coverage_pct"] for r in rows}
    up = _codes(client.get("/?kk_prov=15&kk_sort=coverage_pct&kk_dir=asc").content.decode())
    down = _codes(client.get("/?kk_prov=15&kk_sort=coverage_pct&kk_dir=desc").content.decode())
    values = [pct[c] for c in up if pct[c] is not None]
    assert values == sorted(values) and values
    assert [c for c in down if pct[c] is not None] == [c for c in up if pct[c] is not None][::-1]
    html = client.get("/?kk_sort=coverage_pct&kk_dir=desc").content.decode()
    assert 'aria-sort="descending"' in html


@pytest.mark.django_db
def test_league_bad_parameters_fall_back(client, figures):
    page = client.get("/?kk_page=abc&kk_sort=DROP&kk_prov=zz&kk_dir=x")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Tidak ada kabupaten/kota yang cocok" in html  # unknown province: empty, no 500
    assert len(_codes(client.get("/?kk_page=999").content.decode())) == 14  # last page


@pytest.mark.django_db
def test_national_trend_chart_and_its_twin(client, figures):
    html = client.get("/").content.decode()
    assert 'id="trend"' in html and 'id="trend-data"' in html
    points = client.get("/?format=json&table=trend").json()["rows"]
    assert points and all(p["coverage_pct"] is not None for p in points)
