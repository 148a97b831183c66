"""Demo for `ucj demo`: the desa/kelurahan of the two demo kab/kota that go below kab/kota
(Lampung Tengah 18.02, Sarolangun 15.03). Loading all 84,000 is `ucj regions
load-villages` (docs/ARCHITECTURE.md says why not by default). Safe to run twice."""

from __future__ import annotations

from typing import Any

from ucj.regions.villages import ensure_villages

DEMO_KABKOTA = ["18.02", "15.03"]


def load(stdout: Any) -> None:
    created = ensure_villages(DEMO_KABKOTA)
    stdout.write(f"Desa/kelurahan {', '.join(DEMO_KABKOTA)}: {created} baru / new")
