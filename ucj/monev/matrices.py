"""National views across regions: which regions have which regulation kind, the plan
alignment checklist and the Jakon registration table. One grouped query each."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q

from ucj.accounts.scoping import VIEW
from ucj.monev.records import (
    JakonProjects,
    PlanAlignment,
    Regulation,
    RegulationKind,
    RegulationStatus,
)
from ucj.monev.services import scoped
from ucj.regions.models import KABKOTA, Level, Region


def _regions(province: str | None) -> list[Region]:
    qs = Region.objects.current().filter(level__in=[Level.PROVINCE, *KABKOTA])
    if province:
        qs = qs.filter(province_code=province)
    return list(qs.order_by("code"))


def regulation_matrix(user: Any, province: str | None = None) -> dict[str, Any]:
    """Rows: provinces and kab/kota (of one province, or all). Cells per kind: how many
    enacted and how many still in draft/process; revoked ones are not counted."""
    kinds = [{"code": k.value, "label": str(k.label)} for k in RegulationKind]
    qs = scoped(Regulation, user, VIEW)
    if province:
        qs = qs.filter(region__province_code=province)
    counts = qs.values("region_id", "kind").annotate(
        enacted=Count("id", filter=Q(status=RegulationStatus.ENACTED)),
        pending=Count(
            "id", filter=Q(status__in=[RegulationStatus.DRAFT, RegulationStatus.IN_PROCESS])
        ),
    )
    cells: dict[int, dict[str, dict[str, int]]] = {}
    for c in counts:
        cells.setdefault(c["region_id"], {})[c["kind"]] = {
            "enacted": c["enacted"],
            "pending": c["pending"],
        }
    empty = {"enacted": 0, "pending": 0}
    rows: list[dict[str, Any]] = [
        {
            "code": r.code,
            "name": r.name,
            "level": r.level,
            "kinds": {k["code"]: cells.get(r.pk, {}).get(k["code"], empty) for k in kinds},
            "any_enacted": any(v["enacted"] for v in cells.get(r.pk, {}).values()),
        }
        for r in _regions(province)
    ]
    totals = {k["code"]: sum(1 for r in rows if r["kinds"][k["code"]]["enacted"]) for k in kinds}
    return {
        "kinds": kinds,
        "rows": rows,
        "regions_with_kind": totals,
        "regions_with_any": sum(1 for r in rows if r["any_enacted"]),
    }


PLAN_COLUMNS = ("in_rpjmd", "in_rkpd", "apbd_budget_line")


def plan_checklist(user: Any, year: int, province: str | None = None) -> dict[str, Any]:
    """Per region: is UCJ in the RPJMD, the RKPD, an APBD line, with the written target.
    None (not yet checked) is kept apart from False (checked: no)."""
    qs = scoped(PlanAlignment, user, VIEW).filter(year=year)
    if province:
        qs = qs.filter(region__province_code=province)
    found = {p.region_id: p for p in qs}
    rows = []
    for r in _regions(province):
        p = found.get(r.pk)
        rows.append(
            {
                "code": r.code,
                "name": r.name,
                "level": r.level,
                "year": year,
                "in_rpjmd": p.in_rpjmd if p else None,
                "in_rkpd": p.in_rkpd if p else None,
                "apbd_budget_line": p.apbd_budget_line if p else None,
                "budget_amount": p.budget_amount if p else None,
                "target_pct": p.target_pct if p else None,
                "target_document": p.target_document if p else "",
                "source": p.source if p else "",
                "as_of": p.as_of if p else None,
                "is_sample": p.is_sample if p else False,
            }
        )
    summary = {
        col: {
            "yes": sum(1 for r in rows if r[col] is True),
            "no": sum(1 for r in rows if r[col] is False),
            "unknown": sum(1 for r in rows if r[col] is None),
        }
        for col in PLAN_COLUMNS
    }
    return {"year": year, "rows": rows, "summary": summary}


def jakon_table(user: Any, year: int, province: str | None = None) -> dict[str, Any]:
    """Jakon registration on APBD projects per region, beside the published national figure."""
    qs = scoped(JakonProjects, user, VIEW).filter(year=year, region__isnull=False)
    if province:
        qs = qs.filter(region__province_code=province)
    rows = [jakon_dict(j) for j in qs.select_related("region").order_by("region__code")]
    national = JakonProjects.objects.filter(region__isnull=True, year=year).first()
    return {"year": year, "rows": rows, "national": jakon_dict(national) if national else None}


def national_jakon() -> dict[str, Any] | None:
    """The latest published national Jakon figure (FACTS.md §3.4), whatever the year."""
    latest = JakonProjects.objects.filter(region__isnull=True).order_by("-year").first()
    return jakon_dict(latest) if latest else None


def jakon_dict(j: JakonProjects) -> dict[str, Any]:
    return {
        "code": j.region.code if j.region else None,
        "name": j.region.name if j.region else "Nasional",
        "year": j.year,
        "projects": j.projects,
        "registered": j.registered,
        "ratio_pct": j.ratio_pct,
        "reported_pct": j.reported_pct,
        "source": j.source,
        "as_of": j.as_of,
        "is_sample": j.is_sample,
    }


def regulations_of(user: Any, region: Region) -> list[Regulation]:
    return list(
        scoped(Regulation, user, VIEW)
        .filter(region=region)
        .exclude(status=RegulationStatus.REVOKED)
    )


def plan_of(user: Any, region: Region, year: int) -> PlanAlignment | None:
    return scoped(PlanAlignment, user, VIEW).filter(region=region, year=year).first()


def jakon_of(user: Any, region: Region, year: int) -> JakonProjects | None:
    return scoped(JakonProjects, user, VIEW).filter(region=region, year=year).first()
