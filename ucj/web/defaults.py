"""Run by `ucj init` (and so by `ucj demo`): the shipped map boundaries, so the
choropleths work out of the box. Safe to repeat; never overwrites boundaries that
`ucj geo load` put there."""

from __future__ import annotations

from ucj.regions import geo


def ensure_defaults() -> None:
    geo.load_shipped()
