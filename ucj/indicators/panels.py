"""Scorecard and national panels: the published figures, each with its source.

A region's published points (reported coverage, participants, potential, targets) are
listed on its scorecard whatever month is on screen, so a figure a source stated is
never hidden by the month picker; the national page lists the national targets with
the documents that set them. Generated sample figures are never listed here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from ucj.indicators.models import (
    NationalTarget,
    Participation,
    PotentialWorkers,
    ReportedCoverage,
    Target,
)


def published_context(region: Any, user: Any, period: dt.date | None) -> dict[str, Any] | None:
    """Every published (non-sample) figure of the region, newest first."""
    mine = {"region": region, "is_sample": False}
    rows: list[dict[str, Any]] = []
    r: Any
    p: Any
    w: Any
    t: Any
    for r in ReportedCoverage.objects.for_user(user).filter(**mine):
        rows.append({"kind": _("Capaian dilaporkan"), "period": r.period, "pct": r.pct,
                     "formal_pct": r.formal_pct, "informal_pct": r.informal_pct,
                     "category": r.category_label, "note": r.note, "f": r})  # fmt: skip
    for p in Participation.objects.for_user(user).filter(program="", **mine):
        rows.append({"kind": _("Peserta aktif"), "period": p.period, "count": p.count,
                     "segment": p.segment if p.segment != "ALL" else p.get_segment_display(),
                     "f": p})  # fmt: skip
    for w in PotentialWorkers.objects.for_user(user).filter(**mine):
        rows.append({"kind": _("Potensi pekerja"), "year": w.year, "count": w.total,
                     "formal": w.formal, "informal": w.informal,
                     "basis": w.get_basis_display(), "f": w})  # fmt: skip
    for t in Target.objects.for_user(user).filter(**mine):
        rows.append({"kind": _("Target"), "year": t.year, "pct": t.pct, "count": t.workers,
                     "note": t.document, "f": t})  # fmt: skip
    if not rows:
        return None
    rows.sort(key=lambda r: r.get("period") or dt.date(r.get("year") or 1, 12, 31), reverse=True)
    return {"rows": rows}


def national_targets_context(
    region: Any, user: Any, period: dt.date | None
) -> dict[str, Any] | None:
    targets = list(NationalTarget.objects.all())
    return {"targets": targets} if targets else None


def kecamatan_context(region: Any, user: Any, period: dt.date | None) -> dict[str, Any] | None:
    """A kab/kota's participation per kecamatan in the month shown, where a source gave
    kecamatan figures (issue 20), as stored with the coverage objects; small counts
    blanked outside the viewer's scope like every league table."""
    from ucj.accounts.suppression import full_view_codes, suppress_table
    from ucj.indicators.coverage import objects_for
    from ucj.regions.models import Level, Region

    if not region.is_kabkota:
        return None
    kecamatan = list(
        Region.objects.current()
        .filter(level=Level.DISTRICT, parent=region)
        .order_by("code")
        .values_list("code", flat=True)
    )
    found = objects_for(period, keep={region.code, *kecamatan}) if period else {}
    rows = suppress_table([found[c] for c in kecamatan if c in found], full_view_codes(user))
    own = found.get(region.code) or {}
    return {
        "rows": rows,
        "total": len(kecamatan),
        "check": own.get("rollup_check"),
        "completeness": own.get("completeness") or {},
        "has_figure": own.get("active_participants") is not None,
        "period": period,
    }


def register_panels() -> None:
    from ucj.lib.panels import register

    register(
        name="indicators.published",
        title=_("Angka yang dipublikasikan sumber"),
        template="indicators/panel_published.html",
        context=published_context,
        order=5,
    )
    register(
        name="indicators.kecamatan",
        title=_("Peserta aktif per kecamatan"),
        template="indicators/panel_kecamatan.html",
        context=kecamatan_context,
        order=6,
    )
    register(
        name="indicators.national_targets",
        title=_("Target nasional dan dokumennya"),
        template="indicators/panel_national_targets.html",
        context=national_targets_context,
        order=5,
        page="national",
    )
