"""API answers of the campaign routes: the same keys as `ucj campaign … --json`."""

from __future__ import annotations

from ninja import Schema


class CampaignOut(Schema):
    id: int
    name: str
    region: str
    region_name: str
    group: str
    start: str
    end: str
    target_count: int
    owner_office: str
    segment: str
    is_sample: bool


class CampaignRow(CampaignOut):
    listed: int
    proposed: int
    registered: int


class Counts(Schema):
    listed: int
    nik_valid: int
    matched: int
    not_member: int
    proposed: int
    registered: int
    status_listed: int
    status_proposed: int
    status_registered: int
    status_other_scheme: int
    status_not_registered: int
    duplicates: int


class Totals(Counts):
    target: int
    listed_pct: float | None
    registered_pct: float | None


class AreaRow(Counts):
    code: str
    name: str


class MembershipListRef(Schema):
    id: int
    region: str
    as_of: str


class Duplicate(Schema):
    nik_masked: str
    desa: list[str]


class FunnelOut(Schema):
    campaign: CampaignOut
    level: str
    population_list: bool
    membership_lists: list[MembershipListRef]
    totals: Totals
    rows: list[AreaRow]
    duplicates: list[Duplicate]
