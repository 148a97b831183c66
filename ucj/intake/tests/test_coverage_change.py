"""The dry run says, before confirming, what the file changes: coverage per region and
month, before → after, computed by the coverage engine and then rolled back."""

from __future__ import annotations

import pytest

from ucj.indicators.models import Participation
from ucj.intake.pipeline import run_import
from ucj.intake.testing import write_csv
from ucj.web.tests import data

pytestmark = pytest.mark.django_db


def test_dry_run_shows_coverage_before_and_after(tmp_path, personas):
    data.load(provinces=("15",))
    before_rows = Participation.objects.count()
    # Sarolangun, May 2025: the BPU participants (all programmes) go up to 60.000.
    path = write_csv(
        tmp_path / "peserta.csv",
        [
            ["wilayah", "periode", "segmen", "peserta_aktif", "data_per"],
            ["15.03", "2025-05", "BPU", "60.000", "2025-05-31"],
        ],
    )
    outcome = run_import(path, "participants", user=personas.kabkota, dry_run=True, preview=True)
    assert outcome.ok, outcome.as_json()["errors"]
    assert Participation.objects.count() == before_rows  # rolled back
    change = outcome.coverage_change
    assert change is not None and change["total"] >= 1
    rows = {(r["code"], r["period"]): r for r in change["rows"]}
    assert ("15.03", "2025-05") in rows
    row = rows[("15.03", "2025-05")]
    assert row["before_pct"] is not None and row["after_pct"] is not None
    assert row["after_pct"] > row["before_pct"]
    assert row["name"]
    assert ("15", "2025-05") in rows  # the province's roll-up moves too
    assert all(r["period"] == "2025-05" for r in change["rows"])  # untouched months: none
    assert "coverage_change" not in outcome.as_json()  # the CLI's JSON contract is unchanged
    # Without `preview` (CLI, API, background jobs) no coverage is computed.
    plain = run_import(path, "participants", user=personas.kabkota, dry_run=True)
    assert plain.ok and plain.coverage_change is None


def test_a_file_that_moves_no_coverage_has_no_table(tmp_path, personas):
    data.load(provinces=("15",))
    path = write_csv(
        tmp_path / "pendanaan.csv",
        [["wilayah", "tahun", "sumber_dana", "jumlah"], ["15.03", "2025", "apbd", "1"]],
    )
    outcome = run_import(path, "funding", user=personas.kabkota, dry_run=True, preview=True)
    assert outcome.coverage_change is None
