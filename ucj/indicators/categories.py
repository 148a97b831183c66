"""Category schemes: which band (sangat rendah … tinggi) a coverage figure falls in.

No official thresholds are published (FACTS.md, open question 1), so the scheme is data:
ordered bands with lower bounds, a basis (absolute % or % of the region's target) and an
effective date. Every answer says whether the scheme in force is provisional.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ucj.indicators import version
from ucj.indicators.models import CategoryBand, CategoryBasis, CategoryScheme
from ucj.lib.bilingual import pair


@dataclass(frozen=True)
class Band:
    label: str
    lower: float
    colour: str
    order: int


@dataclass(frozen=True)
class Scheme:
    name: str
    basis: str
    effective: dt.date
    provisional: bool
    bands: tuple[Band, ...]  # ascending by lower bound

    def classify(self, pct: float | None, target_pct: float | None = None) -> dict[str, Any]:
        """The band for a coverage % (basis absolute) or for % of target (basis target)."""
        value: float | None = pct
        if self.basis == CategoryBasis.TARGET:
            value = None if pct is None or not target_pct else pct / target_pct * 100
        band = None
        if value is not None:
            for candidate in self.bands:
                if value >= candidate.lower:
                    band = candidate
            if band is None and self.bands:
                band = self.bands[0]  # below the first bound: still the lowest band
        return {
            "label": band.label if band else None,
            "colour": band.colour if band else None,
            "order": band.order if band else None,
            "provisional": self.provisional,
            "basis": self.basis,
        }

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "basis": self.basis,
            "effective": self.effective.isoformat(),
            "provisional": self.provisional,
            "bands": bands_of(self),
        }


def bands_of(scheme: Scheme) -> list[dict[str, Any]]:
    return [
        {"label": b.label, "lower": b.lower, "colour": b.colour, "order": b.order}
        for b in scheme.bands
    ]


def _fallback() -> Scheme:
    # Only used when `ucj init` has not run yet; the same bands as defaults.py.
    from ucj.indicators.defaults import DEFAULT_BANDS

    return Scheme(
        name="Skema sementara UCJ Monev",
        basis=CategoryBasis.ABSOLUTE,
        effective=dt.date(2020, 1, 1),
        provisional=True,
        bands=tuple(
            Band(label, float(lower), colour, i)
            for i, (label, lower, colour) in enumerate(DEFAULT_BANDS)
        ),
    )


def all_schemes() -> list[Scheme]:
    """Every scheme, newest effective first (two queries)."""
    out = []
    for s in CategoryScheme.objects.prefetch_related("bands").order_by("-effective", "-id"):
        bands = sorted(s.bands.all(), key=lambda b: (b.lower, b.order))
        out.append(
            Scheme(
                name=s.name,
                basis=s.basis,
                effective=s.effective,
                provisional=s.provisional,
                bands=tuple(Band(b.label, float(b.lower), b.colour, b.order) for b in bands),
            )
        )
    return out


def pick(schemes: list[Scheme], on: dt.date | None) -> Scheme:
    """The scheme in force on a date: the latest effective on or before it."""
    if not schemes:
        return _fallback()
    on = on or dt.date.today()  # a scheme set for a later date is not in force yet
    for s in schemes:
        if s.effective <= on:
            return s
    return schemes[-1]  # before the first scheme: the oldest one still applies


def current_scheme(on: dt.date | None = None) -> Scheme:
    return pick(all_schemes(), on)


def bands(on: dt.date | None = None) -> list[dict[str, Any]]:
    """Bands for legends, with the scheme's basis and provisional flag on each."""
    scheme = current_scheme(on)
    return [
        {**b, "basis": scheme.basis, "provisional": scheme.provisional} for b in bands_of(scheme)
    ]


def category_for(
    pct: float | Decimal | None,
    target_pct: float | Decimal | None = None,
    on: dt.date | None = None,
) -> dict[str, Any]:
    return current_scheme(on).classify(
        None if pct is None else float(pct), None if target_pct is None else float(target_pct)
    )


class BandSpecError(ValueError):
    """A --bands text that cannot be read; the message is in Bahasa Indonesia and English."""


def parse_bands(text: str) -> list[tuple[str, Decimal]]:
    """'sangat rendah=0,rendah=30,…' → [(label, lower)], strictly ascending."""
    out: list[tuple[str, Decimal]] = []
    for part in [p for p in text.split(",") if p.strip()]:
        label, sep, raw = part.rpartition("=")
        label = label.strip()
        try:
            lower = Decimal(raw.strip().replace("%", ""))
        except InvalidOperation:
            lower = Decimal("NaN")
        if not sep or not label or lower.is_nan():
            raise BandSpecError(
                pair(
                    _("Pita tidak terbaca: %(band)s; tulis LABEL=BATAS_BAWAH"),
                    band=repr(part.strip()),
                ).joined()
            )
        if out and lower <= out[-1][1]:
            raise BandSpecError(
                pair(_("Batas bawah harus naik: %(band)s"), band=f"{label}={lower}").joined()
            )
        out.append((label, lower))
    if not out:
        raise BandSpecError(pair(_("Tidak ada pita")).joined())
    return out


PALETTE = ["#d7301f", "#fc8d59", "#fdcc8a", "#d9ef8b", "#91cf60", "#1a9850"]


def colours(n: int) -> list[str]:
    """n colours from red (lowest band) to green (highest), spread over the palette."""
    if n <= 1:
        return PALETTE[-1:] * n
    return [PALETTE[round(i * (len(PALETTE) - 1) / (n - 1))] for i in range(n)]


def set_scheme(
    basis: str, spec: str, effective: dt.date | None = None, provisional: bool = False
) -> CategoryScheme:
    """A new scheme from `ucj categories set`; older schemes stay for older periods."""
    if basis not in CategoryBasis.values:
        raise BandSpecError(pair(_("Dasar tidak dikenal: %(basis)s"), basis=repr(basis)).joined())
    parsed = parse_bands(spec)
    when = effective or dt.date.today()
    with transaction.atomic():
        scheme = CategoryScheme.objects.create(
            name=f"Skema {when.isoformat()}",
            basis=basis,
            effective=when,
            provisional=provisional,
            note="ucj categories set",
        )
        CategoryBand.objects.bulk_create(
            CategoryBand(
                scheme=scheme,
                label=label,
                lower=lower,
                colour=colours(len(parsed))[i],
                order=i,
            )
            for i, (label, lower) in enumerate(parsed)
        )
        version.bump()  # bulk_create sends no signal
    return scheme
