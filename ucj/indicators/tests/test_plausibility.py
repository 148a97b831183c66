"""Issue 13 items 4 and 5: reported formal/informal figures; potentials beside the population."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ucj.accounts.testing import month, region
from ucj.indicators import services
from ucj.indicators.models import PotentialWorkers, ReportedCoverage
from ucj.indicators.tests.helpers import pot, put
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor, write_csv
from ucj.regions import population

pytestmark = pytest.mark.django_db

POT_HEAD = ["wilayah", "tahun", "potensi", "sumber"]


def test_population_is_shipped_and_adds_up():
    people = population.population()
    assert people["15.03"] == 313_097  # Kabupaten Sarolangun, 2025
    assert people["ID"] == 284_973_643
    kab = sum(v for k, v in people.items() if k.startswith("15.") and k.count(".") == 1)
    assert kab == people["15"]


def test_potential_import_warns_beside_the_population(tmp_path, settings):
    settings.UCJ_POTENTIAL_MAX_POPULATION_PCT = 75
    settings.UCJ_POTENTIAL_MIN_POPULATION_PCT = 20
    rows = [
        POT_HEAD,
        ["15.03", "2024", "112.000", "x"],  # 36% of 313,097: plausible
        ["15.03", "2025", "300.000", "x"],  # 96%: above 75%
        ["92", "2025", "1.325.000", "x"],  # Papua Barat: 2.3 × its 576,255 people
        ["18.02", "2025", "50.000", "x"],  # Lampung Tengah: under 20% of 1.5 million
    ]
    out = run_import(write_csv(tmp_path / "p.csv", rows), "potential", user=system_actor())
    assert out.ok and out.inserted == 4  # a warning, never a refusal
    warned = out.warnings.sort("row").to_dicts()
    assert [w["row"] for w in warned] == [3, 4, 5]
    assert "above 75% of the 2025 population (313,097" in warned[0]["message_en"]
    assert "lebih dari 75% jumlah penduduk 2025 (313.097 jiwa" in warned[0]["message_id"]
    assert "population (576,255" in warned[1]["message_en"]
    assert "below 20% of the 2025 population" in warned[2]["message_en"]
    assert all(w["column"] == "potensi" for w in warned)

    settings.UCJ_POTENTIAL_MAX_POPULATION_PCT = 99  # the share is a setting
    again = run_import(write_csv(tmp_path / "q.csv", rows[:3]), "potential", user=system_actor())
    assert again.ok and again.warnings.height == 0


def test_coverage_objects_say_whether_the_potential_is_plausible(settings):
    settings.UCJ_POTENTIAL_MAX_POPULATION_PCT = 75
    put("15.03", "2025-03", 40_000)
    pot("15.03", 2025, 112_000)
    put("15.06", "2025-03", 40_000)  # Tanjung Jabung Barat: potential above its population
    pot("15.06", 2025, 2 * population.population()["15.06"])
    assert services.coverage("15.03", month("2025-03"))["potential_plausible"] is True
    assert services.coverage("15.06", month("2025-03"))["potential_plausible"] is False
    nothing = services.coverage("15.07", month("2025-03"))  # no potential: nothing to doubt
    assert nothing["potential_plausible"] is True


def test_reported_formal_and_informal_are_importable_and_shown(tmp_path, client):
    # Kutai Timur 2024: formal 87%, informal 150%, no total stated.
    rows = [
        ["wilayah", "data_per", "capaian_formal_persen", "capaian_informal_persen", "sumber"],
        ["Kab. Kutai Timur", "31/12/2024", "87", "150", "kutaitimurkab.go.id"],
    ]
    out = run_import(write_csv(tmp_path / "r.csv", rows), "reported", user=system_actor())
    assert out.ok and out.inserted == 1
    assert "coverage above 100%" in out.warnings["message_en"][0]
    assert out.warnings["column"].to_list() == ["capaian_informal_persen"]
    r = ReportedCoverage.objects.get(region=region("64.08"))
    assert (r.pct, r.formal_pct, r.informal_pct) == (None, Decimal("87.00"), Decimal("150.00"))

    put("64.08", "2024-12", 69_528)
    put("64.08", "2024-12", 77_074, segment="BPU")
    PotentialWorkers.objects.create(
        region=region("64.08"), year=2024, total=130_777, formal=79_691, informal=51_086
    )
    obj = services.coverage("64.08", month("2024-12"))
    assert (obj["reported_formal_pct"], obj["reported_informal_pct"]) == (87.0, 150.0)
    page = client.get("/wilayah/64.08/?period=2024-12").content.decode()
    assert 'data-testid="reported-parts"' in page and "87,0% / 150,0%" in page


def test_reported_row_must_state_something(tmp_path):
    rows = [
        ["wilayah", "data_per", "capaian_formal_persen", "sumber"],
        ["64.08", "31/12/2024", "", "x"],
    ]
    out = run_import(write_csv(tmp_path / "e.csv", rows), "reported", user=system_actor())
    assert not out.ok
    assert "capaian_formal_persen" in out.errors["message_en"][0]
