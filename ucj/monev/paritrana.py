"""Paritrana Award readiness of a region: a checklist on the three published aspects,
regulasi, inisiatif and kinerja (FACTS §2.2), filled from what the product already
holds. An item is met, not met, or missing (no data to say), and the missing ones are
listed so the region knows what to record.

No weights are published for the aspects (FACTS §2.2: "Aspect weights: NOT FOUND").
A score is computed only when an operator sets UCJ_PARITRANA_WEIGHTS, and it is always
labelled as resting on those configured weights, not on the award's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ucj.lib.formats import percent

ASPECTS = [
    ("regulasi", "Regulasi", "produk hukum daerah tentang Jamsostek"),
    ("inisiatif", "Inisiatif", "peran dan inisiatif Pemda, ketersediaan anggaran"),
    ("kinerja", "Kinerja", "pekerja terlindungi (PU dan BPU) hasil inisiatif"),
]
MET, NOT_MET, MISSING = "met", "not_met", "missing"


def weights() -> dict[str, float] | None:
    raw = settings.UCJ_PARITRANA_WEIGHTS
    if not raw.strip():
        return None
    out: dict[str, float] = {}
    for part in raw.split(","):
        key, _, value = part.partition("=")
        try:
            out[key.strip().lower()] = float(value.replace(",", "."))
        except ValueError as exc:
            raise ImproperlyConfigured(f"UCJ_PARITRANA_WEIGHTS: {part!r}") from exc
    unknown = set(out) - {a for a, _, _ in ASPECTS}
    if unknown or not sum(out.values()):
        raise ImproperlyConfigured(
            f"UCJ_PARITRANA_WEIGHTS: use regulasi=..,inisiatif=..,kinerja=.. ({raw!r})"
        )
    return out


def _item(aspect: str, key: str, label: str, state: str, detail: str = "") -> dict[str, Any]:
    return {"aspect": aspect, "key": key, "label": label, "state": state, "detail": detail}


def _flag(value: bool | None) -> str:
    return MISSING if value is None else MET if value else NOT_MET


def _regulation_items(user: Any, region: Any) -> list[dict[str, Any]]:
    from ucj.monev.matrices import regulations_of

    regs = [r for r in regulations_of(user, region) if r.status == "enacted"]
    names = ", ".join(str(r) for r in regs[:3])
    items = [
        _item("regulasi", "in_force", "Regulasi daerah UCJ berlaku",
              MET if regs else NOT_MET, names),
    ]  # fmt: skip
    for field, label in (
        ("covers_non_asn", "mengatur non-ASN"),
        ("covers_vulnerable", "mengatur pekerja rentan"),
        ("covers_budget", "mengatur penganggaran"),
    ):
        items.append(
            _item("regulasi", field, f"Regulasi {label}",
                  MET if any(getattr(r, field) for r in regs) else NOT_MET if regs else MISSING)
        )  # fmt: skip
    return items


def _plan(user: Any, region: Any, year: int) -> Any:
    from ucj.monev.records import PlanAlignment

    qs = PlanAlignment.objects.for_user(user)
    return qs.filter(region=region, year__lte=year).order_by("-year").first()


def _initiative_items(user: Any, region: Any, year: int) -> list[dict[str, Any]]:
    from ucj.monev.models import MonevSession
    from ucj.planning.models import FundingSource, Scenario

    plan = _plan(user, region, year)
    funded = FundingSource.objects.for_user(user)
    funds = list(funded.filter(region=region, year__in=(year - 1, year)))
    scenarios = Scenario.objects.for_user(user)
    sessions = MonevSession.objects.for_user(user)
    held = sessions.filter(regions=region, held=True, date__year=year).count()
    plan_year = f"({plan.year})" if plan else ""
    return [
        _item("inisiatif", "in_rpjmd", "UCJ dalam RPJMD",
              _flag(plan.in_rpjmd if plan else None), plan_year),
        _item("inisiatif", "in_rkpd", "UCJ dalam RKPD",
              _flag(plan.in_rkpd if plan else None), plan_year),
        _item("inisiatif", "apbd_line", "Ada mata anggaran APBD",
              _flag(plan.apbd_budget_line if plan else None), plan_year),
        _item("inisiatif", "funded", f"Skema iuran didanai ({year - 1}–{year})",
              MET if funds else NOT_MET,
              ", ".join(f"{f.get_source_display()} {f.year}" for f in funds[:3])),
        _item("inisiatif", "scenario", "Skenario perencanaan tersimpan",
              MET if scenarios.filter(region=region).exists() else NOT_MET),
        _item("inisiatif", "monev", f"Sesi monev dilaksanakan ({year})",
              MET if held else NOT_MET, f"{held} sesi"),
    ]  # fmt: skip


def _performance_items(code: str) -> list[dict[str, Any]]:
    from ucj.indicators.coverage import coverage

    now = coverage(code)
    pct, period = now.get("coverage_pct"), now.get("period")
    items = [
        _item("kinerja", "coverage", "Cakupan dihitung (bulan lengkap terakhir)",
              MET if pct is not None else MISSING,
              f"{percent(pct)} ({period})" if pct is not None else ""),
    ]  # fmt: skip
    before = None
    if period:
        year, mon = (int(x) for x in str(period)[:7].split("-"))
        before = coverage(code, dt.date(year - 1, mon, 1)).get("coverage_pct")
    if pct is None or before is None:
        items.append(_item("kinerja", "change", "Cakupan naik dalam 12 bulan", MISSING))
    else:
        change = float(pct) - float(before)
        items.append(
            _item("kinerja", "change", "Cakupan naik dalam 12 bulan",
                  MET if change > 0 else NOT_MET, f"{change:+.2f} pp".replace(".", ","))
        )  # fmt: skip
    target = now.get("target_pct")
    items.append(
        _item("kinerja", "target", "Target cakupan tercapai",
              MISSING if target is None or pct is None
              else MET if float(pct) >= float(target) else NOT_MET,
              f"target {percent(target)}" if target is not None else "")
    )  # fmt: skip
    return items


def readiness(user: Any, region: Any, year: int | None = None) -> dict[str, Any]:
    """The checklist of one region; `score` only with configured weights."""
    year = year or dt.date.today().year
    items = [
        *_regulation_items(user, region),
        *_initiative_items(user, region, year),
        *_performance_items(region.code),
    ]
    aspects = []
    for key, label, basis in ASPECTS:
        mine = [i for i in items if i["aspect"] == key]
        known = [i for i in mine if i["state"] != MISSING]
        aspects.append(
            {
                "key": key,
                "label": label,
                "basis": basis,
                "met": sum(i["state"] == MET for i in mine),
                "known": len(known),
                "total": len(mine),
                "items": mine,
            }
        )
    w = weights()
    score = None
    if w:
        total = sum(w.values())
        score = round(
            sum(w.get(a["key"], 0) * (a["met"] / a["total"] if a["total"] else 0) for a in aspects)
            * 100
            / total,
            1,
        )
    return {
        "code": region.code,
        "name": region.name,
        "year": year,
        "aspects": aspects,
        "missing": [i["label"] for i in items if i["state"] == MISSING],
        "weights": w,
        "weights_basis": "configured" if w else None,
        "score": score,
        "note_id": (
            "Bobot aspek Paritrana tidak dipublikasikan; "
            + (
                "skor memakai bobot yang diatur di UCJ_PARITRANA_WEIGHTS, bukan bobot resmi."
                if w
                else "tidak ada skor, hanya daftar periksa."
            )
        ),
        "note_en": (
            "Paritrana aspect weights are not published; "
            + (
                "the score uses the weights set in UCJ_PARITRANA_WEIGHTS, not official ones."
                if w
                else "no score, only the checklist."
            )
        ),
    }
