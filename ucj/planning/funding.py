"""Funding sources: realisation against plan, and what committed money already buys.

"What it buys" prices each commitment at the BPU rate at the minimum declared income for
the programs the row names, for twelve months of its year; rows for PU-only programs
(JP, JKP) are not priced because the wage is not known.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ucj.accounts.scoping import VIEW
from ucj.planning.models import (
    PROGRAM_CODES as PROGRAMS,
)
from ucj.planning.models import FundingSource, FundingSourceKind, Segment, WorkerGroup
from ucj.planning.rates import PlanError
from ucj.planning.services import SEGMENT_PROGRAMS, CostRequest, cost
from ucj.regions.models import Region


def _pct(part: int | None, whole: int | None) -> float | None:
    if part is None or not whole:
        return None
    value = Decimal(part) * 100 / Decimal(whole)
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def per_worker_year(programs: str, year: int) -> int | None:
    progs = tuple(p for p in programs.split(",") if p)
    if not progs or any(p not in SEGMENT_PROGRAMS[Segment.BPU] for p in progs):
        return None
    try:
        out = cost(
            CostRequest(
                segment="BPU", programs=progs, workers=1, months=12, start=dt.date(year, 1, 1)
            )
        )
    except PlanError:
        return None
    return int(out["per_worker_total"])


def row_dict(row: FundingSource, prices: dict[tuple[str, int], int | None]) -> dict[str, Any]:
    price = prices.setdefault((row.programs, row.year), per_worker_year(row.programs, row.year))
    return {
        "id": row.pk,
        "code": row.region.code,
        "name": row.region.name,
        "year": row.year,
        "source": row.source,
        "source_label": str(FundingSourceKind(row.source).label),
        "worker_group": row.worker_group,
        "worker_group_label": str(WorkerGroup(row.worker_group).label),
        "programs": row.programs,
        "committed_amount": row.committed_amount,
        "realised_amount": row.realised_amount,
        "realisation_pct": _pct(row.realised_amount, row.committed_amount),
        "workers": row.workers,
        "realised_workers": row.realised_workers,
        "worker_realisation_pct": _pct(row.realised_workers, row.workers),
        "per_worker_year": price,
        "affordable_workers": row.committed_amount // price if price else None,
        "document": row.document,
        "as_of": row.as_of.isoformat() if row.as_of else None,
        "is_sample": row.is_sample,
    }


def summary(user: Any, region: Region, year: int | None = None) -> dict[str, Any]:
    """A region's funding rows (scoped), with totals; year None = every year."""
    qs = FundingSource.objects.for_user(user, VIEW).filter(region=region).select_related("region")
    if year is not None:
        qs = qs.filter(year=year)
    prices: dict[tuple[str, int], int | None] = {}
    rows = [row_dict(r, prices) for r in qs]
    committed = sum(r["committed_amount"] for r in rows)
    realised = sum(r["realised_amount"] or 0 for r in rows)
    has_realised = any(r["realised_amount"] is not None for r in rows)
    return {
        "code": region.code,
        "name": region.name,
        "year": year,
        "rows": rows,
        "by_group": by_group(rows),
        "committed_amount": committed,
        "realised_amount": realised if has_realised else None,
        "realisation_pct": _pct(realised, committed) if has_realised else None,
        "workers": sum(r["workers"] or 0 for r in rows),
        "realised_workers": sum(r["realised_workers"] or 0 for r in rows),
        "affordable_workers": sum(r["affordable_workers"] or 0 for r in rows),
        "is_sample": any(r["is_sample"] for r in rows),
        "pricing": "BPU, penghasilan minimum, 12 bulan / BPU at the minimum income, 12 months",
    }


def by_group(rows: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Workers funded per worker group and program (realised where known, else planned):
    e.g. Pangkalpinang non-ASN: JKK and JKM funded, JHT 0."""
    out: dict[str, dict[str, int]] = {}
    for r in rows:
        counts = out.setdefault(r["worker_group"], dict.fromkeys(PROGRAMS, 0))
        n = r["realised_workers"] if r["realised_workers"] is not None else r["workers"] or 0
        for program in r["programs"].split(","):
            if program in counts:
                counts[program] += n
    return out
