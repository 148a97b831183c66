"""The plan behind the demo's generated series: honest beside the published figures.

Sample potentials come from the shipped 2025 population (a share of it, varying by
region, seeded by the region code). Where a source published a potential, none is
generated for that region: the published one stands for every year (as the engine picks
it). Where a source published participants and a percentage but no potential (Jambi,
Dec 2024; Kota Padang, Nov 2024), the potential is the one that makes the two agree.

Sample levels (coverage %) run through every published percentage of the region, so
that a generated month beside a published one never shows a discrepancy that no source
made: a kab/kota's own published points pin its path; a province's published points pin
the sum of its generated kab/kota in months where the province has no figure of its own.
A category published without a percentage (Kota Metro 'rendah', May 2025) keeps the
generated level inside that band. Deterministic: the same database every run.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import dataclass, field
from typing import Any

from ucj.indicators import published
from ucj.indicators.defaults import DEFAULT_BANDS
from ucj.lib.periods import parse_day
from ucj.regions.population import population

LAST = dt.date(2025, 10, 1)
MONTHS = 24
YEARS = (2023, 2024, 2025)
GROWTH = 1.015  # potentials grow ~1.5% a year


def month_no(d: dt.date) -> int:
    return d.year * 12 + d.month - 1


def of_no(n: int) -> dt.date:
    return dt.date(n // 12, n % 12 + 1, 1)


parse = parse_day  # published dates: '2025-03' (a month) or '2025-03-31'


def window() -> list[int]:
    end = month_no(LAST)
    return list(range(end - MONTHS + 1, end + 1))


def pick_year(years: dict[int, int], want: int) -> int:
    """As the engine picks a potential: that year, else the latest earlier, else earliest."""
    earlier = [y for y in years if y <= want]
    return years[max(earlier)] if earlier else years[min(years)]


@dataclass
class Index:
    """The published figures, by region: what the plan must agree with."""

    pct: dict[str, dict[int, float]] = field(default_factory=dict)
    band: dict[str, dict[int, str]] = field(default_factory=dict)
    persons: dict[str, dict[int, int]] = field(default_factory=dict)
    potential: dict[str, dict[int, int]] = field(default_factory=dict)
    targeted: set[str] = field(default_factory=set)
    split: dict[str, dict[str, int]] = field(default_factory=dict)  # published segments


def index() -> Index:
    idx = Index()
    split: dict[tuple[str, int], dict[str, int]] = {}
    for code, period, seg, count, *_ in published.PARTICIPATION:
        split.setdefault((code, month_no(parse(period))), {})[seg] = count
    for (code, m), segs in split.items():
        idx.persons.setdefault(code, {})[m] = segs.get("ALL", sum(segs.values()))
        if "ALL" not in segs:  # the segment shares a source gave (Kutai Timur, Aceh)
            idx.split[code] = segs
    for code, year, total, *_ in published.POTENTIAL:
        idx.potential.setdefault(code, {})[year] = total
    for code, period, pct, _f, _i, category, *_ in published.REPORTED:
        m = month_no(parse(period))
        if pct is not None:
            idx.pct.setdefault(code, {})[m] = float(pct)
        elif category:
            idx.band.setdefault(code, {})[m] = category
    idx.targeted = {row[0] for row in published.TARGETS}
    return idx


def band_limits(label: str) -> tuple[float, float]:
    lowers = [(name, float(lower)) for name, lower, _c in DEFAULT_BANDS]
    for i, (name, lower) in enumerate(lowers):
        if name == label:
            upper = lowers[i + 1][1] if i + 1 < len(lowers) else 100.0
            return lower + 1.0, upper - 1.0
    return 0.0, 100.0


def path(anchors: dict[int, float], pace: float) -> Any:
    """Level by month: straight lines through the anchors, `pace` pp a month outside."""
    points = sorted(anchors.items())

    def level(m: int) -> float:
        if m <= points[0][0]:
            return points[0][1] - pace * (points[0][0] - m)
        if m >= points[-1][0]:
            return points[-1][1] + pace * (m - points[-1][0])
        for (m0, v0), (m1, v1) in itertools.pairwise(points):
            if m0 <= m <= m1:
                return v0 + (v1 - v0) * (m - m0) / (m1 - m0)
        raise AssertionError("unreachable")

    return level


@dataclass
class Kab:
    code: str
    level: str
    province: str
    rng: random.Random
    base: float  # potential in 2025 when generated
    fixed_potential: dict[int, int] | None  # published: no sample potential
    derived: bool = False
    anchors: dict[int, float] = field(default_factory=dict)
    offset: float = 0.0
    pace: float = 0.1
    formal: float = 0.4
    split: dict[str, float] = field(default_factory=dict)

    def potential(self, year: int) -> int:
        if self.fixed_potential:
            return pick_year(self.fixed_potential, year)
        return int(self.base * GROWTH ** (year - 2025))

    @property
    def free(self) -> bool:
        """No published point of its own: its level follows the province."""
        return not self.anchors


def plan(kabs: list[tuple[str, str, str]], provinces: list[str]) -> dict[str, Any]:
    """Per kab/kota: potentials and monthly persons; the inputs to the demo's rows."""
    idx, people = index(), population()
    plans: dict[str, Kab] = {}
    for code, level, prov in kabs:
        rng = random.Random(f"ucj-demo-{code}")
        share = rng.uniform(0.30, 0.48) + (0.05 if level == "city" else 0.0)  # of population
        k = Kab(code, level, prov, rng, people.get(code, 100_000) * share,
                idx.potential.get(code))  # fmt: skip
        pu, bpu, pmi = rng.uniform(0.50, 0.68), rng.uniform(0.15, 0.30), rng.uniform(0.01, 0.07)
        k.split = {"PU": pu, "BPU": bpu, "PMI": pmi, "JAKON": max(0.04, 1 - pu - bpu - pmi)}
        if code in idx.split:  # keep the formal/informal shares the source published
            segs = idx.split[code]
            k.split = {seg: segs.get(seg, 0) / sum(segs.values()) for seg in k.split}
        k.pace, k.offset, k.formal = rng.uniform(0.05, 0.3), rng.gauss(0, 6), rng.uniform(0.3, 0.5)
        if not k.fixed_potential:  # participants and a % published, no potential: agree
            for m, pct in idx.pct.get(code, {}).items():
                stated = idx.persons.get(code, {}).get(m)
                if stated and pct:
                    k.base = stated * 100 / pct / GROWTH ** (of_no(m).year - 2025)
                    k.derived = True
                    break
        plans[code] = k
    by_prov: dict[str, list[Kab]] = {}
    for k in plans.values():
        by_prov.setdefault(k.province, []).append(k)
    prov_level = {p: _province_path(p, idx, by_prov.get(p, []), people) for p in provinces}
    for k in plans.values():
        _kab_anchors(k, idx)
    persons = {k.code: _persons(k, prov_level[k.province], idx) for k in plans.values()}
    for prov, members in by_prov.items():
        _rescale(prov, members, persons, idx, prov_level[prov])
    return {"kabs": plans, "persons": persons}


