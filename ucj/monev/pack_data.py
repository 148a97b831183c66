"""The figures of a reporting pack: one dict, the same for the PDF, the XLSX, the web
page and `ucj report pack --json`, frozen as it is when the pack is accepted.

Monthly figures (coverage, category, target, gap) are read for the period's last month
from the indicator engine (`ucj coverage`); the opening position for category movements
is the month before the period. Records (sessions, findings, follow-ups, benefits) are
those dated inside the period. A province's pack lists its kab/kota, the nation's its
provinces; each section's totals are computed by grouped queries, not per region.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from ucj.accounts.periods import ReportingPeriod
from ucj.lib.bilingual import pair
from ucj.monev.benefits import BenefitPaid, paid, per_region
from ucj.monev.dimensions import DIMENSION_LABELS, Dimension
from ucj.monev.models import ACTIVE, Finding, FollowUp, MonevSession, Status
from ucj.monev.records import PlanAlignment, Regulation, RegulationStatus
from ucj.monev.services import scoped
from ucj.regions.models import KABKOTA, Level, Region

NATION = "ID"
COVERAGE_KEYS = (
    "code",
    "name",
    "level",
    "period",
    "as_of",
    "potential_workers",
    "active_participants",
    "coverage_pct",
    "headline_pct",
    "headline_basis",
    "completeness",
    "category",
    "category_provisional",
    "target_pct",
    "target_workers",
    "target_year",
    "target_issuer_label",
    "target_document",
    "gap_workers",
    "is_sample",
)


def _month(text: str | None) -> dt.date | None:
    return dt.date(int(text[:4]), int(text[5:7]), 1) if text else None


def _cov(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: obj.get(k) for k in COVERAGE_KEYS}


def _region_filter(code: str, path: str = "region") -> Q:
    """Rows of the region and of every region below it."""
    if code == NATION:
        return Q()
    if "." not in code:
        return Q(**{f"{path}__province_code": code})
    return Q(**{f"{path}__code": code}) | Q(**{f"{path}__code__startswith": code + "."})


def _month_objects(code: str, month: dt.date) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The region's `ucj coverage` object for a month and those of its kab/kota (a
    province) or provinces (the nation), from one run of the engine for the month."""
    from ucj.indicators import coverage as engine
    from ucj.indicators.objects import blank

    if code == NATION:
        kids = Region.objects.provinces()
    elif "." not in code:
        kids = Region.objects.kabkota().in_province(code)
    else:
        kids = Region.objects.none()
    listed = list(kids.values_list("code", "name", "level"))
    found = engine.objects_for(month, keep={code, *(c for c, _n, _l in listed)})
    own = found.get(code) or engine.coverage(code, month)  # a blank one, with its units
    return own, [found.get(c) or blank(c, n, lv, month) for c, n, lv in listed]


def _movement(before: str | None, after: str | None, order: dict[str, int]) -> str:
    if not before or not after:
        return "belum ada pembanding"
    a, b = order.get(after, 0), order.get(before, 0)
    return "naik" if a > b else "turun" if a < b else "tetap"


def _categories(cov: dict, prev: dict, units: list, units_before: list) -> dict[str, Any]:
    from ucj.indicators import services as indicators  # type: ignore[attr-defined]

    order = {b["label"]: b["order"] for b in indicators.bands(_month(cov.get("period")))}
    earlier = {u["code"]: u.get("category") for u in units_before}
    moves = [
        {
            "code": u["code"],
            "name": u["name"],
            "before": earlier.get(u["code"]),
            "after": u.get("category"),
            "movement": _movement(earlier.get(u["code"]), u.get("category"), order),
        }
        for u in units
    ]
    return {
        "before_period": prev.get("period"),
        "before": prev.get("category"),
        "after": cov.get("category"),
        "movement": _movement(prev.get("category"), cov.get("category"), order),
        "counts_before": dict(Counter(u.get("category") or "–" for u in units_before)),
        "counts_after": dict(Counter(u.get("category") or "–" for u in units)),
        "units": moves,
    }


def _budget(user: Any, code: str, year: int) -> dict[str, Any]:
    from ucj.planning.models import FundingSource

    rows = scoped(FundingSource, user).filter(_region_filter(code), year=year)
    items = [
        {
            "region": r.region.name,
            "source": str(r.get_source_display()),  # type: ignore[attr-defined]
            "worker_group": str(r.get_worker_group_display()),  # type: ignore[attr-defined]
            "programs": r.programs,
            "committed_amount": r.committed_amount,
            "realised_amount": r.realised_amount,
            "workers": r.workers,
            "is_sample": r.is_sample,
        }
        for r in rows.select_related("region").order_by("region__code", "source")
    ]
    return {
        "year": year,
        "items": items,
        "committed_amount": sum(i["committed_amount"] or 0 for i in items),
        "realised_amount": sum(i["realised_amount"] or 0 for i in items),
        "workers": sum(i["workers"] or 0 for i in items),
        "is_sample": any(i["is_sample"] for i in items),
    }


