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


OVERDUE_SHOWN = 15


def overdue_box(qs: Any) -> dict[str, Any] | None:
    """A national-page box of overdue items: the first OVERDUE_SHOWN and the count; None
    (no box) when nothing is overdue. Shared by follow-ups and data requests."""
    shown = list(qs[:OVERDUE_SHOWN])
    if not shown:
        return None
    return {"overdue": shown, "total": qs.count()}


def national_overdue_context(
    region: Any, user: Any, period: dt.date | None
) -> dict[str, Any] | None:
    """National page: overdue follow-ups in the visitor's scope, and the national list
    (provinces' own overdue items) for those who hold it."""
    from ucj.monev import follow_up_lists

    if not getattr(user, "is_authenticated", False):
        return None
    return overdue_box(follow_up_lists.overdue_in_scope(user))


def brief_context(region: Any, user: Any, period: dt.date | None) -> dict[str, Any]:
    return {"periode": period.strftime("%Y-%m") if period else ""}


def benefits_context(region: Any, user: Any, period: dt.date | None) -> dict[str, Any] | None:
    from ucj.monev.benefits import scorecard_context

    return scorecard_context(region, user, period)


def register_rows(*rows: tuple[Any, ...]) -> None:
    """Register scorecard panels from rows (name, title, template, context, order[, page]):
    one line a panel, for this module's panels and the cycle's (cycle_panels)."""
    from ucj.lib.panels import register

    for name, title, template, context, order, *page in rows:
        register(
            name, template, context, order=order, title=title, page=page[0] if page else "scorecard"
        )


def register_panels() -> None:
    from ucj.lib.nav import add
    from ucj.monev.benefits import for_scenario
    from ucj.planning.extensions import add_benefit_history

    add_benefit_history(for_scenario)  # shown beside a planning scenario

    register_rows(
        ("monev.brief", _("Ringkasan monev (PDF)"), "monev/panel_brief.html", brief_context, 50),
        ("monev.follow_ups", _("Tindak lanjut monev"), "monev/panel_follow_ups.html",
         follow_ups_context, 51),
        ("monev.regulations", _("Regulasi daerah"), "monev/panel_regulations.html",
         regulations_context, 52),
        ("monev.benefits", _("Manfaat dibayar"), "monev/panel_benefits.html",
         benefits_context, 53),
        ("monev.overdue", _("Tindak lanjut terlambat"), "monev/panel_overdue.html",
         national_overdue_context, 10, "national"),
    )  # fmt: skip
    add("monev:home", _("Monev"), order=30, login_required=True)
    add("monev:matrix_regulations", _("Regulasi"), order=31)
