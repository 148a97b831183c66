"""Rate look-ups by date, and the money arithmetic every calculator shares.

Rounding rule (stated in every answer): each program's contribution per worker per
month is rounded to the nearest whole rupiah, halves up; totals are sums of those
rounded amounts times workers. No other rounding happens.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from ucj.lib.bilingual import Bilingual, pair
from ucj.lib.personal import redact
from ucj.planning.models import ContributionRate, JakonBand, PmiPackage, PmiPhase, Relaxation

ROUNDING = _(
    "Iuran per program per pekerja per bulan dibulatkan ke rupiah terdekat (setengah ke "
    "atas); total = jumlah iuran bulanan yang sudah dibulatkan × jumlah pekerja. Tarif tiap "
    "bulan adalah tarif yang berlaku pada tanggal 1 bulan itu."
)


class PlanError(Exception):
    """Bad calculator input or missing rate data: a message in Indonesian and English."""

    def __init__(self, message_id: str, message_en: str, field: str = "") -> None:
        # A NIK pasted into a scenario file's cell is echoed masked (issue 14).
        message_id, message_en = redact(message_id), redact(message_en)
        super().__init__(f"{message_id} / {message_en}")
        self.message_id = message_id
        self.message_en = message_en
        self.field = field

    def shown(self) -> str:
        """The side of the active language, for a message inside a page's text."""
        return Bilingual(self.message_id, self.message_en).shown()

    def as_dict(self) -> dict[str, Any]:
        return {
            "error": str(self),
            "message_id": self.message_id,
            "message_en": self.message_en,
            "field": self.field,
        }


def rupiah(value: Decimal) -> int:
    """Whole rupiah, halves up (the one rounding rule)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def pct_of(base: int, pct: Decimal | None) -> Decimal:
    return Decimal(base) * (pct or Decimal(0)) / Decimal(100)


def month_starts(start: dt.date, months: int) -> list[dt.date]:
    out = []
    year, mon = start.year, start.month
    for _i in range(months):
        out.append(dt.date(year, mon, 1))
        mon += 1
        if mon > 12:
            year, mon = year + 1, 1
    return out


@dataclass
class RateBook:
    """All rate rows of a segment, loaded once; `rate(program, day)` picks by date."""

    segment: str
    rows: list[ContributionRate]

    @classmethod
    def load(cls, segment: str) -> RateBook:
        return cls(segment, list(ContributionRate.objects.filter(segment=segment)))

    def rate(self, program: str, day: dt.date, risk_class: int | None = None) -> ContributionRate:
        found = [
            r
            for r in self.rows
            if r.program == program
            and (r.risk_class is None or r.risk_class == risk_class)
            and (r.valid_from is None or r.valid_from <= day)
            and (r.valid_to is None or r.valid_to >= day)
        ]
        if len(found) != 1:
            what = (
                pair(_("tidak ada tarif"))
                if not found
                else pair(_("%(count)s tarif tumpang tindih"), count=len(found))
            )
            raise PlanError(
                *pair(
                    _(
                        "Tarif %(segment)s %(program)s pada %(day)s: %(what)s; periksa tabel "
                        "tarif di admin"
                    ),
                    segment=self.segment,
                    program=program,
                    day=f"{day:%Y-%m-%d}",
                    what=what,
                ),
                "programs",
            )
        return found[0]


def relaxations(codes: list[str]) -> list[Relaxation]:
    found = list(Relaxation.objects.filter(code__in=codes))
    missing = sorted(set(codes) - {r.code for r in found})
    if missing:
        known = ", ".join(Relaxation.objects.values_list("code", flat=True))
        raise PlanError(
            *pair(
                _("Relaksasi tidak dikenal: %(codes)s (yang ada: %(known)s)"),
                codes=", ".join(missing),
                known=known,
            ),
            "relaxation",
        )
    return found


def relaxation_factor(
    chosen: list[Relaxation], segment: str, program: str, day: dt.date
) -> tuple[Decimal, list[Relaxation]]:
    """The share payable (1 = full) after the chosen relaxations in force on `day`."""
    factor = Decimal(1)
    applied = []
    for rel in chosen:
        in_force = (rel.valid_from is None or rel.valid_from <= day) and (
            rel.valid_to is None or rel.valid_to >= day
        )
        if in_force and rel.covers(segment, program):
            factor *= rel.payable_pct / Decimal(100)
            applied.append(rel)
    return factor, applied


def jakon_amount(program: str, contract_value: int, day: dt.date) -> tuple[Decimal, list[Any]]:
    """Cumulative bands: each portion of the contract value at its own band's rate."""
    bands = list(JakonBand.objects.on(day).filter(program=program).order_by("lower"))
    if not bands:
        raise PlanError(
            *pair(
                _("Tidak ada pita tarif Jakon %(program)s pada %(day)s"),
                program=program,
                day=f"{day:%Y-%m-%d}",
            ),
            "programs",
        )
    total = Decimal(0)
    for band in bands:
        top = contract_value if band.upper is None else min(contract_value, band.upper)
        if top > band.lower:
            total += pct_of(top - band.lower, band.rate_pct)
    return total, bands


def pmi_package(contract_months: int, day: dt.date) -> tuple[int, int, list[PmiPackage]]:
    """(before placement, during and after) for a contract length."""
    rows = list(PmiPackage.objects.on(day))
    before = next((r for r in rows if r.phase == PmiPhase.BEFORE), None)
    during = {r.contract_months: r for r in rows if r.phase == PmiPhase.DURING_AFTER}
    extra = next((r for r in rows if r.phase == PmiPhase.EXTRA_MONTH), None)
    if before is None or not during:
        raise PlanError(
            *pair(_("Tidak ada paket PMI pada %(day)s"), day=f"{day:%Y-%m-%d}"),
            "contract_months",
        )
    longest = max(m for m in during if m is not None)
    if contract_months in during:
        pkg = during[contract_months]
        return before.amount, pkg.amount, [before, pkg]
    if contract_months > longest and extra is not None:
        pkg = during[longest]
        amount = pkg.amount + extra.amount * (contract_months - longest)
        return before.amount, amount, [before, pkg, extra]
    lengths = "/".join(str(m) for m in sorted(m for m in during if m is not None))
    raise PlanError(
        *pair(
            _(
                "Paket PMI untuk kontrak %(months)s bulan tidak tercantum (ada: %(lengths)s "
                "bulan; lebih dari %(longest)s bulan: tambahan per bulan)"
            ),
            months=contract_months,
            lengths=lengths,
            longest=longest,
        ),
        "contract_months",
    )
