"""API routes for the region master (the same shapes as `ucj regions … --json`)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from ucj.regions import resolver, services
from ucj.regions.models import Region
from ucj.regions.schemas import RegionOut, ResolvedOut, UnresolvedOut

router = Router(tags=["regions"])


@router.get("/", summary="List regions", response=list[RegionOut])
def list_regions(
    request: HttpRequest, province: str | None = None, level: str | None = None
) -> list[dict[str, Any]]:
    return services.region_dicts(services.list_regions(province, level))


@router.get(
    "/resolve",
    summary="Resolve a code, name, alias or retired code",
    response={200: ResolvedOut, 404: UnresolvedOut},
)
def resolve(request: HttpRequest, text: str, province: str | None = None) -> Any:
    try:
        return resolver.resolve(text, province=province).as_dict()
    except resolver.ResolutionError as exc:
        return 404, exc.as_dict()


@router.get("/{code}", summary="One region", response=RegionOut)
def show(request: HttpRequest, code: str) -> dict[str, Any]:
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise HttpError(404, "unknown region code")
    return services.region_dict(region)
