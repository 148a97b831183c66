"""A region's planning overview: cost to close the gap, next category, committed funding.

Used by the planning page, the scorecard panel and the API; one function, one shape.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ucj.lib.periods import optional_month
from ucj.planning.funding import summary
from ucj.planning.rates import PlanError
from ucj.planning.reach import next_category, reach, region_figures
from ucj.planning.services import CostRequest
from ucj.regions.models import Region


def default_request(months: int = 12) -> CostRequest:
    """The package most Pemda buy for vulnerable workers: BPU JKK+JKM at the minimum."""
    return CostRequest(segment="BPU", programs=("JKK", "JKM"), months=months)


def overview(region: Region, user: Any, period: dt.date | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {
        "code": region.code,
        "name": region.name,
        "gap": None,
        "next": None,
        "errors": [],
        "coverage": None,
    }
    try:
        cov = region_figures(region.code, period)
        out["coverage"] = cov
        when = period or optional_month(cov["period"])
        target = cov.get("target_pct")
        if target and cov["coverage_pct"] is not None and cov["coverage_pct"] < target:
            out["gap"] = reach(region.code, float(target), default_request(), when)
        out["next"] = next_category(region.code, default_request(), when)
        year = when.year if when else None
    except PlanError as exc:
        out["errors"].append(exc.shown())
        year = period.year if period else None
    out["funding"] = summary(user, region, year)
    out["is_sample"] = bool((out["coverage"] or {}).get("is_sample")) or out["funding"]["is_sample"]
    return out
