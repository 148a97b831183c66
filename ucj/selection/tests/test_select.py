"""`ucj select` on the Sarolangun demo: every count computed by hand (see demo.py)."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from ucj.selection.models import Selected, Selection
from ucj.selection.services import SelectRequest, select

pytestmark = pytest.mark.django_db

ARGS = ["15.03", "--scheme", "desil-1-4", "--budget", "1000000000", "--programs", "JKK,JKM",
        "--months", "12"]  # fmt: skip


def run(*extra: str) -> tuple[int, dict[str, Any]]:
    out = io.StringIO()
    try:
        call_command("select", *ARGS, *extra, "--json", stdout=out)
        code = 0
    except SystemExit as exc:
        code = int(exc.code or 0)
    return code, json.loads(out.getvalue())


def test_one_billion_over_twelve_months_of_jkk_jkm(sarolangun: Any) -> None:
    code, data = run()
    assert code == 0, data
    # Rp10.000 JKK (1% of the Rp1.000.000 minimum income) + Rp6.800 JKM = Rp16.800;
    # 12 months = Rp201.600; Rp1.000.000.000 // 201.600 = 4.960.
    assert data["cost_per_worker_month"] == 16_800
    assert data["selected"] == 4_960 and len(data["people"]) == 4_960
    assert data["cost_total"] == 4_960 * 201_600 == 999_936_000
    assert data["left_out"] == {
        "decile": 14_400, "member": 2_400, "age": 1_200, "budget": 1_040,
    }  # fmt: skip
    assert data["candidates"] == 24_000 and data["eligible"] == 6_000
    # Lowest decile first: all of deciles 1–3 (1.200 + 2.400 + 1.200), then 160 of 4.
    by_decile: dict[int, int] = {}
    for p in data["people"]:
        by_decile[p["decile"]] = by_decile.get(p["decile"], 0) + 1
    assert by_decile == {1: 1_200, 2: 2_400, 3: 1_200, 4: 160}
    assert [p["rank"] for p in data["people"][:3]] == [1, 2, 3]
    assert data["people"][0]["decile"] == 1
    # 48.160 + 4.960 = 53.120 of 112.000 = 47,43%.
    assert data["coverage_before_pct"] == 43.0
    assert data["coverage_after_pct"] == 47.43
    assert "category_after" in data and data["is_sample"] is True
    text = json.dumps(data)
    assert not re.search(r"\d{16}", text), "a raw NIK in the answer"
    assert all("*" in p["nik_masked"] for p in data["people"][:50])
    assert all(r["basis"] for r in data["rules"])


def test_save_export_and_dana_desa_refused(sarolangun: Any, tmp_path: Path) -> None:
    out = tmp_path / "daftar.xlsx"
    code, data = run("--save", "Seleksi desil 2026", "--funding", "apbd", "--out", str(out))
    assert code == 0, data
    selection = Selection.objects.get(pk=data["selection_id"])
    assert selection.scenario is not None and selection.summary["funding"] == "apbd"
    assert selection.scenario.params["workers"] == 4_960
    assert Selected.objects.filter(selection=selection).count() == 4_960
    book = load_workbook(out, read_only=True)
    rows = list(book["daftar"].iter_rows(values_only=True))
    assert rows[0][:4] == ("peringkat", "nik_tersamar", "daftar", "baris_daftar")
    assert len(rows) == 1 + 4_960
    assert rows[1][0] == 1 and isinstance(rows[1][3], int)  # the Pemda's own row id
    assert not any(re.fullmatch(r"\d{16}", str(c)) for r in rows for c in r if c)
    code, refused = run("--save", "Dana desa", "--funding", "dana_desa")
    assert code == 1 and "Permendagri 15/2023" in json.dumps(refused)
    assert not Selection.objects.filter(params__name="Dana desa").exists()


def test_one_funded_scheme_per_person(sarolangun: Any) -> None:
    from ucj.selection.models import EligibilityRule, EligibilityScheme

    run("--save", "APBD 2026", "--funding", "apbd")
    other = EligibilityScheme.objects.create(name="desil-1-5", label="x", priority="decile")
    for rule in EligibilityScheme.objects.get(name="desil-1-4").rules.all():
        EligibilityRule.objects.create(
            scheme=other, kind=rule.kind, low=rule.low,
            high=5 if rule.kind == "decile" else rule.high,
            basis=rule.basis, order=rule.order,
        )  # fmt: skip
    code, data = run("--scheme", "desil-1-5")
    assert code == 0
    assert data["left_out"]["other_scheme"] == 4_960


def test_outside_the_region_only_counts(sarolangun: Any, personas: Any) -> None:
    req = SelectRequest(code="15.03", budget=1_000_000_000)
    home, _chosen = select(req, personas.kabkota)
    assert home["selected"] == 4_960 and len(home["people"]) == 4_960
    national, _chosen = select(req, personas.national)
    assert national["selected"] == 4_960 and national["people"] == []
    assert national["people_hidden"] is True
    assert national["decile_counts"]["1"] == 2_400
    outsider, _chosen = select(req, personas.outsider)
    assert outsider["selected"] == 0 and outsider["candidates"] == 0


def test_bad_input_is_refused_bilingually(sarolangun: Any) -> None:
    code, data = run("--scheme", "tidak-ada")
    assert code == 1 and "Unknown scheme" in json.dumps(data)
    code, data = run("--priority", "umur")
    assert code == 1 and "Unknown priority" in json.dumps(data)
