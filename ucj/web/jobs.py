"""Scheduled: the stale-data check (regions with no recent participant figures)."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ucj.indicators.coverage import latest_period
from ucj.lib.schedule import Job, register
from ucj.web.dashboard import stale_regions

log = logging.getLogger("ucj.ops.jobs")


def stale_check() -> dict[str, Any]:
    latest = latest_period()
    stale = stale_regions(latest)
    if stale:
        log.warning(
            "%d regions without participant figures for %d months",
            len(stale),
            settings.UCJ_STALE_MONTHS,
        )
    return {
        "latest_period": latest.strftime("%Y-%m") if latest else None,
        "stale": len(stale),
        "codes": [r["code"] for r in stale[:50]],
    }


register(Job("stale_check", _("Periksa data usang"), stale_check, hour=6))
