"""What apps above planning add to its pages, registered as they load (planning must not
import them: docs/ARCHITECTURE.md, "Layers"). Today one: monev's record of benefits paid,
shown beside a scenario ("what the same number of workers received here")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

BenefitHistory = Callable[[Any, str, dict[str, Any]], "dict[str, Any] | None"]

_benefit_history: list[BenefitHistory] = []


def add_benefit_history(fn: BenefitHistory) -> None:
    """(user, region code, scenario result) -> the history to show, or None."""
    _benefit_history[:] = [fn]


def benefit_history(user: Any, code: str, result: dict[str, Any]) -> dict[str, Any] | None:
    """The registered history, or None when no app provides one (monev not installed)."""
    return _benefit_history[0](user, code, result) if _benefit_history else None
