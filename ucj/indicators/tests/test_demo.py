"""The demo loader: published figures stand, the generated series fills every kab/kota."""

from __future__ import annotations

import io

import pytest

from ucj.indicators import demo, services
from ucj.indicators.models import Participation, PotentialWorkers
from ucj.indicators.tests.helpers import month
from ucj.regions.models import Region


@pytest.mark.django_db
def test_demo_is_idempotent_labelled_and_anchored():
    demo.load(io.StringIO())
    counts = (Participation.objects.count(), PotentialWorkers.objects.count())
    out = io.StringIO()
    demo.load(out)
    assert (Participation.objects.count(), PotentialWorkers.objects.count()) == counts
    assert "sudah ada" in out.getvalue()

    generated = Participation.objects.filter(source=demo.SAMPLE_SOURCE)
    assert not generated.filter(is_sample=False).exists()
    kabkota = Region.objects.kabkota().count()
    per_month = generated.filter(program="", segment="PU").values("period").distinct()
    assert per_month.count() == 24
    assert generated.filter(period=month("2025-10"), program="", segment="PU").count() == kabkota
    assert generated.filter(period=month("2025-10"), program="JKP").exists()

    bmu = services.coverage("71.08", month("2025-08"))  # the published month stands
    assert bmu["coverage_pct"] == 28.11
    kinds = {(s["kind"], s["is_sample"]) for s in bmu["sources"]}
    assert {("participants", False), ("potential", False)} <= kinds
    assert ("target", True) in kinds and bmu["is_sample"] is True  # a sample target shows
    assert services.coverage("71.08", month("2025-07"))["is_sample"] is True
    metro = services.coverage("18.72", month("2024-09"))  # generated near the 32.9% reported
    assert abs(metro["coverage_pct"] - 32.9) < 2 and metro["is_sample"] is True
