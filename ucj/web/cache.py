"""A cache for the figures the dashboard pages show, keyed on a stamp of the data.

The engine computes coverage on read over every region, which is too slow to repeat
for each page view. Its results are cached under a key that includes a stamp of the
data (one cheap query of counts, maximum ids and small sums over the figure tables,
the import batches and the category settings): any import, undo, target edit or
category change gives a new stamp, so a page never shows figures older than the
data. A short timeout bounds what the stamp could miss (an in-place edit that keeps
every count, id and sum) and the memory used.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import connection

from ucj.indicators.models import (
    CategoryBand,
    CategoryScheme,
    IssuerPriority,
    NationalFigure,
    Participation,
    PotentialWorkers,
    ReportedCoverage,
    SegmentMapping,
    Target,
)
from ucj.intake.models import ImportBatch
from ucj.regions.models import Boundary, Region

TIMEOUT = 300  # seconds
T = TypeVar("T")


def _parts() -> list[str]:
    q = connection.ops.quote_name

    def t(model: Any) -> str:
        return q(model._meta.db_table)

    return [
        f"SELECT MAX(id) FROM {t(Participation)}",
        f"SELECT COUNT(*) FROM {t(Participation)}",
        f"SELECT COUNT(*) + COALESCE(MAX(id), 0) * 1000003 + COALESCE(SUM(total), 0) "
        f"FROM {t(PotentialWorkers)}",
        f"SELECT COUNT(*) + COALESCE(MAX(id), 0) * 1000003 + COALESCE(SUM(pct), 0) "
        f"+ COALESCE(SUM(workers), 0) FROM {t(Target)}",
        f"SELECT COUNT(*) + COALESCE(MAX(id), 0) * 1000003 + COALESCE(SUM(pct), 0) "
        f"FROM {t(ReportedCoverage)}",
        f"SELECT COUNT(*) + COALESCE(MAX(id), 0) * 1000003 + COALESCE(SUM(participants), 0) "
        f"+ COALESCE(SUM(pct), 0) FROM {t(NationalFigure)}",
        f"SELECT COUNT(*) + COALESCE(MAX(id), 0) * 1000003 FROM {t(ImportBatch)}",
        f"SELECT COUNT(*) FROM {t(ImportBatch)} WHERE status = 'undone'",
        f"SELECT COUNT(*) + COALESCE(MAX(id), 0) * 1000003 FROM {t(CategoryScheme)}",
        f"SELECT COUNT(*) + COALESCE(SUM(lower * (id + 1)), 0) + COALESCE(SUM(LENGTH(colour) "
        f"+ LENGTH(label) * id), 0) FROM {t(CategoryBand)}",
        f"SELECT COALESCE(SUM({q('rank')} * id), 0) FROM {t(IssuerPriority)}",
        f"SELECT COALESCE(SUM(LENGTH({q('group')}) * id), 0) FROM {t(SegmentMapping)}",
        f"SELECT COUNT(*) + COALESCE(MAX(id), 0) * 1000003 FROM {t(Boundary)}",
        f"SELECT COUNT(*) + COALESCE(MAX(id), 0) * 1000003 FROM {t(Region)}",
    ]


def data_stamp() -> str:
    """One query; changes whenever the figures or the category settings change."""
    sql = "SELECT " + ", ".join(f"({part})" for part in _parts())
    with connection.cursor() as cursor:
        cursor.execute(sql)
        row = cursor.fetchone()
    return hashlib.sha256(repr(row).encode()).hexdigest()[:16]


def cached(stamp: str, name: str, parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
    key = "ucj:web:" + hashlib.sha256(repr((name, parts, stamp)).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT)
    return found  # type: ignore[no-any-return]
