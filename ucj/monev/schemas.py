"""Typed answers of the monev API (issues 15, 19): the OpenAPI document describes each
field. Keys are those the routes answered before they had schemas (a contract: add
fields, never rename one); `ucj/monev/tests/test_api_schemas.py` checks that real
answers validate and that no key is lost on the way through a schema."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema


class FollowUpOut(Schema):
    id: int
    region: str
    region_name: str
    recommendation_id: int
    action: str
    responsible_office: str
    due_date: dt.date
    status: str
    state: str = Field(description="open / done / overdue, as the pages show it")
    completed: dt.date | None


class SessionOut(Schema):
    id: int
    date: dt.date
    title: str
    organiser: str
    organiser_label: str
    mode: str
    location: str
    regions: list[str]
    period: str | None = Field(description="YYYY-MM of the figures discussed")
    held: bool


class AgendaOut(Schema):
    kind: str
    notes: str


class AttendeeOut(Schema):
    name: str
    office: str
    role: str


class RecommendationOut(Schema):
    id: int
    text: str
    follow_ups: list[FollowUpOut]


class FindingOut(Schema):
    id: int
    region: str
    indicator: str
    text: str
    recommendations: list[RecommendationOut]


class SessionDetailOut(SessionOut):
    agenda: list[AgendaOut]
    attendees: list[AttendeeOut]
    snapshots: dict[str, dict[str, Any]] = Field(
        description="Region code → the coverage object frozen when the session was held"
    )
    findings: list[FindingOut]


class CreatedOut(Schema):
    id: int


class FollowUpsOut(Schema):
    region: str | None
    open: list[FollowUpOut]
    escalated: list[FollowUpOut]


class ErrorOut(Schema):
    """A refused write: the reasons in the language(s) the domain gave them."""

    error: str


class KindCell(Schema):
    enacted: int
    pending: int


class LabelledCode(Schema):
    code: str
    label: str


class RegulationRow(Schema):
    code: str
    name: str
    level: str
    kinds: dict[str, KindCell]
    any_enacted: bool


class RegulationMatrixOut(Schema):
    kinds: list[LabelledCode]
    rows: list[RegulationRow]
    regions_with_kind: dict[str, int]
    regions_with_any: int


class PlanRow(Schema):
    code: str
    name: str
    level: str
    year: int
    in_rpjmd: bool | None
    in_rkpd: bool | None
    apbd_budget_line: bool | None
    budget_amount: Decimal | None
    target_pct: Decimal | None
    target_document: str
    source: str
    as_of: dt.date | None
    is_sample: bool


class YesNo(Schema):
    yes: int
    no: int
    unknown: int


class PlanChecklistOut(Schema):
    year: int
    rows: list[PlanRow]
    summary: dict[str, YesNo]


class JakonRow(Schema):
    code: str | None
    name: str
    year: int
    projects: int
    registered: int
    ratio_pct: Decimal | None
    reported_pct: Decimal | None
    source: str
    as_of: dt.date | None
    is_sample: bool


class JakonOut(Schema):
    year: int
    rows: list[JakonRow]
    national: JakonRow | None


class PackStateOut(Schema):
    """A stored pack's place on its way up (draft → submitted → approved → accepted)."""

    code: str = Field(description="Region code, or ID for the nation")
    period: str = Field(description="2025-Q3 (triwulan) or 2025-S1 (semester)")
    status: str
    frozen: bool = Field(description="Accepted: its figures and files no longer change")
    submitted_at: dt.datetime | None
    approved_at: dt.datetime | None
    accepted_at: dt.datetime | None


class PackOut(Schema):
    """The figures of a pack (`ucj report pack --json` prints the same keys), and its
    stored state (None: never submitted)."""

    code: str
    name: str
    level: str
    period: str
    period_label: str
    start: str
    end: str
    data_month: str = Field(description="YYYY-MM of the coverage figures")
    generated: str
    coverage: dict[str, Any] = Field(description="Coverage with completeness, last month")
    series: list[dict[str, Any]] = Field(description="Coverage % and target %, by month")
    units: list[dict[str, Any]] = Field(description="The kab/kota (provinces) compiled")
    categories: dict[str, Any] = Field(description="Category movements over the period")
    targets: dict[str, Any]
    budget: dict[str, Any]
    regulations: dict[str, Any]
    sessions: list[dict[str, Any]] = Field(description="Sessions held in the period")
    findings: dict[str, Any] = Field(description="Findings by dimension")
    follow_ups: dict[str, Any] = Field(description="Follow-ups done / overdue")
    benefits: dict[str, Any] = Field(description="Benefits paid beside contributions")
    is_sample: bool
    pack: PackStateOut | None = None


class BenefitProgram(Schema):
    program: str = Field(description="JKK, JKM, JHT, JP or JKP")
    cases: int
    amount: int = Field(description="Rupiah")
    per_case: int | None
    is_sample: bool


class BenefitStory(Schema):
    """An anonymised account (no names, no NIK) for advocacy."""

    region: str
    period: str
    program: str
    story: str
    is_sample: bool


class BenefitsOut(Schema):
    code: str
    start: str = Field(description="YYYY-MM")
    end: str = Field(description="YYYY-MM")
    programs: list[BenefitProgram]
    cases: int
    amount: int = Field(description="Rupiah")
    is_sample: bool
    sources: list[str]
    stories: list[BenefitStory]


class ObstacleOut(Schema):
    code: str = Field(description="'-': findings with no obstacle type yet")
    label: str
    label_en: str


class ObstacleCell(Schema):
    obstacle: str
    regions: int = Field(description="Regions with at least one such finding")
    findings: int


class DimensionRow(Schema):
    dimension: str = Field(description="regulasi, penganggaran, aksesibilitas, pengawasan, '-'")
    label: str
    regions: int
    findings: int
    cells: list[ObstacleCell]


class ObstacleMatrixOut(Schema):
    period: str = Field(description="The reporting period asked for ('': every finding)")
    obstacles: list[ObstacleOut]
    dimensions: list[DimensionRow]


class DrillFinding(Schema):
    id: int
    text: str
    obstacle: str
    session_id: int
    session: str
    date: dt.date


class DrillRegion(Schema):
    code: str
    name: str
    findings: list[DrillFinding]


class ObstacleCellOut(Schema):
    dimension: str
    obstacle: str
    period: str
    regions: list[DrillRegion]
