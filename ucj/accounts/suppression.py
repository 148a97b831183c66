"""Small-cell suppression for aggregates shown outside a user's own scope.

Computed coverage objects (the engine reads figures set-based, not per user) are public
aggregates; counts below settings.UCJ_PUBLIC_MIN_CELL are blanked for anyone who may not
read that region's rows in full (public viewers, anonymous, officers of other regions).

Blanking the small cell alone is not enough: a region's persons are the sum of its
segments, and a column of kab/kota adds up to the province shown beside it, so a cell
that is the only blank of such a sum is the total minus the visible cells. Complementary
suppression therefore blanks the next smallest visible cell of every sum that has
exactly one blank, and repeats until no sum has exactly one (the blanks it adds may
open new sums). Figures computed from a blank count (coverage %, gap, discrepancy,
program %) are blanked with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings

from ucj.accounts.roles import Role
from ucj.accounts.scoping import VIEW, allowed_regions, has_role

COUNT_KEYS = ("active_participants",)
COUNT_MAPS = ("by_segment", "by_program")
PERSONS = ("active_participants", None)
# Percentages derived from a suppressed count would give it back.
DERIVED_MAPS = {"by_program": "by_program_pct"}
# Figures computed from the persons count: persons = pct × potential, target − gap, …
PERSONS_DERIVED = ("coverage_pct", "gap_workers", "discrepancy_pp", "formal_pct", "informal_pct")

Cell = tuple[str, str | None]  # ("active_participants", None) or ("by_segment", "PU")


def full_view_codes(user: Any) -> set[str] | None:
    """Codes this user sees unsuppressed; None: every code."""
    if has_role(user, Role.ADMIN, Role.NATIONAL):
        return None
    return set(allowed_regions(user, VIEW).values_list("code", flat=True))


def _small(value: Any) -> bool:
    return (
        isinstance(value, int)
        and not isinstance(value, bool)
        and (0 < value < settings.UCJ_PUBLIC_MIN_CELL)
    )


def _get(obj: dict[str, Any], cell: Cell) -> Any:
    key, sub = cell
    if sub is None:
        return obj.get(key)
    values = obj.get(key)
    return values.get(sub) if isinstance(values, dict) else None


def _cells(obj: dict[str, Any]) -> list[Cell]:
    out: list[Cell] = [(k, None) for k in COUNT_KEYS if k in obj]
    for key in COUNT_MAPS:
        if isinstance(obj.get(key), dict):
            out += [(key, sub) for sub in obj[key]]
    return out


def _hide(obj: dict[str, Any], cell: Cell) -> None:
    key, sub = cell
    if sub is None:
        obj[key] = None
        for derived in PERSONS_DERIVED:
            if derived in obj:
                obj[derived] = None
        if obj.get("headline_basis") == "computed":
            obj["headline_pct"] = None
        if isinstance(obj.get("projection"), dict):
            obj["projection"] = {**obj["projection"], "monthly_needed": None}
        check = obj.get("rollup_check")
        if isinstance(check, dict) and "kecamatan_active" in check:
            # A kab/kota summed from its kecamatan: their sum is the hidden count again.
            obj["rollup_check"] = {**check, "kecamatan_active": None, "difference": None}
        return
    obj[key] = {**obj[key], sub: None}
    derived_map = DERIVED_MAPS.get(key)
    if derived_map and isinstance(obj.get(derived_map), dict):
        obj[derived_map] = {**obj[derived_map], sub: None}


def _copy(obj: dict[str, Any]) -> dict[str, Any]:
    out = dict(obj)
    for key in (*COUNT_MAPS, *DERIVED_MAPS.values()):
        if isinstance(out.get(key), dict):
            out[key] = dict(out[key])
    return out


class _Table:
    """Rows of objects; sums are lists of (row, cell) whose total is visible elsewhere."""

    def __init__(self, before: list[dict[str, Any]], after: list[dict[str, Any]], free: set[int]):
        self.before, self.after, self.free = before, after, free

    def hidden(self, row: int, cell: Cell) -> bool:
        return _get(self.before[row], cell) is not None and _get(self.after[row], cell) is None

    def protect(self, sums: Iterable[list[tuple[int, Cell]]]) -> bool:
        """Blank a complement in every sum with exactly one blank; True if anything changed."""
        changed = False
        for members in sums:
            if sum(self.hidden(r, c) for r, c in members) != 1:
                continue
            visible = [
                (value > 0, value, r, c)
                for r, c in members
                if r in self.free and isinstance(value := _get(self.after[r], c), int)
            ]
            if not visible:
                continue  # nothing this viewer may not see is left to blank
            _p, _v, row, cell = min(visible, key=lambda v: (not v[0], v[1], v[2]))
            _hide(self.after[row], cell)
            changed = True
        return changed


def _row_sums(objs: list[dict[str, Any]]) -> list[list[tuple[int, Cell]]]:
    # persons = Σ segments: the persons cell and the segment cells form one sum.
    return [
        [(i, PERSONS)] + [(i, c) for c in _cells(obj) if c[0] == "by_segment"]
        for i, obj in enumerate(objs)
        if PERSONS[0] in obj
    ]


def _column_sums(objs: list[dict[str, Any]]) -> list[list[tuple[int, Cell]]]:
    cells = sorted({c for obj in objs for c in _cells(obj)}, key=str)
    return [[(i, c) for i in range(len(objs))] for c in cells]


def _primary(obj: dict[str, Any]) -> dict[str, Any]:
    out = _copy(obj)
    for cell in _cells(obj):
        if _small(_get(obj, cell)):
            _hide(out, cell)
    return out


def suppress(obj: dict[str, Any], codes: set[str] | None) -> dict[str, Any]:
    """The object with small counts, and their complements, blanked unless its region
    is in `codes`."""
    if codes is None or obj.get("code") in codes:
        return obj
    after = [_primary(obj)]
    table = _Table([obj], after, {0})
    while table.protect(_row_sums([obj])):
        pass
    return after[0]


def suppress_table(rows: list[dict[str, Any]], codes: set[str] | None) -> list[dict[str, Any]]:
    """A league table: each row as `suppress`, and each column (a kab/kota column adds up
    to the province) with no single blank either."""
    if codes is None:
        return rows
    free = {i for i, r in enumerate(rows) if r.get("code") not in codes}
    after = [_primary(r) if i in free else r for i, r in enumerate(rows)]
    table = _Table(rows, after, free)
    sums = _row_sums(rows) + _column_sums(rows)
    for _round in range(len(rows) * 16 + 1):  # each round blanks a cell, or stops
        if not table.protect(sums):
            break
    return after


def suppress_matrix(
    cells: dict[tuple[str, str], int], obj: dict[str, Any]
) -> dict[tuple[str, str], int]:
    """The segment × program matrix a viewer sees (small rows already left out by the
    choke point): each column adds up to the region's total in `obj`, so a column whose
    visible cells fall short of it loses its smallest visible cell too."""
    totals = {"": obj.get("active_participants")}
    totals.update(obj.get("by_program") or {})
    out = dict(cells)
    for program, total in totals.items():
        if not isinstance(total, int):
            continue
        column = {k: v for k, v in out.items() if k[1] == program and k[0] != "ALL"}
        if column and sum(column.values()) < total and len(column) >= 1:
            smallest = min(column, key=lambda k: (column[k], k))
            del out[smallest]
    return out
