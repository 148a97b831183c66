"""Published national totals beside the nation we compute for the same month.

The nation we compute is the sum of the provinces (frame.NATION_CODE); a published
national total comes from one source on its own basis and date. Both are shown, each
with its provenance; neither replaces the other. Ours is read from the nation's stored
trend points (points.py, refreshed on write): the national page never runs the engine.
"""

from __future__ import annotations

from typing import Any

from ucj.indicators import points
from ucj.indicators.coverage import trend_frame
from ucj.indicators.frame import NATION_CODE
from ucj.indicators.models import NationalFigure
from ucj.indicators.objects import iso, ym


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


def published_national() -> list[dict[str, Any]]:
    """Every published national figure, newest first, with ours for its month
    (`computed_*` None where we hold no data for that month)."""
    rows = list(NationalFigure.objects.order_by("-period", "source"))
    if not rows:
        return []
    ours = {p["period"]: p for p in points.read(NATION_CODE, trend_frame) if p["shown"]}
    out = []
    for row in rows:
        mine = ours.get(ym(row.period), {})
        out.append(
            {
                "period": ym(row.period),
                "active_participants": row.participants,
                "potential_workers": row.potential,
                "coverage_pct": _number(row.pct),
                "target_pct": _number(row.target_pct),
                "segments": {
                    k: getattr(row, k) for k in ("pu", "bpu", "jakon", "pmi") if getattr(row, k)
                },
                "note": row.note,
                "source": row.source,
                "source_url": row.source_url,
                "as_of": iso(row.as_of),
                "computed_active_participants": mine.get("active_participants"),
                "computed_coverage_pct": mine.get("coverage_pct"),
                "computed_is_sample": bool(mine.get("is_sample")),
            }
        )
    return out
