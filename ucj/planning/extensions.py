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


# A scenario saved from a selection (`ucj select --save`): what the confirmation against
# a later membership list found (confirmed workers, committed cost, coverage).
ScenarioConfirmation = Callable[[Any, Any], "dict[str, Any] | None"]
_scenario_confirmation: list[ScenarioConfirmation] = []


def add_scenario_confirmation(fn: ScenarioConfirmation) -> None:
    """(user, scenario) -> the latest confirmation's counts, or None."""
    _scenario_confirmation[:] = [fn]


def scenario_confirmation(user: Any, scenario: Any) -> dict[str, Any] | None:
    return _scenario_confirmation[0](user, scenario) if _scenario_confirmation else None