def _province_potential(prov: str, idx: Index, members: list[Kab]) -> Any:
    own = idx.potential.get(prov)
    if own:
        return lambda year: pick_year(own, year)
    return lambda year: sum(k.potential(year) for k in members)


def _province_path(prov: str, idx: Index, members: list[Kab], people: dict[str, int]) -> Any:
    """The province's level by month, scaling its generated kab/kota potentials first
    where a published figure fixes their sum."""
    rng = random.Random(f"ucj-demo-prov-{prov}")
    last_pct, pace = rng.uniform(24, 52), rng.uniform(0.05, 0.3)
    free = [k for k in members if not k.fixed_potential and not k.derived]
    goal: tuple[int, float] | None = None  # (year, Σ potential wanted)
    if prov in idx.potential:  # kab/kota shares of the published province potential
        year, total = max(idx.potential[prov].items())
        goal = (year, total)
    else:
        for m, pct in sorted(idx.pct.get(prov, {}).items()):
            persons = idx.persons.get(prov, {}).get(m)
            if persons:  # Jambi, Dec 2024: 592,806 at 45.17%
                goal = (of_no(m).year, persons * 100 / pct)
                break
        else:
            dec = idx.persons.get(prov, {})
            if dec:  # persons published, no %: a plausible share of the population
                m, persons = min(dec.items())
                level = last_pct - pace * (month_no(LAST) - m)
                pop = people.get(prov, 0)
                wanted = persons * 100 / max(level, 5.0)
                goal = (of_no(m).year, min(max(wanted, 0.22 * pop), 0.72 * pop))  # plausible
    if goal and free:
        year, want = goal
        _fit(free, want - sum(k.potential(year) for k in members if k not in free), year, people)
    potential = _province_potential(prov, idx, members)
    anchors = dict(idx.pct.get(prov, {}))
    for m, persons in idx.persons.get(prov, {}).items():
        anchors.setdefault(m, 100 * persons / max(1, potential(of_no(m).year)))
    if not anchors:
        anchors = {month_no(LAST): last_pct}
    return path(anchors, pace)


