"""Daily reminders of waiting work beyond follow-ups: months waiting for approval,
monev sessions held tomorrow, BPJS TK membership lists grown old. Each event has one
key, so the daily job run twice (or on later days) reminds of it once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ucj.accounts.models import MonthApproval, MonthStatus
from ucj.accounts.roles import Role
from ucj.monev.models import MonevSession
from ucj.notify.delivery import deliver
from ucj.notify.models import Kind
from ucj.notify.reminders import (
    OFFICERS,
    _province_ids,
    _users_of,
    follow_up_reminders,
    missing_reports,
)
from ucj.regions.models import Region
from ucj.registry.models import MembershipList


def approvals_waiting(today: dt.date) -> dict[str, int]:
    """Submitted months neither approved nor returned after UCJ_APPROVAL_WAIT_DAYS, to
    the officers of the region's province (who alone approve, with admins)."""
    days = settings.UCJ_APPROVAL_WAIT_DAYS
    rows = list(
        MonthApproval.objects.filter(
            status=MonthStatus.SUBMITTED, submitted_at__date__lt=today - dt.timedelta(days=days)
        ).select_related("region")
    )
    provinces = _province_ids([r.region for r in rows])
    approvers = _users_of(set(provinces.values()), (Role.PROVINCE,))
    sent = 0
    for row in rows:

        def texts(row: MonthApproval = row) -> tuple[str, str]:
            values = {
                "region": row.region.name,
                "period": f"{row.period:%m-%Y}",
                "since": row.submitted_at.strftime("%d-%m-%Y") if row.submitted_at else "?",
            }
            return (
                _("Menunggu persetujuan: %(region)s %(period)s") % values,
                _(
                    "Angka %(region)s bulan %(period)s diajukan pada %(since)s dan belum "
                    "disetujui atau dikembalikan."
                )
                % values,
            )

        users = approvers.get(provinces.get(row.region_id, -1), [])
        # A new submission after a return is a new event: the key carries its time.
        stamp = f"{row.submitted_at:%Y%m%d%H%M%S}" if row.submitted_at else ""
        got = deliver(
            users,
            Kind.APPROVAL_WAITING,
            f"approval:{row.pk}:{stamp}",
            texts,
            reverse("accounts:approvals"),
        )
        sent += got["inbox"]
    return {"waiting": len(rows), "inbox": sent}


def sessions_tomorrow(today: dt.date) -> dict[str, int]:
    """Sessions dated tomorrow and not yet held, to the officers and BPJS TK branch
    officers of each of their regions and to the user who recorded the session (the
    organiser's office: organisers are named, not modelled as offices with users)."""
    tomorrow = today + dt.timedelta(days=1)
    sessions = list(
        MonevSession.objects.filter(date=tomorrow, held=False)
        .select_related("created_by")
        .prefetch_related("regions")
    )
    region_ids = {r.pk for s in sessions for r in s.regions.all()}
    officers = _users_of(region_ids, (*OFFICERS, Role.BRANCH))
    sent = 0
    for session in sessions:
        users = {u.pk: u for r in session.regions.all() for u in officers.get(r.pk, [])}
        if session.created_by is not None:
            users.setdefault(session.created_by.pk, session.created_by)

        def texts(session: MonevSession = session) -> tuple[str, str]:
            values = {
                "title": session.title,
                "date": session.date.strftime("%d-%m-%Y"),
                "organiser": session.organiser_label,
                "regions": ", ".join(r.name for r in session.regions.all()),
                "location": session.location or "-",
            }
            return (
                _("Sesi monev besok: %(title)s") % values,
                _(
                    "Sesi monev %(title)s (%(organiser)s) untuk %(regions)s diadakan "
                    "besok, %(date)s. Tempat / tautan: %(location)s"
                )
                % values,
            )

        got = deliver(
            users.values(),
            Kind.SESSION_TOMORROW,
            f"session:{session.pk}:{session.date:%Y-%m-%d}",
            texts,
            reverse("monev:session", args=[session.pk]),
        )
        sent += got["inbox"]
    return {"sessions": len(sessions), "inbox": sent}


def _months_before(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    first = dt.date(year, month + 1, 1)
    nxt = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    return first.replace(day=min(day.day, (nxt - first).days))


def stale_lists(today: dt.date) -> dict[str, int]:
    """Regions whose latest real membership list is older than UCJ_LIST_STALE_MONTHS, to
    the region's officers and the branch officers assigned to it or to its province."""
    cutoff = _months_before(today, settings.UCJ_LIST_STALE_MONTHS)
    latest = dict(
        MembershipList.objects.filter(is_sample=False)
        .values("region_id")
        .annotate(latest=Max("as_of"))
        .filter(latest__lt=cutoff)
        .values_list("region_id", "latest")
    )
    regions = list(Region.objects.filter(pk__in=latest))
    provinces = _province_ids(regions)
    people = _users_of(set(latest), (*OFFICERS, Role.BRANCH))
    branches = _users_of(set(provinces.values()), (Role.BRANCH,))
    sent = 0
    for region in regions:
        as_of: dt.date = latest[region.pk]
        users = {u.pk: u for u in people.get(region.pk, [])}
        if provinces.get(region.pk) != region.pk:
            for u in branches.get(provinces.get(region.pk, -1), []):
                users.setdefault(u.pk, u)

        def texts(region: Region = region, as_of: dt.date = as_of) -> tuple[str, str]:
            values = {"region": region.name, "as_of": as_of.strftime("%d-%m-%Y")}
            return (
                _("Daftar kepesertaan BPJS TK sudah lama: %(region)s") % values,
                _(
                    "Daftar kepesertaan BPJS TK terbaru untuk %(region)s adalah per "
                    "%(as_of)s; mintalah daftar yang baru ke kantor cabang."
                )
                % values,
            )

        got = deliver(
            users.values(),
            Kind.LIST_STALE,
            f"stale_list:{region.code}:{as_of:%Y-%m-%d}",
            texts,
            reverse("registry:overview"),
        )
        sent += got["inbox"]
    return {"regions": len(regions), "inbox": sent}


def daily_events(today: dt.date) -> dict[str, Any]:
    return {
        "approvals": approvals_waiting(today),
        "sessions": sessions_tomorrow(today),
        "lists": stale_lists(today),
    }


def daily(today: dt.date | None = None) -> dict[str, Any]:
    """The daily notify job: reminders (ucj.notify.reminders) and these events."""
    today = today or timezone.localdate()
    return {
        "follow_ups": follow_up_reminders(today),
        "reports": missing_reports(today),
        **daily_events(today),
    }