def _regulations(user: Any, code: str, year: int) -> dict[str, Any]:
    regs = (
        scoped(Regulation, user)
        .filter(_region_filter(code))
        .exclude(status=RegulationStatus.REVOKED)
        .select_related("region")
        .order_by("region__code", "-year")
    )
    plans = (
        scoped(PlanAlignment, user)
        .filter(_region_filter(code), year=year)
        .select_related("region")
        .order_by("region__code")
    )
    yes = {True: "ya", False: "tidak", None: "belum diperiksa"}
    return {
        "items": [
            {
                "region": r.region.name,
                "regulation": str(r),
                "title": r.title,
                "status": str(r.get_status_display()),  # type: ignore[attr-defined]
                "is_sample": r.is_sample,
            }
            for r in regs
        ],
        "enacted": sum(1 for r in regs if r.status == RegulationStatus.ENACTED),
        "plans": [
            {
                "region": p.region.name,
                "year": p.year,
                "rpjmd": yes[p.in_rpjmd],
                "rkpd": yes[p.in_rkpd],
                "apbd": yes[p.apbd_budget_line],
                "budget_amount": int(p.budget_amount) if p.budget_amount is not None else None,
                "is_sample": p.is_sample,
            }
            for p in plans
        ],
    }


def _sessions(user: Any, code: str, rp: ReportingPeriod) -> list[dict[str, Any]]:
    qs = (
        scoped(MonevSession, user)
        .filter(_region_filter(code, "regions"), held=True, date__gte=rp.start, date__lte=rp.end)
        .distinct()
        .prefetch_related("regions")
        .order_by("date", "id")
    )
    return [
        {
            "date": s.date.isoformat(),
            "title": s.title,
            "organiser": s.organiser_label,
            "mode": str(s.get_mode_display()),  # type: ignore[attr-defined]
            "regions": ", ".join(r.name for r in s.regions.all()),
        }
        for s in qs
    ]


def _findings(user: Any, code: str, rp: ReportingPeriod) -> dict[str, Any]:
    qs = scoped(Finding, user).filter(
        _region_filter(code), session__date__gte=rp.start, session__date__lte=rp.end
    )
    grouped = qs.values("dimension", "obstacle__label").annotate(n=Count("id"))
    by_dim: dict[str, dict[str, Any]] = {}
    for row in grouped:
        d = by_dim.setdefault(
            row["dimension"],
            {
                "dimension": row["dimension"],
                "label": str(DIMENSION_LABELS[row["dimension"]]),
                "count": 0,
                "obstacles": {},
            },
        )
        d["count"] += row["n"]
        name = row["obstacle__label"] or "belum ditentukan"
        d["obstacles"][name] = d["obstacles"].get(name, 0) + row["n"]
    order = [*Dimension.values, ""]
    items = qs.select_related("region", "obstacle", "session").order_by("region__code", "id")
    return {
        "total": sum(d["count"] for d in by_dim.values()),
        "by_dimension": [by_dim[d] for d in order if d in by_dim],
        "items": [
            {
                "region": f.region.name,
                "date": f.session.date.isoformat(),
                "dimension": str(DIMENSION_LABELS[f.dimension]),
                "obstacle": f.obstacle.label if f.obstacle else "belum ditentukan",
                "text": f.text,
            }
            for f in items
        ],
    }


def _follow_ups(user: Any, code: str, rp: ReportingPeriod, today: dt.date) -> dict[str, Any]:
    """Done inside the period; overdue and open as of the period's end (or today, when the
    period has not ended yet)."""
    on = min(rp.end, today)
    qs = scoped(FollowUp, user).filter(_region_filter(code))
    counts = qs.aggregate(
        done=Count("id", filter=Q(status=Status.DONE, completed__gte=rp.start, completed__lte=on)),
        overdue=Count(
            "id",
            filter=Q(
                status__in=ACTIVE, due_date__lt=on, recommendation__finding__session__date__lte=on
            ),
        ),
        open=Count(
            "id",
            filter=Q(
                status__in=ACTIVE, due_date__gte=on, recommendation__finding__session__date__lte=on
            ),
        ),
    )
    late = (
        qs.filter(
            status__in=ACTIVE, due_date__lt=on, recommendation__finding__session__date__lte=on
        )
        .select_related("region")
        .order_by("due_date", "id")
    )
    return {
        "as_of": on.isoformat(),
        **counts,
        "overdue_items": [
            {
                "region": f.region.name,
                "action": f.action,
                "office": f.responsible_office,
                "due": f.due_date.isoformat(),
            }
            for f in late
        ],
    }


