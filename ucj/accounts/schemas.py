"""The accounts API's answers as typed contracts (keys: add, never rename)."""

from __future__ import annotations

from ninja import Field, Schema


class RoleOut(Schema):
    role: str
    region: str | None = Field(description="Region code of the role; None for national roles")


class MeOut(Schema):
    username: str
    roles: list[RoleOut]


class TokenRow(Schema):
    id: int
    name: str
    prefix: str = Field(description="The first characters, to recognise a token")
    created: str
    expires: str
    revoked: str | None
    active: bool


class NewToken(Schema):
    id: int
    token: str = Field(description="Shown once; only its hash is stored")
    expires: str


class Revoked(Schema):
    revoked: bool


class ApprovalOut(Schema):
    region: str
    period: str = Field(description="YYYY-MM")
    status: str
    submitted_by: str | None
    submitted_at: str | None
    approved_by: str | None
    approved_at: str | None
    accepted_by: str | None
    accepted_at: str | None
    reopen_reason: str


class CompletenessRow(Schema):
    code: str
    name: str
    province_code: str
    status: str
    has_figures: bool
    submitted_at: str | None
    on_time: bool
    approved_by: str | None
    approved_at: str | None


class CompletenessOut(Schema):
    period: str
    due: str
    regions: int
    reported: int
    on_time: int
    rows: list[CompletenessRow]
