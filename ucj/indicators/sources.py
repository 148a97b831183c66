"""Where each figure came from: the sources behind a region's object for one month.

Two queries per call, whatever the number of regions. A rolled-up region lists the
distinct sources of the regions it adds up.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from ucj.indicators.frame import month
from ucj.indicators.models import Participation, PotentialWorkers

Source = dict[str, Any]


def _entry(kind: str, source: str, url: str, as_of: dt.date | None, sample: bool) -> Source:
    return {
        "kind": kind,
        "source": source,
        "url": url or None,
        "as_of": as_of.isoformat() if as_of else None,
        "is_sample": bool(sample),
    }


def participation_sources(period: dt.date) -> dict[str, list[Source]]:
    rows = (
        Participation.objects.filter(period=month(period))
        .values_list("region__code", "source", "source_url", "is_sample", "as_of")
        .order_by()
        .distinct()
    )
    best: dict[tuple[str, str, str, bool], dt.date | None] = {}
    for code, source, url, sample, as_of in rows:
        key = (code, source, url, sample)
        if key not in best or (as_of and (best[key] is None or as_of > best[key])):  # type: ignore[operator]
            best[key] = as_of
    out: dict[str, list[Source]] = defaultdict(list)
    for (code, source, url, sample), as_of in best.items():
        out[code].append(_entry("participants", source, url, as_of, sample))
    return out


def potential_sources(year: int) -> dict[str, Source]:
    by_code: dict[str, dict[int, Source]] = defaultdict(dict)
    for code, y, source, url, as_of, sample in PotentialWorkers.objects.values_list(
        "region__code", "year", "source", "source_url", "as_of", "is_sample"
    ):
        by_code[code][y] = _entry("potential", source, url, as_of, sample)
    out = {}
    for code, years in by_code.items():
        earlier = [y for y in years if y <= year]
        out[code] = years[max(earlier) if earlier else min(years)]
    return out


def merge(entries: list[Source]) -> list[Source]:
    """Distinct sources, each with its latest as-of date."""
    merged: dict[tuple[Any, ...], Source] = {}
    for e in entries:
        key = (e["kind"], e["source"], e["url"], e["is_sample"])
        if key not in merged or (e["as_of"] or "") > (merged[key]["as_of"] or ""):
            merged[key] = dict(e)
    return sorted(merged.values(), key=lambda e: (e["kind"], e["is_sample"], e["source"]))


def target_source(row: dict[str, Any]) -> Source | None:
    if row.get("target_issuer") is None:
        return None
    return _entry(
        "target",
        row["tgt_source"] or "",
        row["tgt_url"] or "",
        row["tgt_as_of"],
        bool(row["tgt_sample"]),
    )


def reported_source(row: dict[str, Any]) -> Source | None:
    if row.get("reported_pct") is None and not row.get("reported_category"):
        return None
    return _entry(
        "reported",
        row["rep_source"] or "",
        row["rep_url"] or "",
        row["rep_as_of"],
        bool(row["rep_sample"]),
    )
