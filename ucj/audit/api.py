"""API route of the audit trail (/api/v1/accounts/audit: the path predates this app)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from ucj.accounts.scoping import VIEW, refuse_filter
from ucj.audit import entries as audit
from ucj.lib.routes import login_required

router = Router(tags=["accounts"])


class AuditEntryOut(Schema):
    """One change, read or refusal; keys are the last part of the export's headers."""

    time: str
    source: str = Field(description="history, change log, person-data access, refusal")
    user: str
    action: str
    object: str = Field(description="app_label.model")
    id: str
    region: str
    batch: str
    changes: str = Field(description="field: before → after; …")
    reason: str


class AuditPageOut(Schema):
    page: int
    next: bool = Field(description="Another page follows")
    entries: list[AuditEntryOut]


@router.get(
    "/audit",
    summary="Audit trail (filters: region, user, obj, since, until, source)",
    response=AuditPageOut,
)
def audit_entries(
    request: HttpRequest,
    region: str = "",
    user: str = "",
    obj: str = "",
    since: str = "",
    until: str = "",
    source: str = "",
    page: int = 1,
) -> dict[str, Any]:
    caller = login_required(request)
    scope = audit.reader_scope(caller)
    if scope is not None and not scope:
        raise HttpError(403, "officers of a region, national analysts and admins only")
    refuse_filter(caller, VIEW, None, region.strip()[:13], "region", obj="accounts.audit")
    query = {"region": region, "user": user, "obj": obj, "since": since, "until": until}
    f = audit.AuditFilter.parse({**query, "source": source}, scope)
    entries, more = audit.page(f, page)
    keys = [h.split("/")[-1] for h in audit.HEADER]
    return {
        "page": max(1, min(page, 1000)),
        "next": more,
        "entries": [dict(zip(keys, e.row(), strict=True)) for e in entries],
    }
