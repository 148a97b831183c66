"""Coverage and league tables: the same JSON objects as `ucj coverage … --json`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError
from ninja.pagination import paginate

from ucj.accounts.periods import parse_month
from ucj.accounts.suppression import full_view_codes, suppress, suppress_table
from ucj.indicators import services
from ucj.indicators.schemas import CoverageOut, PublishedNational
from ucj.lib.routes import BoundedLimitOffset

router = Router(tags=["coverage"])


def _period(text: str | None) -> Any:
    return parse_month(text) if text else None


@router.get("/national", summary="National coverage (code ID)", response=CoverageOut)
def national(request: HttpRequest, period: str | None = None) -> dict[str, Any]:
    return services.national(_period(period))


@router.get(
    "/national/published",
    summary="National totals as sources published them, beside ours for the same month",
    response=PublishedNational,
)
def national_published(request: HttpRequest) -> dict[str, Any]:
    return {"figures": services.published_national()}


@router.get("/league", summary="League table, ordered by rank", response=list[CoverageOut])
@paginate(BoundedLimitOffset)
def league(
    request: HttpRequest,
    province: str | None = None,
    level: str | None = None,
    period: str | None = None,
) -> list[dict[str, Any]]:
    try:
        rows = services.league(province=province, level=level, period=_period(period))
    except LookupError as exc:
        raise HttpError(404, str(exc)) from exc
    # The kab/kota of a province add up to it: blanks get complements across rows too.
    return suppress_table(rows, full_view_codes(request.user))


@router.get(
    "/{code}", summary="Coverage of one region (or ID for the nation)", response=CoverageOut
)
def coverage(request: HttpRequest, code: str, period: str | None = None) -> dict[str, Any]:
    try:
        obj = services.coverage(code, _period(period))
    except LookupError as exc:
        raise HttpError(404, str(exc)) from exc
    return suppress(obj, full_view_codes(request.user))
