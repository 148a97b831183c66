"""Small factories for the engine tests: figures as an import would store them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ucj.indicators.models import Participation, PotentialWorkers, ReportedCoverage, Target
from ucj.regions.models import Region


def month(text: str) -> dt.date:
    return dt.date.fromisoformat(f"{text}-01")


def put(code: str, period: str, count: int, segment: str = "PU", program: str = "", **kw):
    return Participation.objects.create(
        region=Region.objects.get(code=code), period=month(period), segment=segment,
        program=program, count=count, source=kw.pop("source", "uji"), **kw,
    )  # fmt: skip


def pot(code: str, year: int, total: int, **kw):
    return PotentialWorkers.objects.create(
        region=Region.objects.get(code=code), year=year, total=total,
        source=kw.pop("source", "uji"), **kw,
    )  # fmt: skip


def target(code: str, year: int, pct: str | None = None, issuer: str = "se_bangda", **kw):
    return Target.objects.create(
        region=Region.objects.get(code=code), year=year, pct=pct and Decimal(pct), issuer=issuer,
        **kw,
    )  # fmt: skip


def reported(code: str, period: str, pct: str, **kw):
    return ReportedCoverage.objects.create(
        region=Region.objects.get(code=code), period=month(period), pct=Decimal(pct),
        source=kw.pop("source", "uji"), **kw,
    )  # fmt: skip
