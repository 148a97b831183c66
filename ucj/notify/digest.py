"""The weekly digest per province: its kab/kota that moved category between the last
two months, its overdue follow-ups and its kab/kota whose figures are missing, in one
message to each officer of the province. Figures come from the coverage engine in one
set-based pass for every province that has officers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import polars as pl
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ucj.accounts.completeness import due_date
from ucj.accounts.roles import Role
from ucj.indicators.coverage import compute
from ucj.indicators.models import Participation
from ucj.monev.models import ACTIVE, FollowUp
from ucj.notify.delivery import deliver
from ucj.notify.models import Kind
from ucj.notify.reminders import _users_of
from ucj.regions.models import KABKOTA, Level, Region

LISTED = 15  # names listed per section; the count says how many in all


def _months(today: dt.date) -> tuple[dt.date, dt.date]:
    last = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    return (last - dt.timedelta(days=1)).replace(day=1), last


def _moves(codes: set[str], prev: dt.date, last: dt.date) -> dict[str, list[tuple[str, str, str]]]:
    """(name, from, to) of each kab/kota whose category changed, per province code."""
    df = compute([prev, last], codes, ranks=False)
    df = df.filter(pl.col("level").is_in(list(KABKOTA)) & pl.col("category").is_not_null())
    before = df.filter(pl.col("period") == prev).select("code", pl.col("category").alias("was"))
    now = df.filter(pl.col("period") == last).select("code", "name", "province_code", "category")
    moved = now.join(before, on="code").filter(pl.col("was") != pl.col("category")).sort("code")
    out: dict[str, list[tuple[str, str, str]]] = {}
    for row in moved.iter_rows(named=True):
        out.setdefault(row["province_code"], []).append((row["name"], row["was"], row["category"]))
    return out


def _names(items: list[str]) -> str:
    more = len(items) - LISTED
    return ", ".join(items[:LISTED]) + (f" (+{more})" if more > 0 else "")


def weekly(today: dt.date | None = None) -> dict[str, Any]:
    today = today or timezone.localdate()
    prev, last = _months(today)
    # Missing reports: last month once its due day passed, else the month before.
    missing_for = last if today > due_date(last) else prev
    provinces = list(Region.objects.current().filter(level=Level.PROVINCE))
    officers = _users_of({p.pk for p in provinces}, (Role.PROVINCE,))
    provinces = [p for p in provinces if p.pk in officers]
    codes = {p.province_code for p in provinces}
    moves = _moves(codes, prev, last) if codes else {}
    overdue: dict[str, list[str]] = {}
    for code, name in (
        FollowUp.objects.filter(status__in=ACTIVE, due_date__lt=today)
        .filter(region__province_code__in=codes)
        .order_by("region__code", "due_date")
        .values_list("region__province_code", "region__name")
    ):
        overdue.setdefault(code, []).append(name)
    have = Participation.objects.filter(period=missing_for).values("region_id").distinct()
    missing: dict[str, list[str]] = {}
    for code, name in (
        Region.objects.current()
        .filter(level__in=KABKOTA, province_code__in=codes)
        .exclude(pk__in=have)
        .order_by("code")
        .values_list("province_code", "name")
    ):
        missing.setdefault(code, []).append(name)
    week = today.isocalendar()
    sent = 0
    for province in provinces:
        code = province.province_code
        moved, late, absent = moves.get(code, []), overdue.get(code, []), missing.get(code, [])

        def texts(
            province: Region = province,
            moved: list[tuple[str, str, str]] = moved,
            late: list[str] = late,
            absent: list[str] = absent,
        ) -> tuple[str, str]:
            values = {
                "province": province.name,
                "prev": f"{prev:%m-%Y}",
                "last": f"{last:%m-%Y}",
                "month": f"{missing_for:%m-%Y}",
            }
            lines = [_("Ringkasan mingguan %(province)s") % values, ""]
            lines.append(
                _("Kab/kota yang berpindah kategori (%(prev)s → %(last)s): %(n)s")
                % {**values, "n": len(moved)}
            )
            lines += [f"- {name}: {was} → {now}" for name, was, now in moved[:LISTED]]
            lines.append(_("Tindak lanjut terlambat: %(n)s") % {"n": len(late)})
            if late:
                lines.append("- " + _names(late))
            lines.append(_("Kab/kota tanpa angka %(month)s: %(n)s") % {**values, "n": len(absent)})
            if absent:
                lines.append("- " + _names(absent))
            return _("Ringkasan mingguan: %(province)s") % values, "\n".join(lines)

        got = deliver(
            officers[province.pk],
            Kind.WEEKLY_DIGEST,
            f"digest:{code}:{week.year}-W{week.week:02d}",
            texts,
            reverse("monev:follow_ups"),
        )
        sent += got["inbox"]
    return {"provinces": len(provinces), "inbox": sent, "period": f"{last:%Y-%m}"}
