"""Which kab/kota reported a month, and on time (the province and national overview)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils import timezone

from ucj.accounts.models import MonthApproval, MonthStatus
from ucj.accounts.scoping import VIEW, allowed_regions, refuse_filter
from ucj.regions.models import KABKOTA


def due_date(period: dt.date) -> dt.date:
    """The UCJ_REPORT_DUE_DAY of the month after `period`."""
    year, month = (period.year + 1, 1) if period.month == 12 else (period.year, period.month + 1)
    return dt.date(year, month, settings.UCJ_REPORT_DUE_DAY)


def completeness(user: Any, period: dt.date, province: str | None = None) -> dict[str, Any]:
    """One row per current kab/kota the user may see, with status and timeliness."""
    period = period.replace(day=1)
    regions = allowed_regions(user, VIEW, MonthApproval).filter(level__in=KABKOTA)
    if province:
        refuse_filter(user, VIEW, MonthApproval, province, "province")
        regions = regions.filter(province_code=province)
    regions = regions.order_by("code")
    states = {
        row.region_id: row
        for row in MonthApproval.objects.for_user(user, VIEW)
        .filter(period=period, region__in=regions)
        .select_related("approved_by")
    }
    participation = apps.get_model("indicators", "Participation")
    with_figures = set(
        participation.objects.filter(period=period, region__in=regions)
        .values_list("region_id", flat=True)
        .distinct()
    )
    due = due_date(period)
    rows = []
    for region in regions:
        state = states.get(region.pk)
        first = state.first_submitted_at if state else None
        rows.append(
            {
                "code": region.code,
                "name": region.name,
                "province_code": region.province_code,
                "status": state.status if state else MonthStatus.DRAFT.value,
                "has_figures": region.pk in with_figures,
                "submitted_at": first.isoformat() if first else None,
                "on_time": bool(first and timezone.localdate(first) <= due),
                "approved_by": state.approved_by.username if state and state.approved_by else None,
                "approved_at": state.approved_at.isoformat()
                if state and state.approved_at
                else None,
            }
        )
    reported = [r for r in rows if r["submitted_at"]]
    return {
        "period": f"{period:%Y-%m}",
        "due": due.isoformat(),
        "regions": len(rows),
        "reported": len(reported),
        "on_time": sum(1 for r in rows if r["on_time"]),
        "rows": rows,
    }
