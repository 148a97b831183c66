from __future__ import annotations

import io
from typing import Any

import pytest


@pytest.fixture
def sarolangun(db: Any) -> Any:
    """Rate tables, Jambi's test figures (Sarolangun 112.000 potential, 48.160 active in
    2024-09) and the selection demo roster."""
    from ucj.planning.defaults import ensure_defaults
    from ucj.planning.tests.factories import jambi_figures
    from ucj.selection import demo

    ensure_defaults()
    jambi_figures()
    return demo.load(io.StringIO(), confirmation=False)
