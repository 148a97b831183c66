"""API routes of the monev cycle (issue 19): reporting packs, benefits paid and findings
by dimension × obstacle. Mounted by `monev/api.py` under /api/v1/monev; the same domain
functions as the pages and `ucj report pack`, scoped to the caller through `for_user`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router

from ucj.accounts.approval import ApprovalError
from ucj.accounts.periods import parse_reporting_period
from ucj.accounts.refusals import refuse
from ucj.accounts.scoping import VIEW
from ucj.lib.bilingual import pair
from ucj.lib.routes import login_required
from ucj.monev import benefits, findings, pack_files
from ucj.monev.dimensions import DIMENSION_LABELS
from ucj.monev.packs import Pack
from ucj.monev.schemas import (
    BenefitsOut,
    ObstacleCellOut,
    ObstacleMatrixOut,
    PackOut,
    PackStateOut,
)
from ucj.regions.models import Region

router = Router(tags=["monev"])


class NotFound(ApprovalError):
    def __init__(self) -> None:
        super().__init__(*pair(_("Tidak ditemukan.")), status=404)


def _pack_state(pack: Pack | None) -> dict[str, Any] | None:
    if pack is None:
        return None
    return {
        "code": pack.code,
        "period": pack.period,
        "status": pack.status,
        "frozen": pack.frozen,
        "submitted_at": pack.submitted_at,
        "approved_at": pack.approved_at,
        "accepted_at": pack.accepted_at,
    }


def _scoped_pack(request: HttpRequest, code: str, period: str, call: Any) -> Any:
    """Another region's pack answers 404 like every other region's object (the refusal
    is recorded); an unknown region 404; a bad period 400 (both languages)."""
    try:
        return call()
    except ApprovalError as exc:
        if exc.status == 403:
            refuse(request.user, VIEW, "monev.pack", lookup=f"code={code}, period={period}")
            raise NotFound() from exc
        raise
    except LookupError as exc:
        raise NotFound() from exc


@router.get("/packs", summary="Stored packs the caller may see", response=list[PackStateOut])
def list_packs(request: HttpRequest) -> Any:
    user = login_required(request)
    return [_pack_state(p) for p in pack_files.packs_for(user)[:500]]


@router.get(
    "/packs/{code}/{period}",
    summary="A pack's figures (ucj report pack --json) and its state",
    response=PackOut,
)
def get_pack(request: HttpRequest, code: str, period: str) -> Any:
    user = login_required(request)
    data, pack = _scoped_pack(request, code, period, lambda: pack_files.figures(user, code, period))
    return {**data, "pack": _pack_state(pack)}


@router.get(
    "/packs/{code}/{period}/file",
    summary="The pack as PDF or XLSX (an accepted pack: the file stored at acceptance)",
    openapi_extra={
        "responses": {
            200: {
                "description": "The file",
                "content": {c: {"schema": {"type": "string", "format": "binary"}}
                            for c in pack_files.CONTENT_TYPES.values()},
            }
        }
    },
)  # fmt: skip
def pack_file(request: HttpRequest, code: str, period: str, fmt: str = "pdf") -> Any:
    user = login_required(request)
    content, data = _scoped_pack(
        request, code, period, lambda: pack_files.produce(user, code, period, fmt)
    )
    response = HttpResponse(content, content_type=pack_files.CONTENT_TYPES[fmt])
    name = f"paket-monev-{data['code']}-{data['period']}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.post(
    "/packs/{code}/{period}/{action}",
    summary="submit / approve / accept a pack (acceptance freezes it)",
    response=PackStateOut,
)
def pack_action(request: HttpRequest, code: str, period: str, action: str) -> Any:
    user = login_required(request)
    pack = _scoped_pack(request, code, period, lambda: pack_files.step(user, code, period, action))
    return _pack_state(pack)


def _window(period: str) -> tuple[dt.date, dt.date]:
    """A reporting period (2025-Q3, 2025-S1) or a year (2025) → first and last day."""
    text = (period or "").strip()
    if text.isdigit() and len(text) == 4:
        return dt.date(int(text), 1, 1), dt.date(int(text), 12, 31)
    rp = parse_reporting_period(text)  # ApprovalError 400, both languages
    return rp.start, rp.end


@router.get(
    "/benefits",
    summary="Benefits paid in a region (and the regions below it) per program",
    response=BenefitsOut,
)
def benefits_paid(request: HttpRequest, region: str, period: str) -> Any:
    """`region`: a kab/kota or province code, or ID for the nation; `period`: 2025-Q3,
    2025-S1 or a year. Aggregates are public like the other figures (`for_user`)."""
    code = region.strip().upper() if region.strip().upper() == benefits.NATION else region.strip()
    if code != benefits.NATION and not Region.objects.current().filter(code=code).exists():
        raise NotFound()
    start, end = _window(period)
    rows: Any = benefits.BenefitPaid.objects.for_user(request.user, VIEW)
    found = benefits.paid(rows, code, start, end)
    return {**found, "code": code, "start": f"{start:%Y-%m}", "end": f"{end:%Y-%m}"}


def _reporting(period: str) -> tuple[str, dt.date | None, dt.date | None]:
    """'' (every finding) or a reporting period → (its code, first day, last day)."""
    if not period.strip():
        return "", None, None
    rp = parse_reporting_period(period)
    return rp.code, rp.start, rp.end


@router.get(
    "/obstacles",
    summary="Per dimension, how many regions face each obstacle (the caller's scope)",
    response=ObstacleMatrixOut,
)
def obstacles(request: HttpRequest, period: str = Query("")) -> Any:
    user = login_required(request)
    code, start, end = _reporting(period)
    return {**findings.obstacle_matrix(user, start, end), "period": code}


@router.get(
    "/obstacles/{dimension}/{obstacle}",
    summary="The regions behind one cell of the matrix, with their findings",
    response=ObstacleCellOut,
)
def obstacle_cell(request: HttpRequest, dimension: str, obstacle: str, period: str = "") -> Any:
    """`dimension` or `obstacle` '-': findings with none set yet."""
    user = login_required(request)
    code, start, end = _reporting(period)
    if ("" if dimension == findings.NONE else dimension) not in DIMENSION_LABELS:
        raise NotFound()
    regions = findings.drill_down(user, dimension, obstacle, start, end)
    return {"dimension": dimension, "obstacle": obstacle, "period": code, "regions": regions}
