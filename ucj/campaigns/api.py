"""API routes of pendataan: the campaigns a caller may read and a campaign's funnel,
the same shapes as `ucj campaign list|funnel --json`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from ucj.campaigns import services
from ucj.campaigns.funnel import LEVELS, describe, funnel
from ucj.campaigns.schemas import CampaignRow, FunnelOut
from ucj.lib.routes import login_required

router = Router(tags=["campaigns"])


@router.get("/", response=list[CampaignRow], summary="Campaigns (ucj campaign list)")
def campaign_list(request: HttpRequest) -> list[dict[str, Any]]:
    user = login_required(request)
    return [
        {**describe(c), "listed": c.listed, "proposed": c.proposed, "registered": c.registered}  # type: ignore[attr-defined]
        for c in services.campaigns(user)
    ]


@router.get(
    "/{campaign_id}/funnel",
    response={200: FunnelOut, 404: dict, 422: dict},
    summary="A campaign's funnel (ucj campaign funnel)",
)
def campaign_funnel(request: HttpRequest, campaign_id: int, level: str = "desa") -> Any:
    user = login_required(request)
    if level not in LEVELS:
        raise HttpError(422, f"level: one of {', '.join(LEVELS)}")
    item = services.campaign(user, campaign_id)
    if item is None:
        raise HttpError(404, "campaign not found or outside your scope")
    return funnel(item, level)
