"""API routes of accounts: me, personal tokens, monthly approval and completeness."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from ninja.errors import HttpError

from ucj.accounts import approval, tokens
from ucj.accounts.completeness import completeness
from ucj.accounts.models import MonthApproval
from ucj.accounts.periods import parse_month
from ucj.accounts.schemas import (
    ApprovalOut,
    CompletenessOut,
    MeOut,
    NewToken,
    Revoked,
    TokenRow,
)
from ucj.accounts.scoping import VIEW, allowed_regions, roles_of
from ucj.lib.routes import login_required

router = Router(tags=["accounts"])


class TokenIn(Schema):
    name: str
    days: int = 90


class ActionIn(Schema):
    reason: str = ""


def _approval_dict(row: MonthApproval) -> dict[str, Any]:
    return {
        "region": row.region.code,
        "period": f"{row.period:%Y-%m}",
        "status": row.status,
        "submitted_by": row.submitted_by.username if row.submitted_by else None,
        "submitted_at": row.submitted_at.isoformat() if row.submitted_at else None,
        "approved_by": row.approved_by.username if row.approved_by else None,
        "approved_at": row.approved_at.isoformat() if row.approved_at else None,
        "accepted_by": row.accepted_by.username if row.accepted_by else None,
        "accepted_at": row.accepted_at.isoformat() if row.accepted_at else None,
        "reopen_reason": row.reopen_reason,
    }


@router.get("/me", summary="The calling user and their roles", response=MeOut)
def me(request: HttpRequest) -> dict[str, Any]:
    user = login_required(request)
    roles = [{"role": r, "region": c} for r, c, _l in roles_of(user)]
    return {"username": user.username, "roles": roles}


@router.get("/tokens", summary="My API tokens (never the token itself)", response=list[TokenRow])
def list_tokens(request: HttpRequest) -> list[dict[str, Any]]:
    user = login_required(request)
    return [
        {
            "id": t.pk,
            "name": t.name,
            "prefix": t.prefix,
            "created": t.created.isoformat(),
            "expires": t.expires.isoformat(),
            "revoked": t.revoked.isoformat() if t.revoked else None,
            "active": t.active,
        }
        for t in user.api_tokens.all()
    ]


@router.post("/tokens", summary="New API token (shown once)", response=NewToken)
def create_token(request: HttpRequest, body: TokenIn) -> dict[str, Any]:
    user = login_required(request)
    if not body.name.strip() or not 1 <= body.days <= 366:
        raise HttpError(400, "name required; days 1–366")
    parent = getattr(request, "api_token", None)
    token, raw = tokens.create_token(
        user,
        body.name.strip()[:100],
        body.days,
        # Minted with a token: bound to it. With a browser session: ends with it (the web
        # form, which asks for the password again, may give the full lifetime).
        not_after=None if parent is not None else tokens.session_ends(request),
        parent=parent,
    )
    return {"id": token.pk, "token": raw, "expires": token.expires.isoformat()}


@router.delete("/tokens/{token_id}", summary="Revoke one of my tokens", response=Revoked)
def revoke_token(request: HttpRequest, token_id: int) -> dict[str, bool]:
    user = login_required(request)
    if not tokens.revoke(user, token_id):
        raise HttpError(404, "no such active token")
    return {"revoked": True}


@router.get(
    "/approvals",
    summary="Completeness of a month: who reported, on time, status",
    response=CompletenessOut,
)
def approvals(request: HttpRequest, period: str, province: str | None = None) -> dict[str, Any]:
    user = login_required(request)
    return completeness(user, parse_month(period), province)


@router.get(
    "/approvals/{code}/{period}",
    summary="Approval state of one kab/kota month",
    response=ApprovalOut,
)
def approval_state(request: HttpRequest, code: str, period: str) -> dict[str, Any]:
    user = login_required(request)
    row = get_object_or_404(
        MonthApproval.objects.for_user(user, VIEW).select_related(
            "region", "submitted_by", "approved_by", "accepted_by"
        ),
        region__code=code,
        period=parse_month(period),
    )
    return _approval_dict(row)


@router.post(
    "/approvals/{code}/{period}/{action}",
    summary="Submit, approve, accept or reopen",
    response=ApprovalOut,
)
def approval_action(
    request: HttpRequest,
    code: str,
    period: str,
    action: Literal["submit", "approve", "accept", "reopen"],
    body: ActionIn | None = None,
) -> dict[str, Any]:
    user = login_required(request)
    # Regions outside the caller's read scope answer 404, like regions that do not exist.
    region = get_object_or_404(allowed_regions(user, VIEW, MonthApproval), code=code)
    row = approval.act(user, action, region, parse_month(period), body.reason if body else "")
    return _approval_dict(row)
