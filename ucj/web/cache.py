"""A cache for the figures the dashboard pages show, keyed on the data version.

The engine computes coverage on read over every region, which is too slow to repeat
for each page view. Its results are cached under a key that includes the data version
(`ucj.indicators.version`): one primary-key read per page view, bumped inside every
transaction that writes shown data (imports, undo, admin and API edits, category
changes, region and boundary loads), so a page never shows figures older than the
data, on any worker or server. The timeout only bounds the memory of old versions.
With UCJ_REDIS_URL the cache is `ucj.web.shared_cache.SharedCache`: Redis down costs
speed, never a page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache

from ucj.indicators import version

TIMEOUT = 3600  # seconds; entries of an older version are never read again
T = TypeVar("T")


def data_stamp() -> str:
    """The current data version as a cache key part (one primary-key read)."""
    return version.stamp()


def cached(stamp: str, name: str, parts: tuple[Any, ...], compute: Callable[[], T]) -> T:
    key = "ucj:web:" + hashlib.sha256(repr((name, parts, stamp)).encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT)
    return found  # type: ignore[no-any-return]
