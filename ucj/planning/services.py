"""The contribution cost calculator: one service that the CLI, the API and the pages call.

`cost(CostRequest)` answers "what do N workers cost for M months under these programs",
month by month at each month's rate (so a cost across a rate change uses both rates).
Reach, budget and next-category (which also need coverage figures) are in `reach.py`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from ucj.lib import periods
from ucj.lib.bilingual import pair
from ucj.planning.models import Program, RateBase, Segment
from ucj.planning.rates import (
    ROUNDING,
    PlanError,
    RateBook,
    jakon_amount,
    month_starts,
    pct_of,
    pmi_package,
    relaxation_factor,
    relaxations,
    rupiah,
)

SEGMENT_PROGRAMS = {
    Segment.BPU: ("JKK", "JKM", "JHT"),
    Segment.PU: ("JKK", "JKM", "JHT", "JP", "JKP"),
    Segment.JAKON: ("JKK", "JKM"),
    Segment.PMI: ("JKK", "JKM"),
}
DEFAULT_PROGRAMS = ("JKK", "JKM")


@dataclass
class CostRequest:
    segment: str = "BPU"
    programs: tuple[str, ...] = DEFAULT_PROGRAMS
    workers: int = 1
    months: int = 12
    start: dt.date | None = None  # first month; None = the current month
    income: int | None = None  # BPU declared income (default: the minimum)
    wage: int | None = None  # PU monthly wage
    risk_class: int | None = None  # PU JKK 1–5
    relaxations: tuple[str, ...] = ()  # codes, applied only when named
    contract_value: int | None = None  # JAKON
    contract_months: int | None = None  # PMI

    def as_params(self) -> dict[str, Any]:
        data = asdict(self)
        data["programs"] = list(self.programs)
        data["relaxations"] = list(self.relaxations)
        data["start"] = self.start.strftime("%Y-%m") if self.start else None
        return data

    @classmethod
    def from_params(cls, data: dict[str, Any]) -> CostRequest:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if known.get("start"):
            known["start"] = parse_month(str(known["start"]))
        for name in ("programs", "relaxations"):
            if name in known:
                known[name] = tuple(known[name] or ())
        return cls(**known)


@dataclass
class _Sums:
    per_program: dict[str, int] = field(default_factory=dict)
    employer: int = 0
    worker: int = 0
    government: int = 0
    from_jkk: int = 0
    from_jkm: int = 0


MAX_MONTHS = 600  # fifty years: a plan horizon, and dates stay far below year 9999
MAX_WORKERS = 300_000_000  # more than Indonesia's population: a typing error
MAX_RUPIAH = 10**15  # keeps every sum inside a 64-bit column when a scenario is saved


def parse_month(text: str) -> dt.date:
    try:
        return periods.parse_month(text)
    except periods.PeriodError as exc:
        raise PlanError(exc.message_id, exc.message_en, "start") from None


def parse_programs(text: str | list[str] | tuple[str, ...]) -> tuple[str, ...]:
    items = text.split(",") if isinstance(text, str) else list(text)
    progs = tuple(p.strip().upper() for p in items if p.strip())
    bad = [p for p in progs if p not in Program.values]
    if bad or not progs:
        raise PlanError(
            *pair(
                _("Program tidak dikenal: %(bad)s (pilih dari %(known)s)"),
                bad=", ".join(bad) or pair(_("(kosong)")),
                known=",".join(Program.values),
            ),
            "programs",
        )
    return tuple(dict.fromkeys(progs))


def _check(req: CostRequest) -> None:
    if req.segment not in Segment.values:
        raise PlanError(
            *pair(_("Segmen tidak dikenal: %(segment)s"), segment=req.segment), "segment"
        )
    allowed = SEGMENT_PROGRAMS[Segment(req.segment)]
    bad = [p for p in req.programs if p not in allowed]
    if bad:
        raise PlanError(
            *pair(
                _(
                    "Program %(bad)s tidak tersedia untuk segmen %(segment)s "
                    "(tersedia: %(allowed)s)"
                ),
                bad=", ".join(bad),
                segment=req.segment,
                allowed=",".join(allowed),
            ),
            "programs",
        )
    if req.workers < 0 or req.months < 1:
        raise PlanError(
            *pair(_("Jumlah pekerja harus ≥ 0 dan bulan ≥ 1")),
            "workers",
        )
    if req.months > MAX_MONTHS or (req.contract_months or 0) > MAX_MONTHS:
        raise PlanError(*pair(_("Jumlah bulan maks. %(n)s"), n=MAX_MONTHS), "months")
    for name, value, top in (
        ("workers", req.workers, MAX_WORKERS),
        ("income", req.income, MAX_RUPIAH),
        ("wage", req.wage, MAX_RUPIAH),
        ("contract_value", req.contract_value, MAX_RUPIAH),
    ):
        if value is not None and not -top <= value <= top:
            raise PlanError(
                *pair(_("%(name)s terlalu besar (maks. %(top)s)"), name=name, top=top), name
            )
    if req.contract_months is not None and req.contract_months < 0:
        raise PlanError(*pair(_("Lama kontrak harus ≥ 0")), "contract_months")
    if req.segment == Segment.PU:
        if not req.wage or req.wage <= 0:
            raise PlanError(
                *pair(_("Segmen PU memerlukan --wage (upah sebulan)")),
                "wage",
            )
        if "JKK" in req.programs and req.risk_class not in (1, 2, 3, 4, 5):
            raise PlanError(*pair(_("JKK PU memerlukan --risk-class 1–5")), "risk_class")
    if req.segment == Segment.JAKON and not req.contract_value:
        raise PlanError(
            *pair(_("Segmen JAKON memerlukan --contract-value (nilai kontrak)")),
            "contract_value",
        )
    if req.segment == Segment.PMI and not req.contract_months:
        raise PlanError(
            *pair(_("Segmen PMI memerlukan --contract-months (lama kontrak)")),
            "contract_months",
        )


def cost(req: CostRequest) -> dict[str, Any]:
    """The cost answer (JSON-ready). Raises PlanError for bad input or missing rates."""
    req.programs = parse_programs(req.programs)
    _check(req)
    start = req.start or dt.date.today().replace(day=1)
    chosen = relaxations(list(req.relaxations)) if req.relaxations else []
    if req.segment == Segment.JAKON:
        return _jakon_cost(req, start, chosen)
    if req.segment == Segment.PMI:
        return _pmi_cost(req, start)
    book = RateBook.load(req.segment)
    sums = _Sums(per_program=dict.fromkeys(req.programs, 0))
    monthly: list[dict[str, Any]] = []
    basis: dict[str, None] = {}
    notes: dict[str, None] = {}
    applied: dict[str, None] = {}
    income = req.income
    if req.segment == Segment.BPU and income is None:
        notes[pair(_("Penghasilan tidak diisi: dipakai penghasilan minimum")).joined()] = None
    for day in month_starts(start, req.months):
        per: dict[str, int] = {}
        for program in req.programs:
            rate = book.rate(program, day, req.risk_class)
            basis[rate.legal_basis] = None
            if not rate.verified:
                notes[f"{req.segment} {program}: {rate.note}"] = None
            amount, employer, extra = _monthly(rate, req, income, notes)
            factor, rels = relaxation_factor(chosen, req.segment, program, day)
            if rels:
                amount = rupiah(Decimal(amount) * factor)
                employer = min(rupiah(Decimal(employer) * factor), amount)
                for rel in rels:
                    applied[rel.code] = None
                    basis[rel.legal_basis] = None
            per[program] = amount
            sums.per_program[program] += amount * req.workers
            sums.employer += employer * req.workers
            sums.worker += (amount - employer) * req.workers
            sums.government += extra.get("government", 0) * req.workers
            sums.from_jkk += extra.get("from_jkk", 0) * req.workers
            sums.from_jkm += extra.get("from_jkm", 0) * req.workers
        monthly.append(
            {"period": day.strftime("%Y-%m"), "per_worker": sum(per.values()), "per_program": per}
        )
    for code in req.relaxations:
        if code not in applied:
            notes[
                pair(
                    _("Relaksasi %(code)s tidak berlaku untuk bulan/segmen/program ini"), code=code
                ).joined()
            ] = None
    out = {
        "segment": req.segment,
        "programs": list(req.programs),
        "workers": req.workers,
        "months": req.months,
        "start": start.strftime("%Y-%m"),
        "per_worker_month": monthly[0]["per_worker"],
        "per_program_per_worker_month": monthly[0]["per_program"],
        "per_program": sums.per_program,
        "total": sum(sums.per_program.values()),
        "per_worker_total": sum(m["per_worker"] for m in monthly),
        "payers": {"employer": sums.employer, "worker": sums.worker},
        "not_payable": {
            "government_jkp": sums.government,
            "jkp_from_jkk": sums.from_jkk,
            "jkp_from_jkm": sums.from_jkm,
        },
        "monthly": monthly,
        "relaxations_applied": list(applied),
        "legal_basis": list(basis),
        "notes": list(notes),
        "rounding": pair(ROUNDING).joined(),
    }
    if req.segment == Segment.BPU:
        out["income"] = income
    else:
        out["wage"] = req.wage
        out["risk_class"] = req.risk_class
    return out


def _monthly(
    rate: Any, req: CostRequest, income: int | None, notes: dict[str, None]
) -> tuple[int, int, dict[str, int]]:
    """(payable per worker, employer's part of it, not-payable parts) for one month."""
    if rate.base == RateBase.FLAT:
        return int(rate.flat_amount or 0), 0, {}
    base = int(req.wage or 0) if rate.base == RateBase.WAGE else int(income or 0)
    if rate.base_min and base < rate.base_min:
        if rate.base == RateBase.INCOME and income is not None:
            least = f"{rate.base_min:,}".replace(",", ".")
            notes[
                pair(
                    _("Penghasilan di bawah minimum: dihitung Rp%(amount)s"), amount=least
                ).joined()
            ] = None
        base = rate.base_min
    if rate.base_max and base > rate.base_max:
        most = f"{rate.base_max:,}".replace(",", ".")
        notes[
            pair(
                _("%(program)s: dasar dibatasi Rp%(amount)s"), program=rate.program, amount=most
            ).joined()
        ] = None
        base = rate.base_max
    payable_pct: Decimal = (rate.employer_pct or Decimal(0)) + (rate.worker_pct or Decimal(0))
    if rate.employer_pct is None and rate.worker_pct is None:
        payable_pct = rate.total_pct or Decimal(0)
    amount = rupiah(pct_of(base, payable_pct))
    employer = min(rupiah(pct_of(base, rate.employer_pct)), amount)
    extra = {
        "government": rupiah(pct_of(base, rate.government_pct)),
        "from_jkk": rupiah(pct_of(base, rate.from_jkk_pct)),
        "from_jkm": rupiah(pct_of(base, rate.from_jkm_pct)),
    }
    return amount, employer, extra


def _jakon_cost(req: CostRequest, start: dt.date, chosen: list[Any]) -> dict[str, Any]:
    value = int(req.contract_value or 0)
    per: dict[str, int] = {}
    basis: dict[str, None] = {}
    notes: dict[str, None] = {}
    applied: list[str] = []
    for program in req.programs:
        amount, bands = jakon_amount(program, value, start)
        factor, rels = relaxation_factor(chosen, req.segment, program, start)
        per[program] = rupiah(amount * factor)
        applied += [r.code for r in rels]
        for band in bands:
            basis[band.legal_basis] = None
            if not band.verified:
                notes[f"Jakon {program}: {band.note}"] = None
    return {
        "segment": req.segment,
        "programs": list(req.programs),
        "workers": None,
        "months": None,
        "start": start.strftime("%Y-%m"),
        "contract_value": value,
        "per_worker_month": None,
        "per_program": per,
        "total": sum(per.values()),
        "relaxations_applied": sorted(set(applied)),
        "legal_basis": list(basis),
        "notes": list(notes),
        "rounding": pair(
            _(
                "Iuran per program per kontrak dibulatkan ke rupiah terdekat (setengah ke atas); "
                "pita kumulatif"
            )
        ).joined(),
    }


def _pmi_cost(req: CostRequest, start: dt.date) -> dict[str, Any]:
    months = int(req.contract_months or 0)
    before, during, rows = pmi_package(months, start)
    per_worker = before + during
    return {
        "segment": req.segment,
        "programs": ["JKK", "JKM"],
        "workers": req.workers,
        "months": months,
        "start": start.strftime("%Y-%m"),
        "contract_months": months,
        "per_worker_month": None,
        "per_worker_total": per_worker,
        "per_program": {"JKK+JKM": per_worker * req.workers},
        "packages": {"before_placement": before, "during_and_after": during},
        "total": per_worker * req.workers,
        "relaxations_applied": [],
        "legal_basis": sorted({r.legal_basis for r in rows}),
        "notes": [pair(_("JHT PMI sukarela (Rp50.000–Rp600.000) tidak dihitung")).joined()],
        "rounding": pair(_("Paket nominal tetap; tidak ada pembulatan")).joined(),
    }
