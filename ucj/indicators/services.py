"""The coverage engine's public face: what the CLI, pages, API and reports call.

Computed on read from the stored figures (no batch job), set-based over all regions.
"""

from __future__ import annotations

from ucj.indicators.categories import bands, category_for, current_scheme, set_scheme
from ucj.indicators.coverage import (
    blank,
    compute,
    coverage,
    default_period,
    latest_period,
    league,
    months_with_counts,
    national,
    objects_for,
    series,
)
from ucj.indicators.frame import NATION_CODE, segment_groups
from ucj.indicators.national_published import published_national

__all__ = [
    "NATION_CODE",
    "bands",
    "blank",
    "category_for",
    "compute",
    "coverage",
    "current_scheme",
    "default_period",
    "latest_period",
    "league",
    "months_with_counts",
    "national",
    "objects_for",
    "published_national",
    "segment_groups",
    "series",
    "set_scheme",
]
