"""Query counts of the national page and the scorecard are pinned: a page served from
the cache costs the stamp query (plus the region and the scoped matrix on the
scorecard), and a first view costs the same number of queries whatever the number of
regions with data (no query per region)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ucj.lib import panels
from ucj.web.tests import data

PAGES = ["/", "/wilayah/15.03/", "/provinsi/15/"]


def cold_counts(client) -> list[int]:
    counts = []
    for url in PAGES:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts


@pytest.fixture
def no_panels():
    """Scorecard panels of other apps bring their own queries; counted without them."""
    saved = dict(panels._PANELS)
    panels._PANELS.clear()
    yield
    panels._PANELS.update(saved)


@pytest.mark.django_db
def test_cached_pages_query_counts(client, django_assert_num_queries, no_panels):
    data.load()
    for url in PAGES:
        client.get(url)  # fill the cache
    with django_assert_num_queries(1):  # the data stamp
        client.get("/")
    with django_assert_num_queries(1):
        client.get("/?format=json")
    # stamp, region (the scoped matrix is cached per set of roles)
    with django_assert_num_queries(2):
        client.get("/wilayah/15.03/")
    with django_assert_num_queries(2):  # stamp, region
        client.get("/provinsi/15/")


@pytest.mark.django_db
def test_first_view_queries_do_not_grow_with_regions(client, no_panels):
    data.load(provinces=("15",))
    few = cold_counts(client)
    data.load(provinces=("18", "51", "32", "35"))
    many = cold_counts(client)
    assert few == many


@pytest.mark.django_db
def test_new_figures_show_at_once(client):
    """The cache never hides an import: the stamp changes with the data."""
    data.load(provinces=("15",))
    before = client.get("/?format=json").json()["rows"]
    assert next(r for r in before if r["code"] == "18")["coverage_pct"] is None
    data.load(provinces=("18",))
    after = client.get("/?format=json").json()["rows"]
    assert next(r for r in after if r["code"] == "18")["coverage_pct"] is not None


@pytest.mark.django_db
def test_matrix_cache_keeps_scopes_apart(client, personas):
    """The public do not see small cells; the kab/kota's own officer does, also when
    the public view was cached first."""
    from ucj.accounts.testing import PASSWORD, region
    from ucj.indicators.models import Participation

    data.load(provinces=("15",))
    Participation.objects.create(
        region=region("15.03"),
        period=data.MONTHS[-1],
        segment="PMI",
        program="JKM",
        count=3,
        source="uji",
    )
    public = client.get("/wilayah/15.03/").context["matrix"]
    pmi = next(r for r in public["rows"] if r["segment"] == "PMI")
    assert 3 not in pmi["cells"]
    client.login(username=personas.kabkota.username, password=PASSWORD)
    own = client.get("/wilayah/15.03/").context["matrix"]
    pmi = next(r for r in own["rows"] if r["segment"] == "PMI")
    assert 3 in pmi["cells"]
