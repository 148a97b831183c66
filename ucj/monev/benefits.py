"""Benefits paid (manfaat dibayar) by BPJS TK in a region: the figures that make the case
in every monev meeting (FACTS.md §9: Lampung Tengah, two JKM benefits of Rp42 million
paid to heirs), with optional anonymised stories for advocacy.

Rows come only from imports (`ucj import FILE --kind benefits`) or the demo; nothing here
estimates a benefit. A province's or the nation's figure is the sum of the rows of the
kab/kota below it plus any rows recorded for the province itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from ucj.accounts.policy import BRANCH, REGION, WritePolicy
from ucj.indicators.models import Figure, ParticipationQuerySet, Program
from ucj.regions.models import Region

NATION = "ID"


class BenefitQuerySet(ParticipationQuerySet):
    """Aggregates are public like the other figures; BPJS TK branches load them."""

    def within(self, code: str, start: dt.date, end: dt.date) -> BenefitQuerySet:
        """Rows of the region (and of every region below it) paid between start and end."""
        qs = self.filter(period__gte=start.replace(day=1), period__lte=end)
        if code.upper() == NATION:
            return qs  # type: ignore[return-value]
        if "." not in code:  # a province: its own rows and its kab/kota's
            return qs.filter(region__province_code=code)  # type: ignore[return-value]
        return qs.filter(region__code=code)  # type: ignore[return-value]


class BenefitPaid(Figure):
    """Benefits of one program paid in a region in a month, as a source reported them.
    Natural key (region, period, program, source): re-importing a file changes nothing."""

    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="benefits_paid", db_index=False
    )
    period = models.DateField(_("periode"))  # first day of the month of payment
    program = models.CharField(_("program"), max_length=3, choices=Program.choices)
    cases = models.PositiveIntegerField(_("kasus"))
    amount = models.BigIntegerField(_("nominal (Rp)"))
    # Anonymised: the import refuses NIK-like numbers and name columns (benefits_intake).
    story = models.TextField(_("cerita (anonim)"), blank=True)

    # BPJS TK branches load what they paid; not an approved monthly figure (no lock).
    write_policy = WritePolicy(writers=(REGION, BRANCH))
    objects = BenefitQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["region", "period", "program", "source"], name="uniq_benefit_paid"
            )
        ]
        ordering = ["region__code", "-period", "program"]
        verbose_name = _("manfaat dibayar")
        verbose_name_plural = _("manfaat dibayar")

    def __str__(self) -> str:
        return f"{self.region.code} {self.period:%Y-%m} {self.program}: {self.cases}"


def summarise(rows: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Per-program totals from `values(...)` aggregates, and the overall total."""
    programs = []
    for r in rows:
        cases, amount = int(r["cases"] or 0), int(r["amount"] or 0)
        programs.append(
            {
                "program": r["program"],
                "cases": cases,
                "amount": amount,
                "per_case": round(amount / cases) if cases else None,
                "is_sample": bool(r["samples"]),
            }
        )
    return {
        "programs": programs,
        "cases": sum(p["cases"] for p in programs),
        "amount": sum(p["amount"] for p in programs),
        "is_sample": any(p["is_sample"] for p in programs),
    }


def paid(qs: BenefitQuerySet, code: str, start: dt.date, end: dt.date) -> dict[str, Any]:
    """Benefits paid in a region between two dates, per program (one grouped query), with
    the sources and the anonymised stories."""
    rows = qs.within(code, start, end)
    by_program = (
        rows.values("program")
        .annotate(
            cases=Sum("cases"), amount=Sum("amount"), samples=Count("pk", filter=Q(is_sample=True))
        )
        .order_by("program")
    )
    out = summarise(by_program)
    out["sources"] = sorted(set(rows.values_list("source", flat=True)) - {""})
    out["stories"] = [
        {"region": r, "period": p.strftime("%Y-%m"), "program": g, "story": s, "is_sample": x}
        for r, p, g, s, x in rows.exclude(story="")
        .order_by("period", "region__code")
        .values_list("region__name", "period", "program", "story", "is_sample")
    ]
    return out


