"""'YYYY-MM' ↔ first day of the month, with a bilingual error for bad input."""

from __future__ import annotations

import datetime as dt
import re

from ucj.accounts.approval import ApprovalError

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_month(text: str) -> dt.date:
    match = _MONTH.match((text or "").strip())
    if not match or not 1 <= int(match.group(2)) <= 12 or int(match.group(1)) < 1900:
        raise ApprovalError(
            f"Periode tidak valid: {text!r} (gunakan YYYY-MM, mis. 2025-03).",
            f"Invalid period: {text!r} (use YYYY-MM, e.g. 2025-03).",
            status=400,
        )
    return dt.date(int(match.group(1)), int(match.group(2)), 1)
