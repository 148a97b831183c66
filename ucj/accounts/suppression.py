"""Small-cell suppression for aggregates shown outside a user's own scope.

Computed coverage objects (the engine reads figures set-based, not per user) are public
aggregates; counts below settings.UCJ_PUBLIC_MIN_CELL are blanked for anyone who may not
read that region's rows in full (public viewers, anonymous, officers of other regions).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from ucj.accounts.roles import Role
from ucj.accounts.scoping import VIEW, allowed_regions, has_role

COUNT_KEYS = ("active_participants",)
COUNT_MAPS = ("by_segment", "by_program")
# Percentages derived from a suppressed count would give it back.
DERIVED_MAPS = {"by_program": "by_program_pct"}


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


def suppress(obj: dict[str, Any], codes: set[str] | None) -> dict[str, Any]:
    """The object with small counts set to None unless its region is in `codes`."""
    if codes is None or obj.get("code") in codes:
        return obj
    out = dict(obj)
    for key in COUNT_KEYS:
        if _small(out.get(key)):
            out[key] = None
            out["coverage_pct"] = None
            if out.get("headline_basis") == "computed":  # the same figure, under its new key
                out["headline_pct"] = None
    for key in COUNT_MAPS:
        values = out.get(key)
        if isinstance(values, dict):
            hidden = {k for k, v in values.items() if _small(v)}
            out[key] = {k: (None if k in hidden else v) for k, v in values.items()}
            derived = DERIVED_MAPS.get(key)
            if hidden and derived and isinstance(out.get(derived), dict):
                out[derived] = {k: (None if k in hidden else v) for k, v in out[derived].items()}
    return out
