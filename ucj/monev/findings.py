"""Findings by dimension: which obstacles the regions face in each of BSKDN's four
dimensions (FACTS.md §7.2), counted set-based over the findings a user may see, with the
drill-down to the regions and their findings."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count

from ucj.monev.dimensions import DIMENSION_LABELS, UNKNOWN, Dimension, ObstacleType
from ucj.monev.models import Finding
from ucj.monev.services import scoped

NONE = "-"  # the obstacle key of findings with no obstacle type yet


def _findings(user: Any, start: dt.date | None, end: dt.date | None) -> Any:
    qs = scoped(Finding, user)
    if start:
        qs = qs.filter(session__date__gte=start)
    if end:
        qs = qs.filter(session__date__lte=end)
    return qs


def obstacle_matrix(
    user: Any, start: dt.date | None = None, end: dt.date | None = None
) -> dict[str, Any]:
    """Per dimension and obstacle type: how many regions face it, in how many findings
    (one grouped query). Dimensions and obstacles with no finding still get their row and
    column, so the table reads the same every period."""
    grouped = (
        _findings(user, start, end)
        .values("dimension", "obstacle__code")
        .annotate(regions=Count("region", distinct=True), findings=Count("id"))
    )
    cells = {(r["dimension"], r["obstacle__code"] or NONE): r for r in grouped}
    totals = (
        _findings(user, start, end)
        .values("dimension")
        .annotate(regions=Count("region", distinct=True), findings=Count("id"))
    )
    per_dim = {r["dimension"]: r for r in totals}
    obstacles = [
        {"code": o.code, "label": o.label, "label_en": o.label_en}
        for o in ObstacleType.objects.filter(active=True)
    ]
    used = {o for _d, o in cells}
    obstacles += [
        {"code": o.code, "label": o.label, "label_en": o.label_en}
        for o in ObstacleType.objects.filter(active=False, code__in=used)
    ]
    if NONE in used:
        obstacles.append({"code": NONE, "label": "belum ditentukan", "label_en": "not set"})
    rows = []
    for dim in [*Dimension.values, UNKNOWN]:
        if dim == UNKNOWN and dim not in per_dim:
            continue  # the 'not set' row only when such findings exist
        rows.append(
            {
                "dimension": dim or NONE,
                "label": str(DIMENSION_LABELS[dim]),
                "regions": per_dim.get(dim, {}).get("regions", 0),
                "findings": per_dim.get(dim, {}).get("findings", 0),
                "cells": [
                    {
                        "obstacle": o["code"],
                        "regions": cells.get((dim, o["code"]), {}).get("regions", 0),
                        "findings": cells.get((dim, o["code"]), {}).get("findings", 0),
                    }
                    for o in obstacles
                ],
            }
        )
    return {"obstacles": obstacles, "dimensions": rows}


def drill_down(
    user: Any,
    dimension: str,
    obstacle: str = "",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> list[dict[str, Any]]:
    """The regions behind one cell of the matrix, each with its findings (in scope)."""
    qs = _findings(user, start, end).filter(dimension="" if dimension == NONE else dimension)
    if obstacle == NONE:
        qs = qs.filter(obstacle__isnull=True)
    elif obstacle:
        qs = qs.filter(obstacle__code=obstacle)
    out: dict[str, dict[str, Any]] = {}
    for f in qs.select_related("region", "obstacle", "session").order_by("region__code", "id"):
        entry = out.setdefault(
            f.region.code, {"code": f.region.code, "name": f.region.name, "findings": []}
        )
        entry["findings"].append(
            {
                "id": f.pk,
                "text": f.text,
                "obstacle": f.obstacle.label if f.obstacle else "belum ditentukan",
                "session_id": f.session_id,
                "session": f.session.title,
                "date": f.session.date,
            }
        )
    return list(out.values())


def obstacle_label(code: str) -> str:
    if not code:
        return "semua jenis kendala"
    if code == NONE:
        return "belum ditentukan"
    found = ObstacleType.objects.filter(code=code).values_list("label", flat=True).first()
    return found or code
