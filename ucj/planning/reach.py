"""Reach, budget and next-category: the cost calculator joined to the coverage engine.

A region's figures come from `ucj.indicators.services.coverage`; where the region would
then stand comes from re-ranking its province's league with the region's new figure.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import pair
from ucj.lib.periods import optional_month
from ucj.planning.rates import PlanError
from ucj.planning.services import CostRequest, cost


def _engine() -> Any:
    from ucj.indicators import services

    return services


def next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def region_figures(code: str, period: dt.date | None) -> dict[str, Any]:
    """The coverage object, refused with a clear message when the numbers are missing."""
    try:
        cov = _engine().coverage(code, period)
    except LookupError as exc:
        raise PlanError(
            *pair(_("Kode wilayah tidak dikenal: %(code)s"), code=code), "code"
        ) from exc
    if not cov.get("potential_workers") or cov.get("active_participants") is None:
        when = period.strftime("%Y-%m") if period else ""
        raise PlanError(
            *pair(
                _(
                    "%(code)s %(name)s: belum ada potensi pekerja dan peserta aktif untuk "
                    "periode %(when)s"
                ),
                code=cov["code"],
                name=cov["name"],
                when=when or pair(_("terbaru")),
            ),
            "period",
        )
    return cov


def pct(active: int, potential: int) -> float:
    value = Decimal(active) * 100 / Decimal(potential)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def workers_for_pct(target_pct: float | Decimal, potential: int) -> int:
    """Active participants needed for at least target_pct (rounded up to whole workers)."""
    need = Decimal(str(target_pct)) * Decimal(potential) / 100
    return int(need.to_integral_value(rounding=ROUND_CEILING))


def rank_with(league: list[dict[str, Any]], code: str, new_pct: float) -> int | None:
    """The region's rank (1 = highest coverage; ties share a rank) with its new figure."""
    values = [(new_pct if row["code"] == code else row.get("coverage_pct")) for row in league]
    if not any(row["code"] == code for row in league):
        return None
    return 1 + sum(1 for v in values if v is not None and float(v) > new_pct)


def _standing(cov: dict[str, Any], new_active: int, period: dt.date | None) -> dict[str, Any]:
    eng = _engine()
    # The month of the figures (the region's default month when none was asked for), so
    # the league it is re-ranked in is the same month, not the latest anyone reported.
    period = optional_month(cov.get("period")) or period
    new_pct = pct(new_active, int(cov["potential_workers"]))
    category = eng.category_for(new_pct, cov.get("target_pct"), on=period)
    rank = None
    # No rank now, no rank after: too few kab/kota with figures that month to compare.
    if "." in cov["code"] and cov.get("rank_in_province") is not None:
        league = eng.league(province=cov["code"].split(".")[0], period=period)
        rank = rank_with(league, cov["code"], new_pct)
    return {
        "resulting_pct": new_pct,
        "resulting_category": category.get("label"),
        "resulting_category_provisional": category.get("provisional"),
        "resulting_rank_in_province": rank,
    }


def _base(cov: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": cov["code"],
        "name": cov["name"],
        "period": cov["period"],
        "potential_workers": cov["potential_workers"],
        "active_participants": cov["active_participants"],
        "current_pct": cov["coverage_pct"],
        "current_category": cov.get("category"),
        "current_rank_in_province": cov.get("rank_in_province"),
        "target_pct_official": cov.get("target_pct"),
        "is_sample": cov.get("is_sample", False),
        "sources": cov.get("sources", []),
    }


def _cost_for(req: CostRequest, workers: int, period: dt.date | None) -> dict[str, Any]:
    if req.segment not in ("BPU", "PU"):
        raise PlanError(
            *pair(
                _("Hitungan per pekerja hanya untuk segmen BPU atau PU, bukan %(segment)s"),
                segment=req.segment,
            ),
            "segment",
        )
    req.workers = workers
    if req.start is None and period is not None:
        req.start = next_month(period)  # planning starts after the month of the figures
    return cost(req)


