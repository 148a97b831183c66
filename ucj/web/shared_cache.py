"""The shared page cache (UCJ_REDIS_URL): Django's Redis cache that degrades, not fails.

Every figure a page shows can be computed again from the database; the cache only saves
that work. So when Redis cannot be reached (down, restarting, a network cut) a read is a
miss and a write is skipped: the page is computed for this request, slower but right,
and a warning is logged at most once a minute per worker. `/readyz` still reports the
cache as failing (its write is skipped, so its read misses), so a load balancer and the
operator see it.
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)
UNREACHABLE = (RedisError, OSError)  # what the client raises when the server is gone
WARN_EVERY = 60.0  # seconds


class SharedCache(RedisCache):
    _warned_at = -WARN_EVERY

    def _failed(self, error: Exception) -> None:
        now = time.monotonic()
        if now - SharedCache._warned_at >= WARN_EVERY:
            SharedCache._warned_at = now
            log.warning("page cache unreachable, computing figures per request: %s", error)

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        try:
            return super().get(key, default, version)
        except UNREACHABLE as error:
            self._failed(error)
            return default

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        try:
            return super().get_many(keys, version)
        except UNREACHABLE as error:
            self._failed(error)
            return {}

    def set(self, key: Any, value: Any, timeout: Any = None, version: Any = None) -> None:
        try:
            super().set(key, value, timeout, version)
        except UNREACHABLE as error:
            self._failed(error)

    def add(self, key: Any, value: Any, timeout: Any = None, version: Any = None) -> bool:
        try:
            return bool(super().add(key, value, timeout, version))
        except UNREACHABLE as error:
            self._failed(error)
            return False

    def set_many(self, data: Any, timeout: Any = None, version: Any = None) -> list[Any]:
        try:
            return list(super().set_many(data, timeout, version))
        except UNREACHABLE as error:
            self._failed(error)
            return list(data)

    def delete(self, key: Any, version: Any = None) -> bool:
        try:
            return bool(super().delete(key, version))
        except UNREACHABLE as error:
            self._failed(error)
            return False
