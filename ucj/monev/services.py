"""Monev sessions, findings and follow-ups: the domain functions pages, API, CLI and
reports call. Matrices and tables across regions are in `matrices.py`.

Every caller passes a user and reads through `for_user`: the request's user, or a
`SystemActor` for the server operator (the CLI, the demo loader), which sees and writes
every region. `None` is an anonymous visitor: public rows only, no write (fail closed).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ucj.accounts.scoping import CHANGE, VIEW, allowed_regions
from ucj.lib.bilingual import Bilingual, pair
from ucj.lib.periods import optional_month
from ucj.monev.models import (
    OVERDUE,
    STANDARD_AGENDA,
    AgendaItem,
    AgendaKind,
    Attendee,
    Evidence,
    Finding,
    FollowUp,
    Mode,
    MonevSession,
    Organiser,
    ProgressNote,
    Recommendation,
    Snapshot,
    Status,
)
from ucj.regions.models import Region


def scoped(model: Any, user: Any, action: str = VIEW) -> Any:
    """The rows of `model` this user may see or change (a SystemActor: all of them)."""
    return model.objects.for_user(user, action)


def _check_regions(user: Any, regions: Sequence[Region], model: Any = None) -> None:
    allowed = set(
        allowed_regions(user, CHANGE, model or FollowUp)
        .filter(pk__in=[r.pk for r in regions])
        .values_list("pk", flat=True)
    )
    denied = [r.code for r in regions if r.pk not in allowed]
    if denied:
        raise PermissionDenied(
            pair(
                _("Anda tidak berwenang untuk wilayah %(codes)s"), codes=", ".join(denied)
            ).joined()
        )


def _regions(codes: Iterable[str]) -> list[Region]:
    codes = list(dict.fromkeys(c.strip() for c in codes if c and c.strip()))
    if not codes:
        raise ValidationError(pair(_("Pilih minimal satu wilayah")).joined())
    found = {r.code: r for r in Region.objects.current().filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise ValidationError(
            pair(_("Kode wilayah tidak dikenal: %(codes)s"), codes=", ".join(missing)).joined()
        )
    return [found[c] for c in codes]


@dataclass
class SessionInput:
    date: dt.date
    title: str
    organiser: str
    mode: str
    region_codes: list[str]
    organiser_other: str = ""
    location: str = ""
    period: dt.date | None = None
    held: bool = True
    notes: str = ""
    attendees: list[tuple[str, str, str]] = field(default_factory=list)  # name, office, role
    agenda_notes: dict[str, str] = field(default_factory=dict)  # AgendaKind → notes


def _check_choices(data: SessionInput) -> None:
    """Organiser, mode and agenda items must be one of their choices (a free value would
    be stored and shown as it came, or fail later as a server error)."""
    fields = (
        ("organiser", "penyelenggara", [data.organiser], Organiser.values),
        ("mode", "bentuk", [data.mode], Mode.values),
        ("agenda_notes", "agenda", list(data.agenda_notes), AgendaKind.values),
    )
    for name, label_id, given, allowed in fields:
        wrong = [str(v)[:40] for v in given if v not in allowed]
        if wrong:
            choices = ", ".join(allowed)
            raise ValidationError(
                pair(
                    _("%(field)s tidak dikenal: %(wrong)s; pilih salah satu: %(choices)s"),
                    field=Bilingual(label_id, name),
                    wrong=", ".join(wrong),
                    choices=choices,
                ).joined()
            )


def record_session(user: Any, data: SessionInput) -> MonevSession:
    """One session for one or several regions, with the four standard agenda items; when
    it is held, each region's indicators are frozen as a snapshot."""
    _check_choices(data)
    regions = _regions(data.region_codes)
    _check_regions(user, regions, MonevSession)
    with transaction.atomic():
        session = MonevSession.objects.create(
            date=data.date,
            title=data.title,
            organiser=data.organiser,
            organiser_other=data.organiser_other,
            mode=data.mode,
            location=data.location,
            period=data.period,
            held=False,
            notes=data.notes,
            created_by=user if user is not None and user.is_authenticated else None,
        )
        session.regions.set(regions)
        Attendee.objects.bulk_create(
            Attendee(session=session, name=n, office=o, role=r) for n, o, r in data.attendees
        )
        kinds = [*STANDARD_AGENDA, *(k for k in data.agenda_notes if k not in STANDARD_AGENDA)]
        AgendaItem.objects.bulk_create(
            AgendaItem(
                session=session, kind=AgendaKind(k), order=i, notes=data.agenda_notes.get(k, "")
            )
            for i, k in enumerate(kinds, start=1)
        )
        if data.held:
            hold_session(session)
    return session


