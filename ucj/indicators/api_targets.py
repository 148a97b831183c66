"""Coverage targets: list with filters and pagination; set and delete within scope."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, FilterLookup, FilterSchema, Query, Router, Schema
from ninja.pagination import paginate

from ucj.accounts.scoping import CHANGE, VIEW, allowed_regions
from ucj.indicators.models import Issuer, Target
from ucj.lib.routes import BoundedLimitOffset, login_required

router = Router(tags=["targets"])


class TargetFilter(FilterSchema):
    region: Annotated[str | None, FilterLookup(q="region__code")] = None
    province: Annotated[str | None, FilterLookup(q="region__province_code")] = None
    year: int | None = None
    issuer: str | None = None


class TargetOut(Schema):
    id: int
    region: str = Field(..., alias="region.code")
    year: int
    pct: Decimal | None
    workers: int | None
    issuer: str
    document: str
    source: str
    as_of: dt.date | None
    is_sample: bool


class TargetIn(Schema):
    region: str
    year: int = Field(..., ge=2000, le=2100)
    pct: Decimal | None = Field(None, ge=0, le=100, max_digits=7, decimal_places=2)
    workers: int | None = Field(None, ge=0, le=10**12)
    issuer: Issuer
    document: str = Field("", max_length=300)
    source: str = Field("", max_length=300)
    as_of: dt.date | None = None


@router.get("/", response=list[TargetOut], summary="Targets (filters: region, province, year)")
@paginate(BoundedLimitOffset)
def list_targets(request: HttpRequest, filters: Query[TargetFilter]) -> Any:
    qs = Target.objects.for_user(request.user, VIEW).select_related("region")
    return filters.filter(qs).order_by("region__code", "year", "issuer", "pk")


@router.get("/{target_id}", response=TargetOut, summary="One target")
def show_target(request: HttpRequest, target_id: int) -> Any:
    qs = Target.objects.for_user(request.user, VIEW).select_related("region")
    return get_object_or_404(qs, pk=target_id)


@router.put("/", response=TargetOut, summary="Set a target (region, year, issuer)")
def set_target(request: HttpRequest, body: TargetIn) -> Any:
    user = login_required(request)
    # Outside the writer's scope answers 404, as if the region did not exist.
    region = get_object_or_404(allowed_regions(user, CHANGE, Target), code=body.region)
    values = body.dict(exclude={"region", "year", "issuer"})
    with transaction.atomic():
        target, _created = Target.objects.for_user(user, CHANGE).update_or_create(
            region=region, year=body.year, issuer=body.issuer, defaults=values
        )
    return Target.objects.for_user(user, VIEW).select_related("region").get(pk=target.pk)


class DeletedOut(Schema):
    deleted: bool


@router.delete("/{target_id}", summary="Delete a target", response=DeletedOut)
def delete_target(request: HttpRequest, target_id: int) -> dict[str, bool]:
    user = login_required(request)
    get_object_or_404(Target.objects.for_user(user, CHANGE), pk=target_id).delete()
    return {"deleted": True}
