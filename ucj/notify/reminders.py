"""The daily reminders: follow-ups due in 7 days or overdue (escalated to the province
after UCJ_ESCALATE_DAYS), and kab/kota figures still missing after the due day."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext as _

from ucj.accounts.completeness import due_date
from ucj.accounts.models import RoleAssignment
from ucj.accounts.roles import Role
from ucj.indicators.models import Participation
from ucj.monev.models import ACTIVE, FollowUp
from ucj.notify.delivery import deliver
from ucj.notify.models import Kind
from ucj.regions.models import KABKOTA, Region

OFFICERS = (Role.KABKOTA, Role.PROVINCE)


def _users_of(region_ids: set[int], roles: tuple[str, ...]) -> dict[int, list[Any]]:
    """Users holding one of `roles` on each region (the region's own office)."""
    rows = RoleAssignment.objects.filter(region_id__in=region_ids, role__in=roles).values_list(
        "region_id", "user_id"
    )
    users = get_user_model().objects.in_bulk({u for _r, u in rows})
    out: dict[int, list[Any]] = {}
    for region_id, user_id in rows:
        out.setdefault(region_id, []).append(users[user_id])
    return out


def _province_ids(regions: list[Region]) -> dict[int, int]:
    codes = {r.province_code for r in regions}
    by_code = dict(Region.objects.filter(code__in=codes).values_list("code", "pk"))
    return {r.pk: by_code[r.province_code] for r in regions if r.province_code in by_code}


def _follow_up_texts(item: FollowUp, late: bool) -> tuple[str, str]:
    """Subject and body in the active language (names of region and office only)."""
    values = {
        "region": item.region.name,
        "office": item.responsible_office,
        "due": item.due_date.strftime("%d-%m-%Y"),
    }
    if late:
        subject = _("Tindak lanjut terlambat: %(region)s") % values
        body = _("Tindak lanjut oleh %(office)s untuk %(region)s melewati tenggat %(due)s.")
    else:
        subject = _("Tindak lanjut jatuh tempo %(due)s: %(region)s") % values
        body = _("Tindak lanjut oleh %(office)s untuk %(region)s jatuh tempo %(due)s.")
    return subject, body % values + "\n\n" + item.action[:300]


def follow_up_reminders(today: dt.date) -> dict[str, int]:
    soon = today + dt.timedelta(days=7)
    items = list(
        FollowUp.objects.filter(status__in=ACTIVE)
        .filter(due_date__lte=soon)
        .select_related("region")
    )
    regions = {f.region_id: f.region for f in items}
    owners = _users_of(set(regions), OFFICERS)
    provinces = _province_ids(list(regions.values()))
    escalation = _users_of(set(provinces.values()), (Role.PROVINCE,))
    late_days = settings.UCJ_ESCALATE_DAYS
    sent = {"due": 0, "overdue": 0, "escalated": 0}
    for item in items:
        path = reverse("monev:follow_up", args=[item.pk])
        due = item.due_date
        if due == soon:
            texts = partial(_follow_up_texts, item, False)
            got = deliver(
                owners.get(item.region_id, []), Kind.FOLLOW_UP_DUE, f"fu_due:{item.pk}", texts, path
            )
            sent["due"] += got["inbox"]
        elif due < today:
            late = partial(_follow_up_texts, item, True)
            got = deliver(
                owners.get(item.region_id, []),
                Kind.FOLLOW_UP_OVERDUE,
                f"fu_overdue:{item.pk}",
                late,
                path,
            )
            sent["overdue"] += got["inbox"]
            if (today - due).days > late_days and item.region_id in provinces:
                up = escalation.get(provinces[item.region_id], [])
                got = deliver(up, Kind.FOLLOW_UP_OVERDUE, f"fu_escalated:{item.pk}", late, path)
                sent["escalated"] += got["inbox"]
    return sent


def missing_reports(today: dt.date) -> dict[str, Any]:
    """Kab/kota without participant figures for last month, once its due day passed."""
    last = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    if today <= due_date(last):
        return {"period": f"{last:%Y-%m}", "missing": 0, "inbox": 0}
    have = Participation.objects.filter(period=last).values("region_id").distinct()
    missing = list(Region.objects.current().filter(level__in=KABKOTA).exclude(pk__in=have))
    officers = _users_of({r.pk for r in missing}, (Role.KABKOTA,))
    sent = 0
    for region in missing:
        if region.pk not in officers:
            continue

        def texts(region: Region = region) -> tuple[str, str]:
            values = {"region": region.name, "period": f"{last:%m-%Y}"}
            return (
                _("Angka %(period)s belum masuk: %(region)s") % values,
                _(
                    "Angka kepesertaan %(region)s untuk bulan %(period)s belum diunggah, "
                    "padahal sudah melewati tanggal %(due)s."
                )
                % {**values, "due": due_date(last).strftime("%d-%m-%Y")},
            )

        got = deliver(
            officers[region.pk],
            Kind.REPORT_MISSING,
            f"missing:{region.code}:{last:%Y-%m}",
            texts,
            reverse("intake:upload", args=["participants"]),
        )
        sent += got["inbox"]
    return {"period": f"{last:%Y-%m}", "missing": len(missing), "inbox": sent}
