"""Typed answers of the planning API (issue 15): the same keys `ucj plan … --json`
prints (a contract: add, never rename). Each schema names the fields a client reads;
`extra="allow"` keeps any further key the calculator adds (the legal basis of a new
relaxation, say) rather than dropping it silently. `ucj/planning/tests/test_schemas.py`
checks that real answers pass through unchanged."""

from __future__ import annotations

from typing import Any

from ninja import Field, Schema
from pydantic import BaseModel, ConfigDict

Number = int | float


class Open(BaseModel):
    """A plain pydantic model: ninja's `Schema` reads attributes through its getter and
    would drop the extra keys `extra="allow"` is here to keep (e.g. `income` of a BPU
    cost, `wage` of a PU one)."""

    model_config = ConfigDict(extra="allow")


class PlanErrorOut(Schema):
    error: str = Field(description="Both languages on one line")
    message_id: str
    message_en: str
    field: str = Field(description="The parameter at fault ('code': an unknown region)")


class MonthCost(Schema):
    period: str
    per_worker: int
    per_program: dict[str, int]


class CostOut(Open):
    segment: str
    programs: list[str]
    workers: int
    months: int
    start: str = Field(description="YYYY-MM of the first month paid")
    per_worker_month: int
    per_program_per_worker_month: dict[str, int]
    per_program: dict[str, int] = Field(description="Rupiah over the months, per program")
    total: int
    per_worker_total: int | None
    payers: dict[str, int] = Field(description="employer / worker shares")
    not_payable: dict[str, int]
    monthly: list[MonthCost]
    relaxations_applied: list[Any]
    legal_basis: list[Any]
    notes: list[str]
    rounding: str


class RegionPlanOut(Open):
    """Where a region stands now (the coverage object's figures) and after a plan."""

    code: str
    name: str
    period: str | None
    potential_workers: int | None
    active_participants: int | None
    current_pct: Number | None
    current_category: str | None
    current_rank_in_province: int | None
    target_pct_official: Number | None
    is_sample: bool
    sources: list[Any]
    per_worker_month: int | None
    cost_total: int | None = Field(description="Rupiah")
    resulting_pct: Number | None
    resulting_category: str | None
    resulting_rank_in_province: int | None
    notes: list[str]


class ReachOut(RegionPlanOut):
    target_pct: Number
    gap_workers: int = Field(description="Workers to add to reach the target")


class BudgetOut(RegionPlanOut):
    amount: int
    workers: int = Field(description="Workers the budget pays for over the months")
    remainder: int


class NextCategoryOut(RegionPlanOut):
    next_category: str | None = Field(description="None: already in the top category")
    threshold_pct: Number | None
    workers: int
    gap_workers: int


class FundingRow(Open):
    id: int
    code: str
    name: str
    year: int
    source: str
    source_label: str
    worker_group: str
    programs: str
    committed_amount: int
    realised_amount: int | None
    realisation_pct: Number | None
    workers: int | None
    realised_workers: int | None
    per_worker_year: int | None
    affordable_workers: int | None
    as_of: str | None
    is_sample: bool


class FundingOut(Open):
    code: str
    name: str
    year: int | None
    rows: list[FundingRow]
    by_group: dict[str, dict[str, int]]
    committed_amount: int
    realised_amount: int | None
    realisation_pct: Number | None
    workers: int
    realised_workers: int
    affordable_workers: int
    is_sample: bool
    pricing: str


class OverviewOut(Open):
    code: str
    name: str
    coverage: dict[str, Any] | None = Field(description="The coverage object of the month")
    gap: dict[str, Any] | None = Field(description="As /reach to the region's own target")
    next: dict[str, Any] | None = Field(description="As /next-category")
    errors: list[str]
    funding: FundingOut
    is_sample: bool


class ScenarioOut(Schema):
    id: int
    code: str
    name: str
    region_name: str
    params: dict[str, Any]