def per_region(qs: BenefitQuerySet, codes: list[str], start: dt.date, end: dt.date) -> dict:
    """code → {cases, amount} for kab/kota or provinces, in one grouped query each level."""
    rows = qs.filter(period__gte=start, period__lte=end)
    out: dict[str, dict[str, int]] = {}
    if codes and "." in codes[0]:
        grouped = rows.filter(region__code__in=codes).values("region__code")
        key = "region__code"
    else:
        grouped = rows.filter(region__province_code__in=codes).values("region__province_code")
        key = "region__province_code"
    for r in grouped.annotate(cases=Sum("cases"), amount=Sum("amount")):
        out[r[key]] = {"cases": int(r["cases"] or 0), "amount": int(r["amount"] or 0)}
    return out


def historical(
    qs: BenefitQuerySet, code: str, workers: int, programs: Iterable[str], months: int = 12
) -> dict[str, Any] | None:
    """For a proposed scheme of `workers` people: the region's recorded benefits per case
    over the last `months` months of benefit data, and what the same number of workers
    received at the region's own rate (cases ÷ participants of the program in the last
    month). Only imported rows count; None when the region has none for those programs."""
    from ucj.indicators import services as indicators  # type: ignore[attr-defined]

    wanted = [p.upper() for p in programs]
    mine = qs.within(code, dt.date(1900, 1, 1), dt.date(9999, 12, 31)).filter(program__in=wanted)
    latest = mine.order_by("-period").values_list("period", flat=True).first()
    if latest is None:
        return None
    start = _months_back(latest, months - 1)
    found = paid(qs, code, start, latest)
    found["programs"] = [p for p in found["programs"] if p["program"] in wanted]
    participants = indicators.coverage(code, latest).get("by_program") or {}
    for p in found["programs"]:
        members = participants.get(p["program"])
        p["participants"] = members
        if members and p["cases"]:
            # Cases per covered worker-year in this region, applied to the scheme's workers.
            yearly = p["cases"] / members * 12 / months
            p["expected_cases"] = round(yearly * workers, 1)
            p["expected_amount"] = round(yearly * workers * (p["per_case"] or 0))
        else:
            p["expected_cases"] = p["expected_amount"] = None
    found.update(
        code=code,
        workers=workers,
        start=start.strftime("%Y-%m"),
        end=latest.strftime("%Y-%m"),
        months=months,
    )
    return found


def _months_back(day: dt.date, n: int) -> dt.date:
    index = day.year * 12 + day.month - 1 - n
    return dt.date(index // 12, index % 12 + 1, 1)


def for_scenario(user: Any, code: str, result: dict[str, Any]) -> dict[str, Any] | None:
    """The planning page's 'what the same number of workers received here' box for a
    scenario's answer (workers and programs), from this region's imported benefits."""
    workers, programs = result.get("workers"), result.get("programs") or []
    if not workers or not programs:
        return None
    rows = BenefitPaid.objects.for_user(user)  # None: a visitor's (public) rows
    return historical(rows, code, int(workers), programs)  # type: ignore[arg-type]


def scorecard_context(region: Any, user: Any, period: dt.date | None) -> dict[str, Any] | None:
    """Scorecard panel: benefits paid in the year of the data month beside the
    contributions the Pemda committed that year (planning funding sources)."""
    from ucj.planning.models import FundingSource

    rows: Any = BenefitPaid.objects.for_user(user)
    latest = rows.within(region.code, dt.date(1900, 1, 1), dt.date(9999, 12, 31))
    last = latest.order_by("-period").values_list("period", flat=True).first()
    if last is None:
        return None
    year = (period or last).year
    found = paid(rows, region.code, dt.date(year, 1, 1), dt.date(year, 12, 31))
    if not found["programs"]:
        return None
    funding = FundingSource.objects.for_user(user).filter(year=year)
    if "." in region.code:
        funding = funding.filter(region=region)
    else:
        funding = funding.filter(region__province_code=region.code)
    committed = sum(funding.values_list("committed_amount", flat=True))
    return {"b": found, "year": year, "contributions": committed if committed else None}