def _cost_keys(c: dict[str, Any]) -> dict[str, Any]:
    return {
        "per_worker_month": c["per_worker_month"],
        "per_worker_total": c.get("per_worker_total"),
        "cost_total": c["total"],
        "per_program": c["per_program"],
        "start": c["start"],
        "months": c["months"],
        "legal_basis": c["legal_basis"],
        "notes": c["notes"],
        "rounding": c["rounding"],
    }


def reach(code: str, target_pct: float, req: CostRequest, period: dt.date | None = None) -> dict:
    """What it takes to reach target_pct, and where the region would then stand."""
    if not 0 < float(target_pct) <= 100:
        raise PlanError(
            *pair(_("Target harus di antara 0 dan 100: %(pct)s"), pct=target_pct), "target_pct"
        )
    cov = region_figures(code, period)
    when = period or optional_month(cov["period"])
    potential, active = int(cov["potential_workers"]), int(cov["active_participants"])
    gap = max(0, workers_for_pct(target_pct, potential) - active)
    c = _cost_for(req, gap, when)
    return {
        **_base(cov),
        "target_pct": float(target_pct),
        "gap_workers": gap,
        **_cost_keys(c),
        **_standing(cov, active + gap, when),
    }


def budget(code: str, amount: int, req: CostRequest, period: dt.date | None = None) -> dict:
    """How many workers a budget pays for over the months, and the coverage that gives."""
    if amount < 0:
        raise PlanError(*pair(_("Anggaran tidak boleh negatif")), "amount")
    cov = region_figures(code, period)
    when = period or optional_month(cov["period"])
    potential, active = int(cov["potential_workers"]), int(cov["active_participants"])
    per_worker = _cost_for(req, 1, when)
    each = int(per_worker["per_worker_total"] or per_worker["total"])
    workers = amount // each if each else 0
    uncovered = max(0, potential - active)
    notes = list(per_worker["notes"])
    if workers > uncovered:
        notes.append(
            pair(
                _(
                    "Anggaran cukup untuk %(workers)s pekerja, lebih dari %(uncovered)s yang belum "
                    "terlindungi"
                ),
                workers=workers,
                uncovered=uncovered,
            ).joined()
        )
    c = _cost_for(req, workers, when)
    return {
        **_base(cov),
        "amount": amount,
        "workers": workers,
        **_cost_keys(c),
        "remainder": amount - c["total"],
        "notes": notes,
        **_standing(cov, active + min(workers, uncovered), when),
    }


def next_category(code: str, req: CostRequest, period: dt.date | None = None) -> dict:
    """Workers and money to reach the next category band."""
    eng = _engine()
    cov = region_figures(code, period)
    when = period or optional_month(cov["period"])
    now = eng.category_for(cov["coverage_pct"], cov.get("target_pct"), on=when)
    bands = sorted(eng.bands(on=when), key=lambda b: b["order"])
    higher = [b for b in bands if now.get("order") is not None and b["order"] > now["order"]]
    base = {**_base(cov), "current_category": now.get("label")}
    if not higher:
        return {
            **base,
            "next_category": None,
            "threshold_pct": None,
            "workers": 0,
            "gap_workers": 0,
            "cost_total": 0,
            "per_worker_month": None,
            "resulting_pct": cov["coverage_pct"],
            "resulting_category": now.get("label"),
            "resulting_rank_in_province": cov.get("rank_in_province"),
            "notes": [pair(_("Sudah di kategori tertinggi")).joined()],
        }
    band = higher[0]
    threshold = Decimal(str(band["lower"]))
    if band.get("basis") == "target":
        if not cov.get("target_pct"):
            raise PlanError(
                *pair(
                    _(
                        "Skema kategori memakai persen dari target, tetapi wilayah ini "
                        "belum punya target"
                    )
                ),
                "target_pct",
            )
        threshold = threshold * Decimal(str(cov["target_pct"])) / 100
    out = reach(cov["code"], float(threshold), req, when)
    return {
        **out,
        "current_category": now.get("label"),
        "next_category": band["label"],
        "threshold_pct": float(threshold),
        "category_provisional": band.get("provisional"),
        "workers": out["gap_workers"],
    }
