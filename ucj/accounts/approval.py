"""Approval and locking of monthly kab/kota figures.

Interface used by the intake pipeline and by edit forms (the accounts work fills in the
workflow behind it): `locked_cells` returns, for the (region_id, period) pairs a write
would touch, those that are approved and therefore locked, with who approved and when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class LockedCell:
    region_id: int
    period: dt.date
    approved_by: str
    approved_at: dt.datetime


def locked_cells(pairs: Iterable[tuple[int, dt.date]]) -> list[LockedCell]:
    """Approved (locked) cells among `pairs`. No approvals exist yet, so none are locked."""
    return []
