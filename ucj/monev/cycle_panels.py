"""Panels of the monev cycle (issue 19): on the region scorecard, issued letters, data
requests and the link to the Paritrana checklist; on the national page, overdue data
requests. Registered from `MonevConfig.ready()`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext_lazy as _

from ucj.monev.panels import overdue_box, register_rows


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
    return overdue_box(data_requests.overdue(user))


def register_cycle_panels() -> None:
    register_rows(
        ("monev.cycle", _("Surat, permintaan data dan kesiapan Paritrana"),
         "monev/panel_cycle.html", cycle_context, 53),
        ("monev.requests_overdue", _("Permintaan data ke BPJS TK yang terlambat"),
         "monev/panel_requests_overdue.html", overdue_requests_context, 11, "national"),
    )  # fmt: skip
    # No header menu entry: the pages are reached from the Monev pages' breadcrumb (the
    # menu is pinned by the persona matrix in web/tests/test_nav.py).