# A generated potential stays a plausible share of the population in every year
# generated (2023–2025, growing 1.5% a year): between 22% and 73% of it in 2025.
SHARE_BOUNDS = (0.22, 0.73)


def _fit(free: list[Kab], want: float, year: int, people: dict[str, int]) -> None:
    """Scale the free kab/kota potentials so that they add up to `want` in `year`,
    each kept within SHARE_BOUNDS of its population (the others take up the rest)."""
    growth = GROWTH ** (year - 2025)
    bounds = {k.code: [b * people.get(k.code, 0) for b in SHARE_BOUNDS] for k in free}
    for _round in range(30):
        now = sum(k.base for k in free) * growth
        if abs(now - want) < 1:
            return
        up = want > now
        movable = [k for k in free if (k.base < bounds[k.code][1] if up else
                                       k.base > bounds[k.code][0])]  # fmt: skip
        if not movable:
            return  # cannot be met within plausible shares: the nearest it can be
        rest = now - sum(k.base for k in movable) * growth
        factor = max(0.01, (want - rest) / (sum(k.base for k in movable) * growth))
        for k in movable:
            low, high = bounds[k.code]
            k.base = min(max(k.base * factor, low), high) if high else k.base * factor


def _kab_anchors(k: Kab, idx: Index) -> None:
    anchors = dict(idx.pct.get(k.code, {}))
    for m, persons in idx.persons.get(k.code, {}).items():
        anchors.setdefault(m, 100 * persons / max(1, k.potential(of_no(m).year)))
    if anchors and idx.band.get(k.code):
        level = path(anchors, k.pace)
        for m, label in idx.band[k.code].items():
            low, high = band_limits(label)
            anchors.setdefault(m, min(max(level(m), low), high))
    k.anchors = anchors


def _persons(k: Kab, prov_level: Any, idx: Index) -> dict[int, int]:
    real = idx.persons.get(k.code, {})
    own = path(k.anchors, k.pace) if k.anchors else None
    out = {}
    for m in window():
        if m in real:
            continue
        if own is not None:
            level = own(m)
        else:
            dip = -1.2 if of_no(m).year == 2025 and of_no(m).month <= 3 else 0.0
            level = prov_level(m) + k.offset + dip + k.rng.gauss(0, 0.25)
            level = min(max(level, 1.0), 98.0)
        out[m] = round(k.potential(of_no(m).year) * max(level, 0.3) / 100)
    return out


def _rescale(
    prov: str, members: list[Kab], persons: dict[str, dict[int, int]], idx: Index, level: Any
) -> None:
    """Make the generated kab/kota of a province add up to its published figure in the
    months where the province is their sum; the factor runs straight between them."""
    free = [k for k in members if k.free]
    if not free:
        return
    potential = _province_potential(prov, idx, members)
    factors: dict[int, float] = {}
    for m in window():
        own = idx.persons.get(prov, {}).get(m)
        pct = idx.pct.get(prov, {}).get(m)
        if own is None and pct is None:
            continue
        want = own if own is not None else pct * potential(of_no(m).year) / 100
        fixed = sum(persons[k.code].get(m, idx.persons.get(k.code, {}).get(m, 0))
                    for k in members if not k.free)  # fmt: skip
        have = sum(persons[k.code].get(m, 0) for k in free)
        factor = (want - fixed) / have if have else 1.0
        if own is not None and not 0.5 <= factor <= 2.0:
            continue  # the province's own figure stands; its kab/kota need not add up
        factors[m] = max(factor, 0.05)
    if not factors:
        return
    shape = path(factors, 0.0)
    for k in free:
        for m, n in persons[k.code].items():
            persons[k.code][m] = round(n * shape(m))
