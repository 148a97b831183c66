"""API routes of planning: the same shapes as `ucj plan … --json`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Schema

from ucj.accounts.scoping import VIEW, allowed_regions
from ucj.lib.bilingual import pair
from ucj.lib.routes import login_required
from ucj.planning import reach as reach_service
from ucj.planning.funding import summary
from ucj.planning.models import Scenario
from ucj.planning.overview import overview
from ucj.planning.rates import PlanError
from ucj.planning.scenarios import scenario_dict
from ucj.planning.schemas import (
    BudgetOut,
    CostOut,
    FundingOut,
    NextCategoryOut,
    OverviewOut,
    PlanErrorOut,
    ReachOut,
    ScenarioOut,
)
from ucj.planning.services import CostRequest, cost, parse_month, parse_programs

router = Router(tags=["planning"])


class NotFoundOut(Schema):
    error: str
    message_id: str
    message_en: str


class CostQuery(Schema):
    segment: str = "BPU"
    programs: str = "JKK,JKM"
    months: int = 12
    start: str | None = None
    income: int | None = None
    wage: int | None = None
    risk_class: int | None = None
    relaxation: list[str] = []
    contract_value: int | None = None
    contract_months: int | None = None
    period: str | None = None


def _req(q: CostQuery, workers: int = 0) -> CostRequest:
    return CostRequest(
        segment=q.segment.upper(),
        programs=parse_programs(q.programs),
        workers=workers,
        months=q.months,
        start=parse_month(q.start) if q.start else None,
        income=q.income,
        wage=q.wage,
        risk_class=q.risk_class,
        relaxations=tuple(q.relaxation),
        contract_value=q.contract_value,
        contract_months=q.contract_months,
    )


def _bad(exc: PlanError) -> tuple[int, dict[str, Any]]:
    return 404 if exc.field == "code" else 422, exc.as_dict()


def _answers(schema: Any) -> dict[int, Any]:
    """A plan, or the calculator's refusal (404: unknown region; 422: bad input or
    missing rate data) in both languages."""
    return {200: schema, 404: PlanErrorOut, 422: PlanErrorOut}


# Another region, or one outside the caller's scope: the same answer.
OUTSIDE = _("wilayah tidak dikenal atau di luar cakupan Anda")


def _period(q: CostQuery) -> Any:
    return parse_month(q.period) if q.period else None


@router.get("/cost", summary="Contribution cost (ucj plan cost)", response=_answers(CostOut))
def cost_view(request: HttpRequest, q: Query[CostQuery], workers: int = 1) -> Any:
    try:
        return cost(_req(q, workers))
    except PlanError as exc:
        return _bad(exc)


@router.get(
    "/{code}/reach",
    summary="Workers and money to reach a target (ucj plan reach)",
    response=_answers(ReachOut),
)
def reach_view(request: HttpRequest, code: str, target_pct: float, q: Query[CostQuery]) -> Any:
    try:
        return reach_service.reach(code, target_pct, _req(q), _period(q))
    except PlanError as exc:
        return _bad(exc)


@router.get(
    "/{code}/budget", summary="What a budget buys (ucj plan budget)", response=_answers(BudgetOut)
)
def budget_view(request: HttpRequest, code: str, amount: int, q: Query[CostQuery]) -> Any:
    try:
        return reach_service.budget(code, amount, _req(q), _period(q))
    except PlanError as exc:
        return _bad(exc)


@router.get(
    "/{code}/next-category",
    summary="To the next category (ucj plan next-category)",
    response=_answers(NextCategoryOut),
)
def next_view(request: HttpRequest, code: str, q: Query[CostQuery]) -> Any:
    try:
        return reach_service.next_category(code, _req(q), _period(q))
    except PlanError as exc:
        return _bad(exc)


def _region(request: HttpRequest, code: str) -> Any:
    user = login_required(request)
    region = allowed_regions(user, VIEW).filter(code=code).first()
    return user, region


@router.get(
    "/{code}/overview",
    summary="Cost to close the gap, next category, funding",
    response={**_answers(OverviewOut), 404: NotFoundOut},
)
def overview_view(request: HttpRequest, code: str, period: str | None = None) -> Any:
    user, region = _region(request, code)
    if region is None:
        return 404, {"error": "unknown region or outside your scope", **pair(OUTSIDE).as_dict()}
    try:
        when = parse_month(period) if period else None
    except PlanError as exc:
        return _bad(exc)
    return overview(region, user, when)


@router.get(
    "/{code}/funding",
    summary="Funding sources with realisation and what they buy",
    response={200: FundingOut, 404: NotFoundOut},
)
def funding_view(request: HttpRequest, code: str, year: int | None = None) -> Any:
    user, region = _region(request, code)
    if region is None:
        return 404, {"error": "unknown region or outside your scope", **pair(OUTSIDE).as_dict()}
    return summary(user, region, year)


@router.get("/{code}/scenarios", summary="Saved scenarios of a region", response=list[ScenarioOut])
def scenarios_view(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    user = login_required(request)
    qs = Scenario.objects.for_user(user, VIEW).filter(region__code=code).select_related("region")
    return [scenario_dict(s) for s in qs]
