"""API routes of monev: sessions, follow-ups, matrices (the same services as the pages)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from ucj.accounts.scoping import VIEW, refuse_filter
from ucj.lib import periods
from ucj.lib.routes import MAX_OFFSET, login_required
from ucj.monev import api_cycle, follow_up_lists, matrices, services
from ucj.monev.models import AgendaKind, FollowUp, Mode, MonevSession, Organiser
from ucj.monev.schemas import (
    CreatedOut,
    ErrorOut,
    FollowUpOut,
    FollowUpsOut,
    JakonOut,
    PlanChecklistOut,
    RegulationMatrixOut,
    SessionDetailOut,
    SessionOut,
)
from ucj.monev.services import FollowUpInput, RecommendationInput, SessionInput
from ucj.regions.models import Region

router = Router(tags=["monev"])


def _bad(exc: ValidationError | PermissionDenied) -> tuple[int, dict[str, str]]:
    status = 403 if isinstance(exc, PermissionDenied) else 422
    text = " ".join(getattr(exc, "messages", None) or [str(exc)])
    return status, {"error": text}


REFUSED = {403: ErrorOut, 422: ErrorOut}


def follow_up_dict(f: FollowUp) -> dict[str, Any]:
    return {
        "id": f.pk,
        "region": f.region.code,
        "region_name": f.region.name,
        "recommendation_id": f.recommendation_id,
        "action": f.action,
        "responsible_office": f.responsible_office,
        "due_date": f.due_date,
        "status": f.status,
        "state": f.state,
        "completed": f.completed,
    }


def session_dict(s: MonevSession, full: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": s.pk,
        "date": s.date,
        "title": s.title,
        "organiser": s.organiser,
        "organiser_label": s.organiser_label,
        "mode": s.mode,
        "location": s.location,
        "regions": sorted(r.code for r in s.regions.all()),
        "period": s.period.strftime("%Y-%m") if s.period else None,
        "held": s.held,
    }
    if full:
        out["agenda"] = [{"kind": a.kind, "notes": a.notes} for a in s.agenda.all()]
        out["attendees"] = [
            {"name": a.name, "office": a.office, "role": a.role} for a in s.attendees.all()
        ]
        out["snapshots"] = {sn.region.code: sn.data for sn in s.visible_snapshots}  # type: ignore[attr-defined]
        out["findings"] = [
            {
                "id": f.pk,
                "region": f.region.code,
                "indicator": f.indicator,
                "text": f.text,
                "recommendations": [
                    {
                        "id": r.pk,
                        "text": r.text,
                        "follow_ups": [follow_up_dict(t) for t in r.visible_follow_ups],
                    }
                    for r in f.visible_recommendations
                ],
            }
            for f in s.visible_findings  # type: ignore[attr-defined]
        ]
    return out


@router.get("/sessions", summary="Monev sessions the caller may see", response=list[SessionOut])
def list_sessions(
    request: HttpRequest,
    limit: int = Query(100, ge=1, le=500),
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
) -> Any:
    qs = services.sessions_for(request.user)
    return [session_dict(s) for s in qs[offset : offset + min(limit, 500)]]


@router.get(
    "/sessions/{session_id}",
    summary="One session with snapshots and findings",
    response=SessionDetailOut,
)
def get_session(request: HttpRequest, session_id: int) -> Any:
    session = services.session_detail(request.user, session_id)
    if session is None:
        raise HttpError(404, "session not found")
    return session_dict(session, full=True)


class AttendeeIn(Schema):
    name: str
    office: str
    role: str = ""


class SessionIn(Schema):
    date: dt.date
    title: str
    organiser: Organiser  # one of the choices: anything else is a 422 naming them
    mode: Mode
    regions: list[str]
    organiser_other: str = ""
    location: str = ""
    period: str | None = None
    held: bool = True
    notes: str = ""
    attendees: list[AttendeeIn] = []
    agenda_notes: dict[AgendaKind, str] = {}


@router.post(
    "/sessions",
    summary="Record a session for one or several regions",
    response={201: SessionDetailOut, **REFUSED},
)
def create_session(request: HttpRequest, body: SessionIn) -> Any:
    user = login_required(request)
    try:
        period = periods.optional_month(body.period)
    except periods.PeriodError:
        return 422, {"error": "period: YYYY-MM"}
    data = SessionInput(
        date=body.date,
        title=body.title,
        organiser=body.organiser,
        mode=body.mode,
        region_codes=body.regions,
        organiser_other=body.organiser_other,
        location=body.location,
        period=period,
        held=body.held,
        notes=body.notes,
        attendees=[(a.name, a.office, a.role) for a in body.attendees],
        agenda_notes={str(k): v for k, v in body.agenda_notes.items()},
    )
    try:
        session = services.record_session(user, data)
    except (ValidationError, PermissionDenied) as exc:
        return _bad(exc)
    detail: Any = services.session_detail(user, session.pk)
    return 201, session_dict(detail, full=True)


class FollowUpIn(Schema):
    action: str
    responsible_office: str
    due_date: dt.date


class FindingIn(Schema):
    region: str
    text: str
    indicator: str = ""
    recommendation: str | None = None
    follow_ups: list[FollowUpIn] = []


@router.post(
    "/sessions/{session_id}/findings",
    summary="Add a finding with follow-ups",
    response={201: CreatedOut, **REFUSED},
)
def add_finding(request: HttpRequest, session_id: int, body: FindingIn) -> Any:
    user = login_required(request)
    session = services.session_detail(user, session_id)
    if session is None:
        raise HttpError(404, "session not found")
    recs = []
    if body.recommendation:
        recs.append(
            RecommendationInput(
                body.recommendation,
                [
                    FollowUpInput(f.action, f.responsible_office, f.due_date)
                    for f in body.follow_ups
                ],
            )
        )
    try:
        finding = services.add_finding(user, session, body.region, body.text, recs, body.indicator)
    except (ValidationError, PermissionDenied) as exc:
        return _bad(exc)
    return 201, {"id": finding.pk}


@router.get(
    "/follow-ups",
    summary="A region's open/overdue follow-ups and escalated items",
    response=FollowUpsOut,
)
def follow_ups(request: HttpRequest, region: str | None = None) -> Any:
    found = Region.objects.current().filter(code=region).first() if region else None
    if region and found is None:
        raise HttpError(404, "unknown region code")
    refuse_filter(request.user, VIEW, FollowUp, region, "region")  # another region's: recorded
    own = follow_up_lists.region_follow_ups(request.user, found) if found else []
    return {
        "region": region,
        "open": [follow_up_dict(f) for f in own],
        "escalated": [follow_up_dict(f) for f in follow_up_lists.escalated(request.user, found)],
    }


class FollowUpUpdate(Schema):
    status: str | None = None
    note: str = ""
    due_date: dt.date | None = None


@router.patch(
    "/follow-ups/{follow_up_id}",
    summary="Record progress on a follow-up",
    response={200: FollowUpOut, **REFUSED},
)
def update_follow_up(request: HttpRequest, follow_up_id: int, body: FollowUpUpdate) -> Any:
    user = login_required(request)
    try:
        item = services.update_follow_up(
            user, follow_up_id, body.status, body.note, due_date=body.due_date
        )
    except (ValidationError, PermissionDenied) as exc:
        return _bad(exc)
    fresh = FollowUp.objects.for_user(user, VIEW).select_related("region").get(pk=item.pk)
    return follow_up_dict(fresh)


@router.get(
    "/regulations/matrix",
    summary="Which regions have which regulation kind",
    response=RegulationMatrixOut,
)
def regulation_matrix(request: HttpRequest, province: str | None = None) -> Any:
    return matrices.regulation_matrix(request.user, province)


@router.get(
    "/plan/checklist", summary="RPJMD/RKPD/APBD checklist per region", response=PlanChecklistOut
)
def plan_checklist(request: HttpRequest, year: int, province: str | None = None) -> Any:
    return matrices.plan_checklist(request.user, year, province)


@router.get("/jakon", summary="Jakon registration on APBD projects per region", response=JakonOut)
def jakon(request: HttpRequest, year: int, province: str | None = None) -> Any:
    return matrices.jakon_table(request.user, year, province)


# Packs, benefits paid, findings by dimension × obstacle (issue 19): same prefix.
router.add_router("", api_cycle.router)
