from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def rate_tables(db: Any) -> None:
    """Every planning test sees the rate tables `ucj init` loads (idempotent)."""
    from ucj.planning.defaults import ensure_defaults

    ensure_defaults()
