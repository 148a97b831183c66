"""Stored coverage results (issue 17 item 4): pages read them, every write refreshes
only what it touched, and what is stored is exactly what the engine gives."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import override_settings

from ucj.indicators import coverage, refresh, store, version
from ucj.indicators.models import (
    CategoryBand,
    CoverageMonth,
    CoverageObject,
    Participation,
    PotentialWorkers,
    Target,
)
from ucj.intake.models import ImportBatch
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor, write_csv
from ucj.intake.undo import undo_batch
from ucj.regions.models import Boundary, Region
from ucj.regions.signals import data_changed
from ucj.web.tests import data

pytestmark = pytest.mark.django_db

MAY, APRIL, MARCH = dt.date(2025, 5, 1), dt.date(2025, 4, 1), dt.date(2025, 3, 1)


def same_as_engine(period: dt.date) -> None:
    """Stored (read back) == the engine now, byte for byte as JSON."""
    stored = store.read(period)
    assert stored is not None, f"{period} is not stored or is stale"
    engine = coverage.engine_objects(period)
    assert json.dumps(stored) == json.dumps(engine)


def fill() -> None:
    for period in data.MONTHS:
        coverage.objects_for(period)
    assert not store.stale_months()


def rewritten(period: dt.date) -> set[str]:
    """Codes whose stored object the last write rewrote (they carry its version)."""
    rows = CoverageObject.objects.filter(period=period, version=version.current())
    return set(rows.values_list("code", flat=True))


def import_one(tmp_path, count: int):
    path = write_csv(
        tmp_path / "peserta.csv",
        [
            ["wilayah", "periode", "segmen", "peserta_aktif", "data_per"],
            ["15.03", "2025-05", "BPU", str(count), "2025-05-30"],
        ],
    )
    outcome = run_import(path, "participants", user=system_actor())
    assert outcome.ok, outcome.as_json()["errors"]
    return outcome


def test_a_one_region_one_month_import_rewrites_only_its_ancestors(tmp_path):
    data.load(provinces=("15", "18"))
    fill()
    before = {p: store.read(p) for p in data.MONTHS}
    bpu = Participation.objects.get(region__code="15.03", period=MAY, segment="BPU", program="")
    outcome = import_one(tmp_path, bpu.count + 1)
    # Refreshed inside the import's transaction: nothing is stale, nothing left to compute.
    assert not store.stale_months()
    assert rewritten(MAY) == {"15.03", "15", "ID"}  # the kab/kota, its province, the nation
    assert rewritten(APRIL) == rewritten(MARCH) == set()  # months before: untouched
    assert store.read(APRIL) == before[APRIL]
    after = store.read(MAY)
    assert after is not None and before[MAY] is not None
    assert after["15.03"]["active_participants"] == before[MAY]["15.03"]["active_participants"] + 1
    same_as_engine(MAY)
    # Undo puts the figure back, and refreshes the same three objects again.
    assert undo_batch(outcome.batch, system_actor()).ok
    assert not store.stale_months()
    assert rewritten(MAY) == {"15.03", "15", "ID"}
    assert store.read(MAY) == before[MAY]
    same_as_engine(MAY)


def test_a_kecamatan_row_rewrites_the_kecamatan_its_kabkota_and_their_ancestors(tmp_path):
    """Issue 20: a kecamatan's figure is stored at the kecamatan and added into its
    kab/kota's empty cells (PMI here): the refresh rewrites those four objects only."""
    data.load(provinces=("15", "18"))
    fill()
    before = store.read(MAY)
    assert before is not None
    path = write_csv(
        tmp_path / "kecamatan.csv",
        [
            ["wilayah", "kecamatan", "periode", "segmen", "peserta_aktif"],
            ["15.03", "Limun", "2025-05", "PMI", "7"],
        ],
    )
    outcome = run_import(path, "participants", user=system_actor())
    assert outcome.ok, outcome.as_json()["errors"]
    assert not store.stale_months()
    assert rewritten(MAY) == {"15.03.02", "15.03", "15", "ID"}
    assert rewritten(APRIL) == rewritten(MARCH) == set()
    after = store.read(MAY)
    assert after is not None
    assert after["15.03.02"]["active_participants"] == 7
    kab = before["15.03"]["active_participants"]
    assert after["15.03"]["active_participants"] == kab + 7
    assert after["15.03"]["rollup_check"]["basis"] == "direct_and_kecamatan"
    assert after["15"]["active_participants"] == before["15"]["active_participants"] + 7
    assert after["ID"]["active_participants"] == before["ID"]["active_participants"] + 7
    same_as_engine(MAY)
    assert undo_batch(outcome.batch, system_actor()).ok
    assert rewritten(MAY) == {"15.03", "15", "ID"}  # the kecamatan's object is dropped
    assert store.read(MAY) == before
    same_as_engine(MAY)


