from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def fresh_cache():
    """Test databases reuse ids after a rollback, so a cached page of the previous test
    could match the stamp of this one."""
    cache.clear()
    yield
    cache.clear()
