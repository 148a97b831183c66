"""Test set-up shared by every app: the region master is loaded once per test database."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

SHARED = Path(__file__).resolve().parent.parent / "shared"
# A checkout elsewhere (a git worktree) may point at the shared folder explicitly.
REFERENCE = Path(os.environ.get("SHARED_REFERENCE_DIR") or SHARED / "reference")


def _engine() -> str:
    """The suite's database, as ucj.settings chooses it."""
    return "postgresql" if os.environ.get("UCJ_DATABASE_URL") else "sqlite"


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    """A test about one database's behaviour (marked `postgresql` or `sqlite`) is left
    out of the other database's suite instead of being collected and skipped: CI runs
    the README's test command on both, so each such test runs once, and no skip is
    reported that checks nothing."""
    other = "sqlite" if _engine() == "postgresql" else "postgresql"
    left_out = [item for item in items if item.get_closest_marker(other)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker(other)]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        _load_master()


def _load_master() -> None:
    from ucj.indicators.defaults import ensure_defaults
    from ucj.regions.loader import load_master

    load_master()
    ensure_defaults()


@pytest.fixture
def master(transactional_db: Any) -> None:
    """For transactional tests (live server, subprocesses): the flush between tests
    empties every table, so load the master again (idempotent)."""
    _load_master()


@pytest.fixture
def personas(db: Any) -> Any:
    from ucj.accounts.testing import make_personas

    return make_personas()


@pytest.fixture
def reference() -> Path:
    """The shared reference data (../shared/reference), for tests that compare with it.

    The product never needs it at run time, so a checkout without it skips these tests."""
    if not REFERENCE.is_dir():
        pytest.skip(f"reference data not present: {REFERENCE} (../shared/reference) is absent")
    return REFERENCE
