"""Keep the stored coverage results (results.py) up to date on every write.

A write marks the months it touched stale inside its own transaction (`version.bump`).
An import or an undo then recomputes them in that same transaction (`inline`): the new
figures, the new version and the new results commit together, so no reader ever sees
one without the others. Any other write (admin, API, forms, CLI, a category change)
refreshes once its transaction commits; until then a page reading a stale month
computes it itself (and stores it), so a page is never wrong, only slower once.

The stale trend points (points.py) are recomputed first, every stale month of them in
one engine run (a point reads only its month). Only the newest `EAGER_MONTHS` stale
months of coverage objects are recomputed; older ones (a category
change marks every month) are dropped and computed on their first read.
"""

from __future__ import annotations

import logging

from django.db import connection, transaction

from ucj.indicators import coverage, points, store, version

logger = logging.getLogger(__name__)

EAGER_MONTHS = 24


def refresh_stale() -> dict[str, int]:
    """Recompute every stale stored month (newest first) and the stale trend points;
    returns month → rows rewritten."""
    points.refresh(coverage.trend_frame)
    months = store.stale_months()
    eager, late = months[:EAGER_MONTHS], months[EAGER_MONTHS:]
    if late:
        store.forget(late)
    done: dict[str, int] = {}
    for period in eager:
        _, rewritten = store.compute_and_write(period, coverage.engine_objects)
        done[f"{period:%Y-%m}"] = rewritten
    return done


def _after_commit() -> None:
    try:
        refresh_stale()
    except Exception:  # the write is committed; a reader computes what is still stale
        logger.exception("coverage results refresh failed")


def on_bump(inline: bool) -> None:
    if inline:
        refresh_stale()
        return
    # Once per transaction however many rows it saves (a rolled-back one drops it).
    if any(entry[1] is _after_commit for entry in connection.run_on_commit):
        return
    transaction.on_commit(_after_commit)


def connect() -> None:
    """IndicatorsConfig.ready."""
    if on_bump not in version.after_bump:
        version.after_bump.append(on_bump)
