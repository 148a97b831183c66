from __future__ import annotations

import csv
import io

import pytest
from django.utils import translation

from ucj.web.tests import data


@pytest.fixture
def figures(db):
    data.load()


@pytest.mark.django_db
def test_national_page(client, figures):
    with translation.override("id"):
        page = client.get("/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="tilemap"' in html
    assert html.count('role="listitem" class="tile') == 38
    assert "Jambi" in html and "/provinsi/15/" in html
    assert "data contoh" in html.lower()
    assert "Kategori sementara" in html  # provisional note wherever a category shows
    assert "Peringkat provinsi" in html


@pytest.mark.django_db
def test_national_table_twins_are_the_page_rows(client, figures):
    page = client.get("/?format=json")
    body = page.json()
    assert body["table"] == "provinces"
    rows = body["rows"]
    assert len(rows) == 38
    jambi = next(r for r in rows if r["code"] == "15")
    assert jambi["coverage_pct"] is not None and jambi["is_sample"] is True
    text = client.get("/?format=csv").content.decode()
    table = list(csv.DictReader(io.StringIO(text)))
    assert [r["code"] for r in table] == [r["code"] for r in rows]


@pytest.mark.django_db
def test_published_national_beside_ours(client, figures):
    from ucj.indicators import demo

    with translation.override("id"):
        before = client.get("/").content.decode()
    assert "Belum ada angka nasional yang dipublikasikan." in before
    demo.load_published()  # a new stamp: the cached page is not reused
    with translation.override("id"):
        html = client.get("/").content.decode()
    assert "Angka nasional yang dipublikasikan" in html
    assert "39.700.000" in html and "35,68%" in html and "kontan.co.id; ayonusa.com" in html
    rows = client.get("/?format=json&table=published").json()["rows"]
    april = next(r for r in rows if r["period"] == "2025-04")
    assert april["target_pct"] == 52.15 and april["as_of"] == "2025-04-30"
    api = client.get("/api/v1/coverage/national/published").json()["figures"]
    assert [r["period"] for r in api] == [r["period"] for r in rows]


@pytest.mark.django_db
def test_filters_in_url(client, figures):
    page = client.get("/?period=2025-03&segment=BPU&format=json")
    body = page.json()
    assert body["filters"]["period"] == "2025-03" and body["filters"]["segment"] == "BPU"
    jambi = next(r for r in body["rows"] if r["code"] == "15")
    assert jambi["slice_participants"] > 0
    # Nonsense in the URL falls back to defaults, never a 500.
    assert client.get("/?period=bogus&segment=XX&scheme=abc").status_code == 200


@pytest.mark.django_db
def test_province_page(client, figures):
    page = client.get("/provinsi/15/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Kabupaten Sarolangun" in html and "/wilayah/15.03/" in html
    assert 'data-testid="bars"' in html  # no boundaries loaded: ranked bars
    assert "trend-data" in html
    rows = client.get("/provinsi/15/?format=json").json()["rows"]
    assert rows[0]["rank_in_province"] == 1
    assert client.get("/provinsi/15.03/").status_code == 404
    assert client.get("/provinsi/99/").status_code == 404


@pytest.mark.django_db
def test_scorecard(client, figures):
    page = client.get("/wilayah/15.03/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="matrix"' in html
    assert "Data uji dasbor" in html  # sources with dates
    assert 'class="n flag"' in html  # reported 20% vs computed: discrepancy flagged
    assert "Kategori sementara" in html
    assert client.get("/wilayah/15/").status_code == 200  # provinces have a scorecard too


@pytest.mark.django_db
def test_pages_without_any_figures(client):
    for url in ("/", "/provinsi/15/", "/wilayah/15.03/"):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_stale_regions_listed_province_fresh_through_its_kabkota(client, figures):
    from ucj.accounts.testing import region
    from ucj.indicators.models import Participation

    # A province figure of its own from long ago; its kab/kota are current.
    Participation.objects.create(
        region=region("15"),
        period=data.MONTHS[0].replace(year=2023),
        segment="PU",
        count=5,
        source="lama",
    )
    rows = client.get("/").content.decode()
    assert "Data lama" in rows
    from ucj.web.dashboard import stale_regions

    stale = {r["code"] for r in stale_regions(data.MONTHS[-1])}
    assert "15" not in stale and "15.03" not in stale
    assert "11.01" in stale  # Aceh has no figures at all in this data


@pytest.mark.django_db
def test_category_scheme_filter_rebands(client, figures):
    from ucj.indicators.categories import set_scheme

    scheme = set_scheme("absolute", "kurang=0,cukup=20", provisional=False)
    default = client.get("/provinsi/15/?format=json").json()["rows"]
    chosen = client.get(f"/provinsi/15/?scheme={scheme.pk}&format=json").json()["rows"]
    assert {r["category"] for r in chosen} <= {"kurang", "cukup"}
    assert {r["category"] for r in default} != {r["category"] for r in chosen}


@pytest.mark.django_db
def test_every_table_has_twins(client, figures):
    for url, names in (
        ("/", ["provinces", "kabkota", "categories", "movers", "stale", "published"]),
        ("/provinsi/15/", ["kabkota", "categories", "trend", "stale", "sources"]),
        ("/wilayah/15.03/", ["matrix", "trend", "sources"]),
    ):
        html = client.get(url).content.decode()
        for name in names:
            assert f"table={name}" in html, (url, name)
            body = client.get(f"{url}?format=json&table={name}").json()
            assert body["table"] == name and "rows" in body
            csv_text = client.get(f"{url}?format=csv&table={name}").content.decode()
            assert csv_text.splitlines()[0] == ",".join(c["key"] for c in body["columns"])
    matrix = client.get("/wilayah/15.03/?format=json&table=matrix").json()["rows"]
    persons = next(r for r in matrix if r["segment"] == "PU" and r["program"] is None)
    page = client.get("/wilayah/15.03/").context["matrix"]
    pu = next(r for r in page["rows"] if r["segment"] == "PU")
    assert pu["cells"][0] == persons["active_participants"] > 0
    assert client.get("/?format=json&table=nope").status_code == 404


@pytest.mark.django_db
def test_retired_code_leads_to_its_successor(client):
    response = client.get("/wilayah/91.01/")  # Merauke before the 2022 split
    assert response.status_code == 302 and response["Location"] == "/wilayah/93.01/"
