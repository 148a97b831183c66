"""Measures of the contest view (league tables below kab/kota), registered by the apps.

The contest view (`ucj.registry.areas`, `ucj contest`) ranks the kecamatan of a kab/kota
or the desa of a kecamatan on one measure. Each measure is a function

    measure(region, actor, group) -> dict[child_code, (numerator, denominator)] | None

returning, for the area's children (kecamatan codes `PP.KK.CC` or desa codes
`PP.KK.CC.DDDD`), how many of how many; None when the measure has no data for the area.
A child's share is numerator ÷ denominator. `actor` reads the rows (set-based, aggregates
only leave the function); small-cell suppression is the contest view's job.

The registry app registers `roster` (active members ÷ persons on the roster group).
CAMPAIGN_MEASURE is the name a pendataan campaign app registers its progress under
(registered persons ÷ campaign target, or ÷ listed), e.g. from its AppConfig.ready()::

    from ucj.lib.contest import CAMPAIGN_MEASURE, register_measure

    register_measure(CAMPAIGN_MEASURE, _("Kemajuan pendataan"), campaign_progress)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ROSTER_MEASURE = "roster"
CAMPAIGN_MEASURE = "campaign"

MeasureFunction = Callable[[Any, Any, "str | None"], "dict[str, tuple[int, int]] | None"]


@dataclass(frozen=True)
class Measure:
    name: str
    label: Any  # lazily translated
    rows: MeasureFunction
    numerator_label: Any = ""
    denominator_label: Any = ""


_MEASURES: dict[str, Measure] = {}


def register_measure(
    name: str,
    label: Any,
    rows: MeasureFunction,
    numerator_label: Any = "",
    denominator_label: Any = "",
) -> Measure:
    """Add (or replace, by name) a contest measure. Safe to repeat."""
    measure = Measure(name, label, rows, numerator_label, denominator_label)
    _MEASURES[name] = measure
    return measure


def measure(name: str) -> Measure | None:
    return _MEASURES.get(name)


def measures() -> list[Measure]:
    return list(_MEASURES.values())
