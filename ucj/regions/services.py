"""Region look-ups shared by the CLI, the API and the pages."""

from __future__ import annotations

from typing import Any

from ucj.regions.models import SUB_KABKOTA, Region, RegionQuerySet


def region_dict(region: Region, successors: list[str] | None = None) -> dict[str, Any]:
    """The `ucj regions show --json` shape (a contract: extend, never rename)."""
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "parent_code": region.parent_code,
        "current": region.current,
        "successors": successors if successors is not None else region.successor_codes(),
    }


def list_regions(
    province: str | None = None, level: str | None = None, include_retired: bool = False
) -> RegionQuerySet:
    qs = Region.objects.all() if include_retired else Region.objects.current()
    qs = qs.filter(level=level) if level else qs.exclude(level__in=SUB_KABKOTA)
    if province:
        qs = qs.filter(province_code=province)
    return qs.order_by("code")


def region_dicts(qs: RegionQuerySet) -> list[dict[str, Any]]:
    """Many regions in two queries (not one per region)."""
    successors: dict[int, list[str]] = {}
    rows = qs.filter(successions__isnull=False).values_list("id", "successions__successor__code")
    for region_id, code in rows:
        successors.setdefault(region_id, []).append(code)
    return [region_dict(r, successors.get(r.id, [])) for r in qs]
