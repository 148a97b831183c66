"""The follow-up lists the scorecard, panels, reports and API read: a region's own, the
overdue ones in the user's scope, and those escalated to a province or the nation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet

from ucj.monev.models import ACTIVE, FollowUp
from ucj.monev.services import scoped
from ucj.regions.models import Level, Region


def region_follow_ups(
    user: Any, region: Region, include_closed: bool = False, today: dt.date | None = None
) -> QuerySet[FollowUp]:
    """The region's own follow-ups, with their state; by default the ones still to do
    (open, in progress, overdue): they stay on the scorecard until done or cancelled."""
    qs: Any = scoped(FollowUp, user).filter(region=region)
    if not include_closed:
        qs = qs.filter(status__in=ACTIVE)
    return (
        qs.with_state(today)
        .select_related("recommendation__finding__session", "region")
        .order_by("due_date", "id")
    )


def follow_up_counts(user: Any, region: Region, today: dt.date | None = None) -> dict[str, int]:
    today = today or dt.date.today()
    qs = scoped(FollowUp, user).filter(region=region, status__in=ACTIVE)
    counts = qs.aggregate(active=Count("id"), overdue=Count("id", filter=Q(due_date__lt=today)))
    return {
        "active": counts["active"],
        "overdue": counts["overdue"],
        "on_time": counts["active"] - counts["overdue"],
    }


def overdue_in_scope(user: Any, today: dt.date | None = None) -> QuerySet[FollowUp]:
    """Every overdue follow-up the user may see, oldest due date first."""
    today = today or dt.date.today()
    qs = scoped(FollowUp, user).overdue(today)  # type: ignore[attr-defined]
    return (
        qs.with_state(today)
        .select_related("region", "recommendation__finding__session")
        .order_by("due_date", "region__code")
    )


def escalated(
    user: Any, region: Region | None = None, today: dt.date | None = None
) -> QuerySet[FollowUp]:
    """Overdue items that have reached this level's list: a province sees its kab/kota's
    overdue follow-ups; the national list (region None) holds the provinces' own."""
    today = today or dt.date.today()
    qs = scoped(FollowUp, user).overdue(today)  # type: ignore[attr-defined]
    if region is None:
        qs = qs.filter(region__level=Level.PROVINCE)
    elif region.level == Level.PROVINCE:
        qs = qs.filter(region__province_code=region.province_code).exclude(region=region)
    else:  # kab/kota: its kecamatan (none recorded today) would escalate here
        qs = qs.filter(region__code__startswith=region.code + ".")
    return (
        qs.with_state(today)
        .select_related(  # type: ignore[no-any-return]
            "region", "recommendation__finding__session"
        )
        .order_by("due_date", "region__code")
    )