def _benefits(user: Any, code: str, rp: ReportingPeriod, budget: dict) -> dict[str, Any]:
    rows = scoped(BenefitPaid, user)
    out = paid(rows, code, rp.start, rp.end)
    # Beside what was paid out: what the Pemda committed to contributions that year.
    out["contributions_committed"] = budget["committed_amount"]
    return out


def compile_pack(
    user: Any, code: str, rp: ReportingPeriod, today: dt.date | None = None
) -> dict[str, Any]:
    """Every figure of the pack. Raises LookupError for an unknown region."""

    today = today or dt.date.today()
    code, _region = canonical(code)
    obj, units = _month_objects(code, rp.last_month)
    prev, units_before = _month_objects(code, rp.before)
    level = obj["level"]
    units = sorted(units, key=lambda u: u["code"])  # a pack lists by code, not by rank
    budget = _budget(user, code, rp.year)
    benefits = _benefits(user, code, rp, budget)
    sessions = _sessions(user, code, rp)
    findings = _findings(user, code, rp)
    follow_ups = _follow_ups(user, code, rp, today)
    paid_by_unit = per_region(
        scoped(BenefitPaid, user), [u["code"] for u in units], rp.start, rp.end
    )
    return {
        "code": code,
        "name": obj["name"],
        "level": level,
        "period": rp.code,
        "period_label": rp.label_id,
        "start": rp.start.isoformat(),
        "end": rp.end.isoformat(),
        "data_month": rp.last_month.strftime("%Y-%m"),
        "generated": today.isoformat(),
        "coverage": _cov(obj),
        "series": _series(code, rp),
        "units": [
            {
                **_cov(u),
                "benefits_cases": paid_by_unit.get(u["code"], {}).get("cases", 0),
                "benefits_amount": paid_by_unit.get(u["code"], {}).get("amount", 0),
            }
            for u in units
        ],
        "categories": _categories(obj, prev, units, units_before),
        "targets": {k: obj.get(k) for k in COVERAGE_KEYS if k.startswith(("target", "gap"))},
        "budget": budget,
        "regulations": _regulations(user, code, rp.year),
        "sessions": sessions,
        "findings": findings,
        "follow_ups": follow_ups,
        "benefits": benefits,
        "is_sample": bool(obj.get("is_sample") or budget["is_sample"] or benefits["is_sample"]),
    }


def _series(code: str, rp: ReportingPeriod) -> list[dict[str, Any]]:
    """The trend up to the period's last month (24 months at most), for the chart."""
    from ucj.indicators import services as indicators  # type: ignore[attr-defined]

    last = rp.last_month.strftime("%Y-%m")
    points = [s for s in indicators.series(code) if s["period"] <= last][-24:]
    return [
        {"period": s["period"], "coverage_pct": s["coverage_pct"], "target_pct": s["target_pct"]}
        for s in points
    ]


def canonical(code: str) -> tuple[str, Region | None]:
    """'1503' / '15.03' / 'Sarolangun' → ('15.03', region); 'ID' → ('ID', None)."""
    text = (code or "").strip()
    if text.upper() in (NATION, "NASIONAL", "INDONESIA"):
        return NATION, None
    from ucj.regions import names, resolver

    dotted = names.dotted_code(text) if names.looks_like_code(text) else text
    region = Region.objects.filter(code=dotted, valid_to__isnull=True).first()
    if region is None:
        try:
            found = resolver.resolve(text, levels=[Level.PROVINCE, *KABKOTA])
        except resolver.ResolutionError as exc:
            raise LookupError(
                pair(_("Wilayah tidak dikenal: %(code)s"), code=code).joined()
            ) from exc
        region = Region.objects.get(code=found.code)
    if region.level not in (Level.PROVINCE, *KABKOTA):
        raise LookupError(
            pair(
                _("Paket laporan hanya untuk kab/kota, provinsi atau nasional: %(code)s"), code=code
            ).joined()
        )
    return region.code, region


def region_of(code: str) -> Region | None:
    return None if code == NATION else Region.objects.get(code=code)