def hold_session(session: MonevSession) -> MonevSession:
    """Mark the session held and freeze what the indicator engine says, per region.

    Without a month set on the session, each region's figures are those of its latest
    complete month as known on the session's date (figures stored by then), not today's.
    Snapshots already taken are kept: the record shows what was known on that day."""
    from ucj.indicators import services as indicators  # type: ignore[attr-defined]

    taken = set(session.snapshots.values_list("region_id", flat=True))
    regions = list(session.regions.exclude(pk__in=taken).order_by("code"))
    # One set-based computation per month the regions are shown in, not one per region.
    months: dict[dt.date | None, list[Any]] = {}
    for region in regions:
        month = session.period or indicators.default_period(region.code, on=session.date)
        months.setdefault(month, []).append(region)
    snapshots = []
    for month, members in months.items():
        found = indicators.objects_for(month, keep={r.code for r in members}) if month else {}
        for region in members:
            data = found.get(region.code) or indicators.blank(
                region.code, region.name, region.level, month
            )
            # Round-trip through JSON so dates and decimals are stored as the CLI prints them.
            frozen = json.loads(json.dumps(data, cls=DjangoJSONEncoder))
            period = _period(frozen.get("period")) if isinstance(frozen, dict) else None
            snapshots.append(Snapshot(session=session, region=region, period=period, data=frozen))
    with transaction.atomic():
        Snapshot.objects.bulk_create(snapshots)
        session.held = True
        session.save(update_fields=["held"])
    return session


def _period(text: Any) -> dt.date | None:
    return optional_month(str(text)[:7]) if text else None


@dataclass
class FollowUpInput:
    action: str
    responsible_office: str
    due_date: dt.date


@dataclass
class RecommendationInput:
    text: str
    follow_ups: list[FollowUpInput] = field(default_factory=list)


def add_finding(
    user: Any,
    session: MonevSession,
    region_code: str,
    text: str,
    recommendations: Sequence[RecommendationInput] = (),
    indicator: str = "",
    dimension: str = "",
    obstacle: str = "",
) -> Finding:
    """A finding for one of the session's regions, with its recommendations and their
    follow-ups, written together or not at all. `dimension` and `obstacle` (an obstacle
    type code) may stay empty: 'belum ditentukan'."""
    from ucj.monev.dimensions import check_dimension

    region = _regions([region_code])[0]
    obstacle_type = check_dimension(dimension, obstacle)
    if not session.regions.filter(pk=region.pk).exists():
        raise ValidationError(
            pair(_("Wilayah %(code)s bukan peserta sesi ini"), code=region.code).joined()
        )
    _check_regions(user, [region], Finding)
    with transaction.atomic():
        finding = Finding.objects.create(
            session=session,
            region=region,
            text=text,
            indicator=indicator,
            dimension=dimension,
            obstacle=obstacle_type,
        )
        for rec in recommendations:
            recommendation = Recommendation.objects.create(finding=finding, text=rec.text)
            # One save each (a handful per recommendation) so the audit history sees them.
            for f in rec.follow_ups:
                FollowUp.objects.create(
                    recommendation=recommendation,
                    region=region,
                    action=f.action,
                    responsible_office=f.responsible_office,
                    due_date=f.due_date,
                )
    return finding


def add_follow_up(user: Any, recommendation: Recommendation, data: FollowUpInput) -> FollowUp:
    region = recommendation.finding.region
    _check_regions(user, [region])
    return FollowUp.objects.create(
        recommendation=recommendation,
        region=region,
        action=data.action,
        responsible_office=data.responsible_office,
        due_date=data.due_date,
    )


