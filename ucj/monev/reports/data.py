"""What the brief and the national summary show, gathered from the same services as the
pages (indicator engine, monev services, planning calculator when it is installed)."""

from __future__ import annotations

import datetime as dt
import importlib.util
from typing import Any

from ucj.accounts.suppression import full_view_codes, suppress
from ucj.lib import periods
from ucj.monev import follow_up_lists, matrices, services
from ucj.monev.models import STATE_LABELS
from ucj.monev.records import RegulationStatus
from ucj.regions.models import Region

# The PDF speaks Indonesian whatever the screen's language: '30 Juni 2025', 'Juni 2025'.
tanggal = periods.day_name
bulan = periods.month_name


def planning_available() -> bool:
    """The cost section needs the planning app's calculator; without it, no section."""
    return importlib.util.find_spec("ucj.planning.services") is not None


def gap_cost(gap: int | None, period: dt.date | None) -> dict[str, Any] | None:
    """What enrolling the gap costs at the BPU JKK+JKM rate (the Sarolangun question,
    FACTS.md §9): the rest of the year after the data month, and a full year."""
    if not gap or gap <= 0 or not planning_available():
        return None
    from ucj.planning import services as planning
    from ucj.planning.rates import PlanError

    start = period or dt.date.today().replace(day=1)
    start = dt.date(start.year + start.month // 12, start.month % 12 + 1, 1)
    out: dict[str, Any] = {
        "workers": gap,
        "segment": "BPU",
        "programs": ["JKK", "JKM"],
        "start": start.strftime("%Y-%m"),
    }
    try:
        full = planning.cost(
            planning.CostRequest(
                segment="BPU", programs=("JKK", "JKM"), workers=gap, months=12, start=start
            )
        )
        rest_months = 12 - start.month + 1
        rest = planning.cost(
            planning.CostRequest(
                segment="BPU", programs=("JKK", "JKM"), workers=gap, months=rest_months, start=start
            )
        )
    except PlanError as exc:  # e.g. no rate in force yet: the brief says why
        out["error"] = str(exc)
        return out
    out.update(
        full_year=full["total"],
        per_worker_month=full["per_worker_month"],
        rest_of_year=rest["total"],
        rest_months=rest_months,
        legal_basis=full.get("legal_basis", []),
        notes=full.get("notes", []),
    )
    return out


def brief_data(
    user: Any, code: str, period: dt.date | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    """Everything the brief of one region shows. Raises LookupError for an unknown code."""
    from ucj.indicators import services as indicators  # type: ignore[attr-defined]

    obj = indicators.coverage(code, period)
    # Visitors get small cells blanked; the CLI (a system actor) sees every cell.
    obj = suppress(obj, full_view_codes(user))
    region = Region.objects.get(code=obj["code"])
    today = today or dt.date.today()
    data_period = periods.optional_month(obj["period"])
    year = (data_period or today).year
    follow_ups = list(follow_up_lists.region_follow_ups(user, region, today=today))
    plan = matrices.plan_of(user, region, year)
    jakon = matrices.jakon_of(user, region, year)
    national_jakon = matrices.national_jakon()
    return {
        "region": {"code": region.code, "name": region.name, "level": region.level},
        "coverage": obj,
        "series": indicators.series(region.code),
        "regulations": [
            {
                "kind": r.get_kind_display(),
                "number": r.number,
                "year": r.year,
                "title": r.title,
                "status": r.get_status_display(),
                "enacted": r.status == RegulationStatus.ENACTED,
                "covers": r.covers,
                "is_sample": r.is_sample,
            }
            for r in matrices.regulations_of(user, region)
        ],
        "follow_ups": [
            {
                "action": f.action,
                "office": f.responsible_office,
                "due": f.due_date,
                "state": f.state,
                "state_label": str(STATE_LABELS[f.state]),
                "session_date": f.recommendation.finding.session.date,
            }
            for f in follow_ups
        ],
        "counts": follow_up_lists.follow_up_counts(user, region, today),
        "plan": plan,
        "jakon": matrices.jakon_dict(jakon) if jakon else None,
        "national_jakon": national_jakon,
        "cost": gap_cost(obj.get("gap_workers"), data_period),
        "planning_available": planning_available(),
        "generated": today,
    }


def national_data(
    user: Any, period: dt.date | None = None, today: dt.date | None = None
) -> dict[str, Any]:
    from ucj.indicators import services as indicators  # type: ignore[attr-defined]

    today = today or dt.date.today()
    nation = indicators.national(period)
    provinces = indicators.league(level="province", period=periods.optional_month(nation["period"]))
    year = (periods.optional_month(nation["period"]) or today).year
    regs = matrices.regulation_matrix(user)
    plan = matrices.plan_checklist(user, year)
    # The nation's sources, or else those of the regions it adds up, once each (a rolled-up
    # object may carry none of its own).
    seen: dict[tuple[Any, ...], dict[str, Any]] = {}
    month = periods.optional_month(nation["period"])
    below = [] if nation.get("sources") else indicators.league(level="kabkota", period=month)
    for obj in [nation, *provinces, *below]:
        for s in obj.get("sources") or []:
            key = (s.get("kind"), s.get("source"), s.get("is_sample"))
            if key not in seen or (s.get("as_of") or "") > (seen[key].get("as_of") or ""):
                seen[key] = s
    return {
        "coverage": nation,
        "provinces": provinces,
        "sources": sorted(seen.values(), key=lambda s: (s["kind"] or "", s["source"] or "")),
        "national_jakon": matrices.national_jakon(),
        "regulations": regs,
        "plan": plan,
        "jakon": matrices.jakon_table(user, year),
        "escalated": list(follow_up_lists.escalated(user, None, today)),
        "overdue_total": services.scoped(services.FollowUp, user).overdue(today).count(),
        "generated": today,
    }
