"""The region master's API shapes (the same as `ucj regions … --json`; keys are a
contract: add, never rename)."""

from __future__ import annotations

from ninja import Field, Schema


class RegionOut(Schema):
    code: str = Field(description="Kemendagri code: 15 (province), 15.03 (kab/kota)")
    name: str
    level: str = Field(description="province, regency, city or district")
    parent_code: str | None
    current: bool = Field(description="False for a code retired by a split or merger")
    successors: list[str] = Field(description="Codes that replaced a retired code")


class ResolvedOut(Schema):
    code: str
    name: str
    level: str
    matched_by: str = Field(description="code, name, alias or legacy")


class Candidate(Schema):
    code: str
    name: str


class UnresolvedOut(Schema):
    error: str
    candidates: list[Candidate]
