"""The coverage object as a typed contract: one schema for `ucj coverage --json`, the
API's `/coverage/...` answers and the OpenAPI document.

Keys are a contract (issue 3): add fields, never rename or remove one. The engine builds
plain dicts (objects.py); `dump()` passes them through this schema, so the CLI and the
API give the same keys, and a key the engine adds without a field here fails a test
(`test_schemas.py`), not silently drops.
"""

from __future__ import annotations

from typing import Any, Literal

from ninja import Field, Schema


class BySegment(Schema):
    """Active persons per segment (None: not known for the month)."""

    PU: int | None = Field(None, description="Penerima upah / wage earners")
    BPU: int | None = Field(None, description="Bukan penerima upah / non-wage earners")
    JAKON: int | None = Field(None, description="Jasa konstruksi / construction services")
    PMI: int | None = Field(None, description="Pekerja migran Indonesia / migrant workers")


class ByProgram(Schema):
    """Persons holding each programme (a person may hold several)."""

    JKK: int | None = None
    JKM: int | None = None
    JHT: int | None = None
    JP: int | None = None
    JKP: int | None = None


class ByProgramPct(Schema):
    """Each programme's holders as a percentage of the potential workers."""

    JKK: float | None = None
    JKM: float | None = None
    JHT: float | None = None
    JP: float | None = None
    JKP: float | None = None


class Completeness(Schema):
    reporting: int = Field(
        description="Units (kecamatan, kab/kota, provinces) with figures this month"
    )
    expected: int | None = Field(description="Units the region has")
    complete: bool
    basis: str | None


class SegmentMapping(Schema):
    formal: list[str]
    informal: list[str]


ProjectionStatus = Literal[
    "no_target", "met", "too_few_points", "not_at_current_pace", "behind", "on_pace"
]


class Projection(Schema):
    reach_period: str | None = Field(description="YYYY-MM the target is reached at current pace")
    monthly_needed: int | None = Field(description="New participants a month to meet the target")
    status: ProjectionStatus
    pace_per_month: float | None
    points: int = Field(description="Months of series behind the pace")
    deadline: str | None = Field(description="YYYY-MM of the target's deadline")


class RollupProvince(Schema):
    """A province: its own figure, or the sum of its kab/kota, checked against them."""

    basis: Literal["direct", "sum_of_kabkota"]
    kabkota_with_data: int | None
    kabkota_total: int | None
    kabkota_without_potential: int | None
    kabkota_active: int | None
    kabkota_potential: int | None
    difference: int | None
    flag: bool


class RollupKabkota(Schema):
    """A kab/kota whose kecamatan have participant figures in the month (issue 20)."""

    basis: Literal["direct", "sum_of_kecamatan", "direct_and_kecamatan"] = Field(
        description="direct: the kab/kota's own rows stood; sum_of_kecamatan: summed from "
        "its kecamatan; direct_and_kecamatan: own persons, other cells summed"
    )
    kecamatan_with_data: int = Field(description="Kecamatan with figures this month")
    kecamatan_total: int | None = Field(description="Current kecamatan of the kab/kota")
    kecamatan_active: int | None = Field(description="The kecamatan's active persons added up")
    kecamatan_cells_used: int = Field(
        description="Segment/program cells taken from the kecamatan sum (0: none)"
    )
    difference: int | None = Field(description="Own persons minus the kecamatan sum")
    flag: bool


class RollupNation(Schema):
    basis: Literal["sum_of_provinces"]
    provinces_with_data: int | None
    provinces_total: int | None
    provinces_without_potential: int | None


class Source(Schema):
    kind: str = Field(description="participants, potential, target or reported")
    source: str
    url: str | None
    as_of: str | None = Field(description="YYYY-MM-DD")
    is_sample: bool


class CoverageOut(Schema):
    """Where a region stands for a month (`ucj coverage CODE --json`)."""

    code: str = Field(description="Region code (15.03), or ID for Indonesia")
    name: str
    level: str = Field(description="national, province, regency, city or district (kecamatan)")
    period: str | None = Field(description="YYYY-MM")
    as_of: str | None = Field(description="YYYY-MM-DD of the newest participant figure")
    potential_workers: int | None
    potential_basis: str | None
    potential_basis_label: str | None
    potential_year: int | None
    potential_plausible: bool
    active_participants: int | None
    by_segment: BySegment
    by_program: ByProgram
    by_program_pct: ByProgramPct
    coverage_pct: float | None
    headline_pct: float | None = Field(description="Computed coverage, else the reported one")
    headline_basis: Literal["computed", "reported"] | None
    headline_source: str | None
    headline_as_of: str | None
    completeness: Completeness
    formal_pct: float | None
    informal_pct: float | None
    segment_mapping: SegmentMapping | None
    reported_pct: float | None
    reported_formal_pct: float | None
    reported_informal_pct: float | None
    reported_category: str | None
    discrepancy_pp: float | None = Field(description="Computed minus reported, in points")
    discrepancy_flag: bool
    over_100_flag: bool
    category: str | None
    category_colour: str | None
    category_order: int | None
    category_provisional: bool | None
    category_basis: str | None
    target_pct: float | None
    target_workers: int | None
    target_issuer: str | None
    target_issuer_label: str | None
    target_year: int | None
    target_document: str | None
    gap_workers: int | None
    rank_in_province: int | None
    rank_in_province_of: int | None
    rank_national: int | None
    rank_national_of: int | None
    rank_change: int | None
    rank_previous: int | None
    rank_previous_period: str | None
    rank_change_national: int | None
    projection: Projection
    rollup_check: RollupProvince | RollupKabkota | RollupNation | None
    is_sample: bool = Field(description="Sample data (data contoh), not a published figure")
    sources: list[Source]


class PublishedNationalRow(Schema):
    """A national total as a source published it, beside ours for the same month."""

    period: str | None
    active_participants: int | None
    potential_workers: int | None
    coverage_pct: float | None
    target_pct: float | None
    segments: dict[str, int]
    note: str
    source: str
    source_url: str
    as_of: str | None
    computed_active_participants: int | None
    computed_coverage_pct: float | None
    computed_is_sample: bool


class PublishedNational(Schema):
    figures: list[PublishedNationalRow]


def dump(obj: dict[str, Any]) -> dict[str, Any]:
    """A coverage object as the contract gives it (what the API answers too)."""
    return CoverageOut.model_validate(obj).model_dump(mode="json")
