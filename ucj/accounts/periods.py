"""'YYYY-MM' → first day of the month (`ucj.lib.periods`), and reporting periods
(triwulan '2025-Q3', semester '2025-S1'), refused as approval pages and routes
refuse: an `ApprovalError` with status 400."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ucj.accounts.approval import ApprovalError
from ucj.lib import periods
from ucj.lib.bilingual import pair


def parse_month(text: str) -> dt.date:
    try:
        return periods.parse_month(text)
    except periods.PeriodError as exc:
        raise ApprovalError(exc.message_id, exc.message_en, status=400) from None


_REPORTING = re.compile(r"^(\d{4})-([QqSs])([1-4])$")


@dataclass(frozen=True)
class ReportingPeriod:
    """A triwulan (quarter, '2025-Q3') or semester ('2025-S1') as reporting packs use it:
    the monthly figures of its last month, the records dated inside it."""

    year: int
    kind: str  # "Q" (triwulan) or "S" (semester)
    number: int

    @property
    def code(self) -> str:
        return f"{self.year}-{self.kind}{self.number}"

    @property
    def months(self) -> int:
        return 3 if self.kind == "Q" else 6

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, (self.number - 1) * self.months + 1, 1)

    @property
    def last_month(self) -> dt.date:
        """First day of the period's last month (where monthly figures are read)."""
        return dt.date(self.year, self.number * self.months, 1)

    @property
    def end(self) -> dt.date:
        """Last day of the period."""
        last = self.last_month
        following = dt.date(last.year + last.month // 12, last.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @property
    def before(self) -> dt.date:
        """First day of the month before the period (its opening position)."""
        return (self.start - dt.timedelta(days=1)).replace(day=1)

    @property
    def label_id(self) -> str:
        roman = ["I", "II", "III", "IV"][self.number - 1]
        word = "Triwulan" if self.kind == "Q" else "Semester"
        return f"{word} {roman} {self.year}"

    @property
    def label_en(self) -> str:
        word = "Quarter" if self.kind == "Q" else "Half-year"
        return f"{word} {self.number} {self.year}"

    def month_list(self) -> list[dt.date]:
        return [dt.date(self.year, self.start.month + i, 1) for i in range(self.months)]


def parse_reporting_period(text: str) -> ReportingPeriod:
    """'2025-Q3' (triwulan) or '2025-S1' (semester) → ReportingPeriod; bilingual error."""
    match = _REPORTING.match((text or "").strip())
    kind = match.group(2).upper() if match else ""
    if not match or int(match.group(1)) < 1900 or (kind == "S" and int(match.group(3)) > 2):
        raise ApprovalError(
            *pair(
                _(
                    "Periode laporan tidak valid: %(text)s (gunakan triwulan YYYY-Q1..Q4 atau "
                    "semester YYYY-S1/S2, mis. 2025-Q3)."
                ),
                text=repr(text),
            ),
            status=400,
        )
    return ReportingPeriod(int(match.group(1)), kind, int(match.group(3)))
