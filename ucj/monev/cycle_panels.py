"""Panels of the monev cycle (issue 19): on the region scorecard, issued letters, data
requests and the link to the Paritrana checklist; on the national page, overdue data
requests. Registered from `MonevConfig.ready()`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

OVERDUE_SHOWN = 15


def cycle_context(region: Any, user: Any, period: dt.date | None) -> dict[str, Any] | None:
    from ucj.monev import data_requests, letters

    if not getattr(user, "is_authenticated", False):
        return None
    requests = list(data_requests.for_region(user, region)[:10])
    return {
        "letters": list(letters.issued_for(user, region)[:20]),
        "requests": [(q, data_requests.is_overdue(q)) for q in requests],
    }


def overdue_requests_context(
    region: Any, user: Any, period: dt.date | None
) -> dict[str, Any] | None:
    from ucj.monev import data_requests

    if not getattr(user, "is_authenticated", False):
        return None
    qs = data_requests.overdue(user)
    shown = list(qs[:OVERDUE_SHOWN])
    if not shown:
        return None
    return {"overdue": shown, "total": qs.count()}


def register_cycle_panels() -> None:
    from ucj.lib.panels import register

    register(
        name="monev.cycle",
        title=_("Surat, permintaan data dan kesiapan Paritrana"),
        template="monev/panel_cycle.html",
        context=cycle_context,
        order=53,
    )
    register(
        name="monev.requests_overdue",
        title=_("Permintaan data ke BPJS TK yang terlambat"),
        template="monev/panel_requests_overdue.html",
        context=overdue_requests_context,
        order=11,
        page="national",
    )
    # No header menu entry: the pages are reached from the Monev pages' breadcrumb (the
    # menu is pinned by the persona matrix in web/tests/test_nav.py).
