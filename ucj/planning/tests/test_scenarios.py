"""Scenarios: saved, compared side by side, exported (XLSX, PDF) and reopened."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from ucj.accounts.testing import region
from ucj.intake.testing import system_actor
from ucj.planning import scenarios
from ucj.planning.models import Scenario
from ucj.planning.rates import PlanError
from ucj.planning.tests.factories import jambi_figures

pytestmark = pytest.mark.django_db

GAP = {
    "kind": "reach",
    "target_pct": 65,
    "programs": ["JKK", "JKM"],
    "months": 3,
    "start": "2024-10",
    "period": "2024-09",
    "segment": "BPU",
}
GAP_JHT = {**GAP, "programs": ["JKK", "JKM", "JHT"]}


@pytest.fixture
def saved(personas):
    jambi_figures()
    a = scenarios.save(region("15.03"), "JKK+JKM untuk kesenjangan, Okt–Des", GAP, personas.kabkota)
    b = scenarios.save(region("15.03"), "Sama ditambah JHT", GAP_JHT, personas.kabkota)
    return [a, b]


def test_compare_side_by_side(saved):
    table = scenarios.compare(saved)
    first, second = table["results"]
    assert first["workers"] == second["workers"] == 24_640
    assert first["per_worker_month"] == 16_800
    assert second["per_worker_month"] == 36_800  # + JHT 2% of Rp1.000.000
    assert first["cost_total"] == 24_640 * 16_800 * 3
    assert second["cost_total"] == 24_640 * 36_800 * 3
    row = next(r for r in table["rows"] if r["key"] == "cost_total")
    assert row["values"] == ["Rp1.241.856.000", "Rp2.720.256.000"]
    shown = {r["key"]: r["values"] for r in table["rows"]}
    assert "uji" in shown["sources"][0]  # figures carry their source
    assert shown["is_sample"] == ["ya / yes", "ya / yes"]
    assert shown["period"] == ["2024-09", "2024-09"]


def test_export_xlsx_and_reopen(saved):
    before = [scenarios.evaluate(s) for s in saved]
    data = scenarios.export_xlsx(saved)
    book = load_workbook(io.BytesIO(data))
    assert book["Perbandingan"]["B2"].value == "JKK+JKM untuk kesenjangan, Okt–Des"
    numbers = list(book["hasil"].iter_rows(min_row=2, values_only=True))
    assert [r[4] for r in numbers] == [1_241_856_000, 2_720_256_000]
    Scenario.objects.all().delete()
    done = scenarios.import_xlsx(data, file_name="skenario.xlsx", user=system_actor())
    assert done["imported"] == 2
    reopened = list(Scenario.objects.filter(pk__in=done["ids"]).order_by("name"))
    assert [s.name for s in reopened] == ["JKK+JKM untuk kesenjangan, Okt–Des", "Sama ditambah JHT"]
    after = [scenarios.evaluate(s) for s in reopened]
    assert [a["cost_total"] for a in after] == [b["cost_total"] for b in before]
    assert after[1]["programs"] == ["JKK", "JKM", "JHT"]


def test_export_pdf(saved):
    pdf = scenarios.export_pdf(saved)
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


def test_reimport_outside_scope_is_refused(saved, personas):
    data = scenarios.export_xlsx(saved)
    with pytest.raises(PlanError) as err:
        scenarios.import_xlsx(data, user=personas.outsider, file_name="s.xlsx")
    assert "baris/row 2" in str(err.value) and "kode_wilayah" in str(err.value)


def test_bad_file_is_refused():
    with pytest.raises(PlanError) as err:
        scenarios.import_xlsx(b"not a workbook", file_name="x.xlsx", user=system_actor())
    assert "x.xlsx" in str(err.value)


def test_bad_params_are_refused():
    with pytest.raises(PlanError):
        scenarios.clean_params(
            {"kind": "reach", "target_pct": 65, "programs": ["JP"], "segment": "BPU"}
        )


def test_demo_loads_twice():
    import io as _io

    from ucj.planning import demo
    from ucj.planning.models import FundingSource

    out = _io.StringIO()
    demo.load(out)
    demo.load(out)
    assert FundingSource.objects.filter(is_sample=True).count() == 3
    assert Scenario.objects.count() == 3
    assert "3 skenario" in out.getvalue()


def test_who_may_reopen_an_export(saved, personas):
    data = scenarios.export_xlsx(saved)
    assert scenarios.import_xlsx(data, user=personas.national, file_name="s.xlsx")["imported"] == 2
    with pytest.raises(PlanError):
        scenarios.import_xlsx(data, user=personas.branch, file_name="s.xlsx")
