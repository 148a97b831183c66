"""`ucj select --segment PU --wage RP`: priced by the planning calculator (`ucj plan
cost`), never by a formula of its own; PU without a wage is refused in both languages."""

from __future__ import annotations

import io
import json
from typing import Any

import pytest
from django.core.management import call_command

from ucj.selection.tests.test_select import run

pytestmark = pytest.mark.django_db

PU = ("--segment", "PU", "--wage", "3000000", "--risk-class", "1")


def plan_cost(*args: str) -> dict[str, Any]:
    out = io.StringIO()
    call_command("plan", "cost", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_pu_priced_as_plan_cost(sarolangun: Any) -> None:
    code, data = run(*PU)
    assert code == 0, data
    # By hand (PP 44/2015): JKK class 1 = 0,24% x Rp3.000.000 = Rp7.200; JKM 0,30% =
    # Rp9.000; Rp16.200 a month, Rp194.400 for 12 months; Rp1.000.000.000 // 194.400 =
    # 5.144, fewer than the 6.000 eligible (the BPU case's count, see test_select).
    assert data["cost_per_worker_month"] == 16_200
    assert data["cost_per_worker_total"] == 194_400
    assert data["selected"] == 5_144 and data["left_out"]["budget"] == 6_000 - 5_144
    assert data["cost_total"] == 5_144 * 194_400 == 999_993_600
    assert data["segment"] == "PU" and data["wage"] == 3_000_000 and data["risk_class"] == 1
    plan = plan_cost(
        *PU, "--workers", "5144", "--programs", "JKK,JKM", "--months", "12",
        "--start", data["start"],
    )  # fmt: skip
    assert plan["total"] == data["cost_total"]
    assert plan["per_worker_month"] == data["cost_per_worker_month"]


def test_pu_without_wage_is_refused_in_both_languages(sarolangun: Any) -> None:
    code, data = run("--segment", "PU", "--risk-class", "1")
    assert code == 1
    assert data["field"] == "wage"
    assert "Segmen PU memerlukan --wage" in data["message_id"]
    assert "wage" in data["message_en"] and data["message_en"] != data["message_id"]
    code, data = run("--segment", "PU", "--wage", "3000000")
    assert code == 1 and data["field"] == "risk_class"


def test_wage_for_bpu_and_income_for_pu_are_refused(sarolangun: Any) -> None:
    code, data = run("--wage", "3000000")
    assert code == 1 and data["field"] == "wage"
    assert "hanya untuk segmen PU" in data["message_id"]
    assert "only for segment PU" in data["message_en"]
    code, data = run(*PU, "--income", "2000000")
    assert code == 1 and data["field"] == "income"
    assert "only for segment BPU" in data["message_en"]


def test_pu_selection_saved_keeps_its_wage(sarolangun: Any) -> None:
    from ucj.selection.models import Selection

    code, data = run(*PU, "--save", "PU 2026", "--funding", "apbd")
    assert code == 0, data
    scenario = Selection.objects.get(pk=data["selection_id"]).scenario
    assert scenario is not None
    assert scenario.params["segment"] == "PU" and scenario.params["wage"] == 3_000_000
    assert scenario.params["workers"] == 5_144


def test_web_form_takes_segment_and_wage(sarolangun: Any, client: Any, personas: Any) -> None:
    client.force_login(personas.kabkota)
    base = "/perencanaan/seleksi/15.03/?scheme=desil-1-4&budget=1.000.000.000&programs=JKK"
    base += "&programs=JKM&months=12&segment=PU"
    ok = client.get(base + "&wage=3.000.000&risk_class=1")
    assert ok.status_code == 200
    assert ok.context["a"]["cost_total"] == 999_993_600
    refused = client.get(base + "&risk_class=1")
    assert refused.context["a"] is None
    assert "Segmen PU memerlukan --wage" in refused.context["error"]
