"""Monev panels on the region scorecard (ucj.lib.panels) and the header menu entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _


def regulations_context(region: Any, user: Any, period: dt.date | None) -> dict[str, Any]:
    from ucj.monev import matrices

    regs = matrices.regulations_of(user, region)
    return {"regulations": regs, "is_sample": any(r.is_sample for r in regs)}


def follow_ups_context(region: Any, user: Any, period: dt.date | None) -> dict[str, Any] | None:
    """Open and overdue follow-ups stay on the scorecard until done or cancelled; a
    province also sees its kab/kota's overdue items escalated to it."""
    from ucj.monev import follow_up_lists

    if not getattr(user, "is_authenticated", False):
        return None
    own = list(follow_up_lists.region_follow_ups(user, region))
    escalated = list(follow_up_lists.escalated(user, region)) if region.level == "province" else []
    return {
        "own": own,
        "escalated": escalated,
        "overdue": sum(1 for f in own if f.state == "overdue"),
    }


def national_overdue_context(
    region: Any, user: Any, period: dt.date | None
) -> dict[str, Any] | None:
    """National page: overdue follow-ups in the visitor's scope, and the national list
    (provinces' own overdue items) for those who hold it."""
    from ucj.monev import follow_up_lists

    if not getattr(user, "is_authenticated", False):
        return None
    overdue = list(follow_up_lists.overdue_in_scope(user)[:OVERDUE_SHOWN])
    if not overdue:
        return None
    return {"overdue": overdue, "total": follow_up_lists.overdue_in_scope(user).count()}


OVERDUE_SHOWN = 15


def brief_context(region: Any, user: Any, period: dt.date | None) -> dict[str, Any]:
    return {"periode": period.strftime("%Y-%m") if period else ""}


def benefits_context(region: Any, user: Any, period: dt.date | None) -> dict[str, Any] | None:
    from ucj.monev.benefits import scorecard_context

    return scorecard_context(region, user, period)


def register_panels() -> None:
    from ucj.lib.nav import add
    from ucj.lib.panels import register
    from ucj.monev.benefits import for_scenario
    from ucj.planning.extensions import add_benefit_history

    add_benefit_history(for_scenario)  # shown beside a planning scenario

    register(
        name="monev.brief",
        title=_("Ringkasan monev (PDF)"),
        template="monev/panel_brief.html",
        context=brief_context,
        order=50,
    )
    register(
        name="monev.follow_ups",
        title=_("Tindak lanjut monev"),
        template="monev/panel_follow_ups.html",
        context=follow_ups_context,
        order=51,
    )
    register(
        name="monev.regulations",
        title=_("Regulasi daerah"),
        template="monev/panel_regulations.html",
        context=regulations_context,
        order=52,
    )
    register(
        name="monev.benefits",
        title=_("Manfaat dibayar"),
        template="monev/panel_benefits.html",
        context=benefits_context,
        order=53,
    )
    register(
        name="monev.overdue",
        title=_("Tindak lanjut terlambat"),
        template="monev/panel_overdue.html",
        context=national_overdue_context,
        order=10,
        page="national",
    )
    add("monev:home", _("Monev"), order=30, login_required=True)
    add("monev:matrix_regulations", _("Regulasi"), order=31)
