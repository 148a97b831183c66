"""Defaults every database gets at `ucj init`: issuer priority and a provisional scheme."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext_noop

from ucj.indicators import version
from ucj.indicators.models import (
    CategoryBand,
    CategoryScheme,
    Issuer,
    IssuerPriority,
    SegmentGroup,
    SegmentMapping,
)

DEFAULT_ISSUER_ORDER = [
    Issuer.SE_BANGDA,
    Issuer.RPJMD,
    Issuer.RKPD,
    Issuer.BPJS_TK,
    Issuer.RPJMN,
    Issuer.OTHER,
]

# No official thresholds are published (FACTS.md, open question 1). These bands only
# respect the observed points: 26% = sangat rendah, 32.8–33% = rendah (Lampung 2025).
# Stored in Bahasa Indonesia; screens show them in the active language (web.language).
DEFAULT_BANDS = [
    (gettext_noop("sangat rendah"), "0", "#d7301f"),
    (gettext_noop("rendah"), "30", "#fc8d59"),
    (gettext_noop("sedang"), "45", "#fdcc8a"),
    (gettext_noop("tinggi"), "60", "#1a9850"),
]


DEFAULT_SEGMENT_GROUPS = {
    "PU": SegmentGroup.FORMAL,
    "JAKON": SegmentGroup.FORMAL,
    "BPU": SegmentGroup.INFORMAL,
    "PMI": SegmentGroup.TOTAL_ONLY,
}


def ensure_defaults() -> None:
    for segment, group in DEFAULT_SEGMENT_GROUPS.items():
        SegmentMapping.objects.get_or_create(segment=segment, defaults={"group": group})
    for rank, issuer in enumerate(DEFAULT_ISSUER_ORDER, start=1):
        IssuerPriority.objects.get_or_create(issuer=issuer, defaults={"rank": rank})
    if not CategoryScheme.objects.exists():
        scheme = CategoryScheme.objects.create(
            name=gettext_noop("Skema sementara UCJ Monev"),
            effective=dt.date(2020, 1, 1),
            provisional=True,
            note="Ambang resmi belum dipublikasikan; ubah dengan `ucj categories set`.",
        )
        CategoryBand.objects.bulk_create(
            CategoryBand(scheme=scheme, label=label, lower=Decimal(lower), colour=colour, order=i)
            for i, (label, lower, colour) in enumerate(DEFAULT_BANDS)
        )
        version.bump()  # the bands came after the scheme's own bump, without a signal