def update_follow_up(
    user: Any,
    follow_up_id: int,
    status: str | None = None,
    note: str = "",
    evidence: Sequence[UploadedFile] = (),
    due_date: dt.date | None = None,
    today: dt.date | None = None,
) -> FollowUp:
    """Record progress: a note (kept with the status it left), a new status, evidence."""
    follow_up = (
        scoped(FollowUp, user, CHANGE).select_related("region").filter(pk=follow_up_id).first()
    )
    if follow_up is None:
        raise PermissionDenied(pair(_("Tindak lanjut tidak ditemukan")).joined())
    if status is not None and status not in Status.values:
        raise ValidationError(
            pair(
                _(
                    "Status tidak dikenal: %(status)s (pilih %(known)s; 'overdue' dihitung "
                    "dari tenggat)"
                ),
                status=repr(status),
                known=", ".join(Status.values),
            ).joined()
        )
    author = user if user is not None and user.is_authenticated else None
    _check_files(evidence)
    with transaction.atomic():
        if status is not None:
            follow_up.status = status
            follow_up.completed = (today or dt.date.today()) if status == Status.DONE else None
        if due_date is not None:
            follow_up.due_date = due_date
        follow_up.save()
        if note or status is not None:
            ProgressNote.objects.create(
                follow_up=follow_up, text=note, status=follow_up.status, author=author
            )
        for upload in evidence:
            Evidence.objects.create(
                follow_up=follow_up, file=upload, description=upload.name or "", uploaded_by=author
            )
    return follow_up


def session_detail(user: Any, session_id: int) -> MonevSession | None:
    """The session with everything the detail page shows, or None outside the user's scope.
    Findings and follow-ups of regions the user may not see are left out."""
    session = scoped(MonevSession, user).filter(pk=session_id).first()
    if session is None:
        return None
    session.visible_snapshots = list(  # type: ignore[attr-defined]
        scoped(Snapshot, user).filter(session=session).select_related("region")
    )
    findings = scoped(Finding, user).filter(session=session).select_related("region", "obstacle")
    follow_ups: Any = (
        scoped(FollowUp, user)
        .filter(recommendation__finding__session=session)
        .with_state()
        .order_by("due_date", "id")
    )
    by_rec: dict[int, list[FollowUp]] = {}
    for f in follow_ups:
        by_rec.setdefault(f.recommendation_id, []).append(f)
    recs: dict[int, list[Recommendation]] = {}
    for r in Recommendation.objects.filter(finding__in=findings):
        r.visible_follow_ups = by_rec.get(r.pk, [])  # type: ignore[attr-defined]
        recs.setdefault(r.finding_id, []).append(r)
    session.visible_findings = [  # type: ignore[attr-defined]
        _attach(f, recs.get(f.pk, [])) for f in findings
    ]
    return session


def _attach(finding: Finding, recs: list[Recommendation]) -> Finding:
    finding.visible_recommendations = recs  # type: ignore[attr-defined]
    return finding


def add_regulation(user: Any, region_code: str, regulation: Any) -> Any:
    """Save a regulation (an unsaved Regulation from the form) for a region in scope."""
    from ucj.monev.records import Regulation

    region = _regions([region_code])[0]
    _check_regions(user, [region], Regulation)
    regulation.region = region
    regulation.full_clean()
    if regulation.document:  # the same checks as every evidence file (monev/filecheck.py)
        _check_files([regulation.document])
    regulation.save()
    return regulation


def _check_files(uploads: Sequence[Any]) -> None:
    """Type by content, size, no active content, virus scan: refuse before writing."""
    from ucj.monev.evidence import ALLOWED
    from ucj.monev.filecheck import check_upload

    for upload in uploads:
        path, _checked = check_upload(upload, ALLOWED["dokumen"])
        path.unlink(missing_ok=True)
        upload.seek(0)


def sessions_for(user: Any) -> Any:
    """The sessions this user may see, newest first, with their region codes."""
    return scoped(MonevSession, user).prefetch_related("regions").order_by("-date", "-id")


__all__ = ["OVERDUE", "FollowUpInput", "RecommendationInput", "SessionInput"]
