"""A one-month page costs the same however long the history (issue 17 item 4): the
national page, built from the stored coverage objects and trend points, runs the same
queries with 3 months of figures as with 3 + 21 older ones, and none of them scans the
participation table's whole history (`DISTINCT period`, `MAX(period)` without a bound).
The time ratio at 60 vs 240 months is measured in bench/indicators (stored.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ucj.indicators import refresh, version
from ucj.indicators.models import Participation
from ucj.web.tests import data

pytestmark = pytest.mark.django_db

PAGES = ("/?period=2025-05", "/provinsi/15/?period=2025-05", "/wilayah/15.03/?period=2025-05")
OLDER = 21  # months before the first of data.MONTHS


def older_months() -> list[dt.date]:
    first = data.MONTHS[0].year * 12 + data.MONTHS[0].month - 1
    return [dt.date((first - k) // 12, (first - k) % 12 + 1, 1) for k in range(OLDER, 0, -1)]


def add_history() -> None:
    """The same rows again in older months, bumped as a set-based writer does."""
    fields = ("region_id", "segment", "program", "count", "source")
    rows = list(Participation.objects.filter(period=data.MONTHS[0]).values(*fields))
    Participation.objects.bulk_create(
        Participation(**r, period=m, as_of=m.replace(day=28), is_sample=True)
        for m in older_months()
        for r in rows
    )
    version.bump(version.months(older_months()))
    refresh.refresh_stale()  # what the commit would run (a test's transaction never commits)


def page_queries(client, path: str) -> list[str]:
    """The SQL of one view of the page, its page cache emptied first (built from the
    stored results, as after every write)."""
    client.get(path, secure=True)  # stored results filled
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, secure=True)
    assert response.status_code == 200, path
    return [q["sql"] for q in captured.captured_queries]


def whole_history_scans(queries: list[str]) -> list[str]:
    """Queries reading the participation table's months with no lower bound on the
    month and no short list of regions: what grows with the history."""
    table = Participation._meta.db_table
    found = []
    for sql in queries:
        if table not in sql:
            continue
        reads_months = re.search(r"DISTINCT|MAX\(", sql, re.IGNORECASE)
        # A month range, or the few regions without a recent figure (stale_regions).
        few = r'("region_id"|"regions_region"\."id") IN \('
        bounded = re.search(r'"period" >=? ', sql) or re.search(few, sql)
        if reads_months and not bounded:
            found.append(sql)
    return found


@pytest.mark.parametrize("path", PAGES)
def test_one_month_page_same_queries_with_more_history(client, path):
    data.load(provinces=("15", "18"))
    short = page_queries(client, path)
    add_history()
    assert len(Participation.objects.values("period").distinct()) == 3 + OLDER
    long = page_queries(client, path)
    assert len(long) == len(short), "\n".join(long)
    assert whole_history_scans(long) == []
    assert not any(re.search(r"DISTINCT\s+\S*\"period\"", sql) for sql in long)


def test_the_scan_check_sees_a_whole_history_scan():
    """The check itself: the month picker's old query (DISTINCT period over the whole
    table) and the old stale-region query (MAX per region, no bound) are caught."""
    from django.db.models import Max

    from ucj.regions.models import Region

    distinct = Participation.objects.values_list("period", flat=True).distinct()
    newest = Region.objects.annotate(last=Max("participations__period")).values("last")
    assert len(whole_history_scans([str(distinct.query), str(newest.query)])) == 2


def test_trend_points_read_not_computed(client):
    """After the write's refresh, the trend of the page reads stored points: the engine
    (its aggregate over participation) does not run on the page."""
    data.load(provinces=("15",))
    add_history()
    queries = page_queries(client, "/provinsi/15/?period=2025-05")
    grouped = [q for q in queries if Participation._meta.db_table in q and "GROUP BY" in q]
    assert grouped == [] or all("IN (" in q for q in grouped), grouped
