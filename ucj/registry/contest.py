"""The contest view (Pohuwato-style): a league table of the kecamatan of a kab/kota, or of
the desa of a kecamatan, on a registered measure (`ucj.lib.contest`): roster-group
coverage now, campaign progress once a campaign app registers `campaign`.

Ranking: share (numerator ÷ denominator) high to low, then the larger denominator, then
the code; equal shares and denominators share a rank. Areas without data are listed
after the ranked ones, unranked.

Small cells: a viewer who may not read the area in full (anonymous, public, officers of
other regions: `suppression.full_view_codes`) sees a count under UCJ_PUBLIC_MIN_CELL as
"<N" with its share blanked, and the row unranked. The total is shown, so a column with
exactly one blank would give it back: the next smallest visible count of that column is
blanked too (complementary suppression), until no column has exactly one blank.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ucj.accounts.suppression import full_view_codes
from ucj.lib import contest as measures
from ucj.lib.bilingual import pair
from ucj.regions.models import Level, Region
from ucj.registry.areas import AGGREGATE, AreaError, area


def _rank(rows: list[dict[str, Any]]) -> None:
    ranked = [r for r in rows if r["share_pct"] is not None and not r["suppressed"]]
    ranked.sort(key=lambda r: (-r["share_pct"], -r["denominator"], r["code"]))
    previous, rank = None, 0
    for i, r in enumerate(ranked, start=1):
        key = (r["share_pct"], r["denominator"])
        rank = rank if key == previous else i
        r["rank"], previous = rank, key


def _suppress(rows: list[dict[str, Any]], minimum: int) -> None:
    def small(v: Any) -> bool:
        return isinstance(v, int) and 0 < v < minimum

    for r in rows:
        if small(r["numerator"]) or small(r["denominator"]):
            r["suppressed"] = True
    # Complementary: per column, never exactly one hidden cell next to a shown total.
    for _round in range(len(rows) + 1):
        hidden = [r for r in rows if r["suppressed"]]
        visible = [r for r in rows if not r["suppressed"] and r["denominator"] > 0]
        if len(hidden) != 1 or not visible:
            break
        min(visible, key=lambda r: (r["denominator"], r["code"]))["suppressed"] = True
    for r in rows:
        if r["suppressed"]:
            r["numerator_shown"] = f"<{minimum}" if small(r["numerator"]) else "…"
            r["denominator_shown"] = f"<{minimum}" if small(r["denominator"]) else "…"
            r["numerator"] = r["denominator"] = r["share_pct"] = None


def league(
    code: str, user: Any, measure: str = measures.ROSTER_MEASURE, group: str | None = None
) -> dict[str, Any]:
    """The `ucj contest CODE --json` object (a contract: extend, never rename)."""
    region = area(code)
    found = measures.measure(measure)
    if found is None:
        known = ", ".join(m.name for m in measures.measures())
        raise AreaError(
            *pair(
                _("ukuran '%(measure)s' tidak dikenal (ada: %(known)s)"),
                measure=measure,
                known=known,
            )
        )
    counts = found.rows(region, AGGREGATE, group) or {}
    children = Region.objects.current().filter(parent=region).order_by("code")
    rows = []
    for c, n in children.values_list("code", "name"):
        num, den = counts.get(c, (0, 0))
        rows.append(
            {
                "code": c,
                "name": n,
                "numerator": num,
                "denominator": den,
                "share_pct": round(100.0 * num / den, 2) if den else None,
                "rank": None,
                "suppressed": False,
            }
        )
    full = full_view_codes(user)
    in_full = full is None or region.code in full or region.code[:5] in full
    minimum = settings.UCJ_PUBLIC_MIN_CELL
    if not in_full:
        _suppress(rows, minimum)
    _rank(rows)
    sums = (sum(n for n, _d in counts.values()), sum(d for _n, d in counts.values()))
    total: dict[str, int | None] = {"numerator": sums[0], "denominator": sums[1]}
    if not in_full and any(0 < v < minimum for v in sums):
        total = {"numerator": None, "denominator": None}
    rows.sort(key=lambda r: (r["rank"] is None, r["rank"] or 0, r["code"]))
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "child_level": Level.VILLAGE.value if region.level == Level.DISTRICT else "district",
        "measure": found.name,
        "group": group or None,
        "has_data": bool(counts),
        "suppressed": not in_full,
        "min_cell": minimum,
        "total": total,
        "rows": rows,
    }
