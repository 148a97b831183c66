"""'YYYY-MM' → first day of the month (`ucj.lib.periods`), refused as approval pages
and routes refuse: an `ApprovalError` with status 400."""

from __future__ import annotations

import datetime as dt

from ucj.accounts.approval import ApprovalError
from ucj.lib import periods


def parse_month(text: str) -> dt.date:
    try:
        return periods.parse_month(text)
    except periods.PeriodError as exc:
        raise ApprovalError(exc.message_id, exc.message_en, status=400) from None