def test_an_earlier_month_refreshes_the_months_whose_window_holds_it():
    data.load(provinces=("15",))
    fill()
    Participation.objects.filter(region__code="15.03", period=MARCH, segment="PU").update(count=1)
    assert store.stale_months() == [MAY, APRIL, MARCH]  # rank change and pace read March
    assert refresh.refresh_stale().keys() == {"2025-05", "2025-04", "2025-03"}
    for period in data.MONTHS:
        same_as_engine(period)


def committed() -> None:
    """What runs once the writer's transaction commits (a test's never does)."""
    from django.db import connection

    assert any(entry[1] is refresh._after_commit for entry in connection.run_on_commit)
    refresh._after_commit()


def test_every_other_writer_marks_what_it_touches():
    data.load(provinces=("15",))
    fill()
    # A target (admin, API, form: an ORM save) of 2025: every month of 2025 on.
    target = Target.objects.get(region__code="15.03")
    target.pct = 60
    target.save()
    assert set(store.stale_months()) == set(data.MONTHS)
    committed()
    assert not store.stale_months()
    assert store.read(MAY)["15.03"]["target_pct"] == 60.0  # type: ignore[index]
    same_as_engine(MAY)
    # A category threshold: every month's category may move.
    band = CategoryBand.objects.order_by("scheme", "order").last()
    assert band is not None
    band.lower = band.lower - 5
    band.save()
    assert set(store.stale_months()) == set(data.MONTHS)
    committed()
    assert not store.stale_months()
    for period in data.MONTHS:
        same_as_engine(period)
    # The region master (a succession): everything.
    data_changed.send(sender=Region)
    assert set(store.stale_months()) == set(data.MONTHS)
    refresh.refresh_stale()
    # A registry list or a boundary: nothing coverage shows.
    data_changed.send(sender=Region, model=ImportBatch)
    data_changed.send(sender=Boundary)
    assert not store.stale_months()
    # Potential workers of 2026: no month of 2025.
    PotentialWorkers.objects.filter(region__code="15.03").update(year=2026)
    assert set(store.stale_months()) == set(data.MONTHS)  # it left 2025: every month of it


def test_a_stale_or_missing_month_is_computed_on_read_and_never_wrong():
    data.load(provinces=("15",))
    assert store.read(MAY) is None  # nothing stored yet
    first = coverage.objects_for(MAY)
    assert store.read(MAY) == first
    # A write whose refresh has not run yet (its transaction is still open): the read
    # computes from what is there, never serves the old object.
    Participation.objects.filter(region__code="15.03", period=MAY).update(count=7)
    assert store.read(MAY) is None
    assert coverage.objects_for(MAY)["15.03"] == coverage.engine_objects(MAY)["15.03"]
    same_as_engine(MAY)
    # A restart with another engine setting: computed again under it.
    with override_settings(UCJ_MIN_REPORTING_PCT=1):
        assert store.read(MAY) is None
        coverage.objects_for(MAY)
        same_as_engine(MAY)


def test_a_refresh_from_an_older_snapshot_never_hides_a_newer_write():
    data.load(provinces=("15",))
    fill()
    old = version.current()
    Participation.objects.filter(region__code="15.03", period=MAY).update(count=9)
    newer = store.read(MAY)
    assert newer is None
    # A slow reader that read the version before the write stores what it computed: the
    # month stays stale (its mark is newer) and its rows stay the newer ones.
    store.write(MAY, coverage.engine_objects(MAY), old)
    assert MAY in store.stale_months()
    refresh.refresh_stale()
    same_as_engine(MAY)
    assert CoverageMonth.objects.get(period=MAY).version == version.current()
