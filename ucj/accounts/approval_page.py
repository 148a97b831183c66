"""The approvals page: which month to show by default, filters, one page of rows, and
for each row only the steps this user may take (a kab/kota officer never sees an
"approve" button it cannot press). The rules are `approval.py`'s; this module only
asks them once per page, not once per row."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db.models import Max
from django.utils import timezone

from ucj.accounts.completeness import completeness
from ucj.accounts.models import MonthApproval, MonthStatus, Role
from ucj.accounts.scoping import CHANGE, VIEW, allowed_regions, has_role, is_admin, roles_of
from ucj.regions.models import KABKOTA, Level

PAGE_SIZE = 50
STATUSES = [(s.value, s.label) for s in MonthStatus]


def default_period(user: Any) -> dt.date:
    """The latest month anyone submitted for, or that has figures, in the user's regions.

    Approvals concern months still being reported, so unlike the dashboards' default
    month (latest *complete* month) this may be a month only some kab/kota have sent.
    Never a month after both (not "this month" when data ends a year ago)."""
    regions = allowed_regions(user, VIEW, MonthApproval).filter(level__in=KABKOTA)
    submitted = (
        MonthApproval.objects.for_user(user, VIEW)
        .exclude(status=MonthStatus.DRAFT, first_submitted_at__isnull=True)
        .aggregate(latest=Max("period"))["latest"]
    )
    participation = apps.get_model("indicators", "Participation")
    figures = participation.objects.filter(region__in=regions).aggregate(latest=Max("period"))[
        "latest"
    ]
    found = [p for p in (submitted, figures) if p is not None]
    return max(found) if found else timezone.localdate().replace(day=1)


@dataclass(frozen=True)
class Powers:
    """What the user may do, asked once: the rules of approval.submit/approve/accept/reopen."""

    submit_codes: frozenset[str]
    province_codes: frozenset[str]
    national: bool
    admin: bool

    @classmethod
    def of(cls, user: Any) -> Powers:
        submit = allowed_regions(user, CHANGE, MonthApproval).filter(level__in=KABKOTA)
        return cls(
            submit_codes=frozenset(submit.values_list("code", flat=True)),
            province_codes=frozenset(
                code[:2] for role, code, _l in roles_of(user) if role == Role.PROVINCE and code
            ),
            national=has_role(user, Role.NATIONAL),
            admin=is_admin(user),
        )

    def actions(self, row: dict[str, Any]) -> list[str]:
        status, code = row["status"], row["code"]
        province = self.admin or code[:2] in self.province_codes
        national = self.admin or self.national
        steps = []
        if status == MonthStatus.DRAFT and code in self.submit_codes:
            steps.append("submit")
        if status == MonthStatus.SUBMITTED and province:
            steps.append("approve")
        if status == MonthStatus.APPROVED and national:
            steps.append("accept")
        if status != MonthStatus.DRAFT and (
            national or (province and status != MonthStatus.ACCEPTED)
        ):
            steps.append("reopen")
        return steps


def page(
    user: Any, period: dt.date, province: str = "", status: str = "", number: int = 1
) -> dict[str, Any]:
    """Completeness for the month, filtered, one page of rows with their allowed steps."""
    data = completeness(user, period, province or None)
    counts = {value: 0 for value, _label in STATUSES}
    for row in data["rows"]:
        counts[row["status"]] = counts.get(row["status"], 0) + 1
    rows = [r for r in data["rows"] if not status or r["status"] == status]
    pages = max(1, -(-len(rows) // PAGE_SIZE))
    number = min(max(1, number), pages)
    shown = rows[(number - 1) * PAGE_SIZE : number * PAGE_SIZE]
    powers = Powers.of(user)
    labels = dict(STATUSES)
    for row in shown:
        row["actions"] = powers.actions(row)
        row["status_label"] = labels.get(row["status"], row["status"])
    provinces = (
        allowed_regions(user, VIEW, MonthApproval)
        .filter(level=Level.PROVINCE)
        .order_by("code")
        .values_list("code", "name")
    )
    return {
        **data,
        "rows": shown,
        "matching": len(rows),
        "first": (number - 1) * PAGE_SIZE + 1 if shown else 0,
        "last": (number - 1) * PAGE_SIZE + len(shown),
        "page": number,
        "pages": list(range(1, pages + 1)),
        "page_count": pages,
        "counts": [(value, label, counts[value]) for value, label in STATUSES],
        "provinces": list(provinces),
        "may_act": bool(powers.submit_codes or powers.province_codes or powers.national)
        or powers.admin,
    }
