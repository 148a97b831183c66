"""Issue 13 item 10: the demo is honest.

Every published point the demo loads is on a screen with its source, and no flagged
discrepancy in the demo is made by generated (sample) figures.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import polars as pl
import pytest
from django.utils.html import escape

from ucj.indicators import demo, published, services
from ucj.indicators.coverage import compute
from ucj.indicators.data_months import distinct_periods
from ucj.indicators.models import PotentialWorkers
from ucj.lib.formats import number, percent
from ucj.regions import population

pytestmark = pytest.mark.django_db


def _pct(text: str) -> str:
    return percent(Decimal(text), 2)


def _page(client, url: str, cache: dict[str, str]) -> str:
    if url not in cache:
        response = client.get(url)
        assert response.status_code == 200, url
        cache[url] = response.content.decode()
    return cache[url]


def test_every_published_point_is_on_screen_with_its_source(client):
    demo.load_published()
    pages: dict[str, str] = {}
    missing: list[str] = []

    def check(url: str, *texts: str) -> None:
        page = _page(client, url, pages)
        missing.extend(f"{url}: {t}" for t in texts if escape(t) not in page)

    for code, _p, _seg, count, source, *_ in published.PARTICIPATION:
        check(f"/wilayah/{code}/", number(count), source)
    for code, _y, total, formal, informal, _b, source, _u in published.POTENTIAL:
        extra = [number(v) for v in (formal, informal) if v is not None]
        check(f"/wilayah/{code}/", number(total), source, *extra)
    for code, _p, pct, f_pct, i_pct, category, note, source, _u, _a in published.REPORTED:
        shown = [_pct(v) for v in (pct, f_pct, i_pct) if v is not None]
        check(f"/wilayah/{code}/", *shown, *[t for t in (category, note) if t], source)
    for code, _y, pct, workers, _i, document, source, _u in published.TARGETS:
        shown = [_pct(pct)] if pct else [number(workers)]
        check(f"/wilayah/{code}/", *shown, document, source)
    for _m, participants, _pot, pct, target, *_parts, note, source, _a in published.NATIONAL:
        shown = [number(participants)] if participants else []
        shown += [_pct(v) for v in (pct, target) if v]
        check("/", *shown, source, *([note] if note else []))
    for _s, _y, pct, workers, program, document, note, source, _a in published.NATIONAL_TARGETS:
        shown = [_pct(pct)] if pct else [number(workers)]
        check("/", *shown, document, source, *[t for t in (note, program) if t])
    assert missing == []


def test_the_check_above_bites():
    """A figure that is not on the page is reported missing (the test can fail)."""
    assert escape(_pct("12.34")) not in "<td>12,35%</td>"


def test_demo_sample_figures_never_make_a_discrepancy(settings):
    """One demo load (it takes a while), three checks on it."""
    demo.load(io.StringIO())
    frame = compute(distinct_periods())

    # Every flagged discrepancy is between published figures only (Bali, Aceh Jun 2025).
    flagged = [
        services.coverage(code, period)
        for code, period in frame.filter(pl.col("discrepancy_flag")).select("code", "period").rows()
    ]
    assert {(o["code"], o["period"]) for o in flagged} >= {("51", "2025-03")}
    for obj in flagged:
        kinds = {s["kind"]: s["is_sample"] for s in obj["sources"]}
        used = {k: v for k, v in kinds.items() if k in ("participants", "potential", "reported")}
        assert set(used) == {"participants", "potential", "reported"}, obj["code"]
        assert not any(used.values()), (obj["code"], obj["period"], obj["sources"])

    # Generated months agree with every published percentage of their region and month.
    tolerance = settings.UCJ_DISCREPANCY_TOLERANCE_PP
    beside = frame.filter(pl.col("reported_pct").is_not_null() & (pl.col("sample") == 1))
    assert beside.height >= 20  # Lampung's kab/kota, Sarolangun, Jambi, Sulsel, …
    off = beside.filter((pl.col("coverage_pct") - pl.col("reported_pct")).abs() > tolerance)
    assert off.height == 0, off.select("code", "period", "coverage_pct", "reported_pct")
    sarolangun = services.coverage("15.03", dt.date(2024, 9, 1))
    assert (sarolangun["potential_workers"], sarolangun["coverage_pct"]) == (112_000, 43.0)
    assert sarolangun["target_pct"] == 65.0

    # Sample potentials are a plausible share of the population, varying by region.
    people = population.population()
    shares = [
        total / people[code]
        for code, total in PotentialWorkers.objects.filter(is_sample=True).values_list(
            "region__code", "total"
        )
    ]
    assert len(shares) > 1000 and min(shares) >= 0.2 and max(shares) <= 0.75
    assert len({round(s, 2) for s in shares}) > 20
    assert not frame.filter(pl.col("code") == "92")["potential"].gt(people["92"] * 0.75).any()
