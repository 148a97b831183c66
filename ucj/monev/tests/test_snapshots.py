"""A held session freezes each region's indicator object: later data does not change it."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder

from ucj.indicators import services as indicators
from ucj.indicators.models import Participation
from ucj.monev import services
from ucj.monev.models import Snapshot
from ucj.monev.tests import figures
from ucj.monev.tests.factories import session_input

pytestmark = pytest.mark.django_db


def test_held_session_snapshots_every_region(personas):
    figures.load()
    session = services.record_session(
        personas.province, session_input(["15.03", "15.04", "15.01"], held=True)
    )
    assert session.held
    snaps = {s.region.code: s for s in session.snapshots.all()}
    assert set(snaps) == {"15.01", "15.03", "15.04"}
    saro = snaps["15.03"]
    # The whole coverage() object, as the CLI prints it.
    expected = json.loads(json.dumps(indicators.coverage("15.03"), cls=DjangoJSONEncoder))
    assert saro.data == expected
    assert saro.data["coverage_pct"] == 43.0
    assert saro.data["rank_in_province"] == 2
    assert saro.period == dt.date(2024, 10, 1)

    # New figures arrive later: the snapshot still shows what was known that day.
    Participation.objects.filter(
        region__code="15.03", period=dt.date(2024, 10, 1), segment="BPU"
    ).update(count=40_000)
    assert indicators.coverage("15.03")["coverage_pct"] != 43.0
    services.hold_session(session)  # holding again does not re-take snapshots
    saro.refresh_from_db()
    assert saro.data["coverage_pct"] == 43.0
    assert Snapshot.objects.filter(session=session).count() == 3
    # Only the snapshots of regions the user may see.
    detail = services.session_detail(personas.kabkota, session.pk)
    assert [s.region.code for s in detail.visible_snapshots] == ["15.03"]


def test_every_region_equals_its_own_coverage_object(personas):
    """Snapshots are computed for all regions at once; each must equal coverage(code),
    also for a region with no figures (every value unknown) and a rolled-up province."""
    figures.load()
    codes = ["15", "15.01", "15.03", "18.02"]
    session = services.record_session(personas.national, session_input(codes, held=True))
    for snap in session.snapshots.all():
        expected = indicators.coverage(snap.region.code)
        assert snap.data == json.loads(json.dumps(expected, cls=DjangoJSONEncoder)), snap.region
    assert session.snapshots.get(region__code="18.02").data["coverage_pct"] is None


def test_session_with_period_freezes_that_month(personas):
    figures.load()
    session = services.record_session(
        personas.national, session_input(["15.03"], held=True, period=dt.date(2024, 7, 1))
    )
    snap = session.snapshots.get()
    assert snap.data["period"] == "2024-07"
    assert snap.data["active_participants"] == 30_200 + 14_400


def test_planned_session_has_no_snapshot_until_held(personas):
    figures.load()
    session = services.record_session(personas.national, session_input(["15.03"], held=False))
    assert not session.snapshots.exists()
    services.hold_session(session)
    assert session.snapshots.get().data["code"] == "15.03"


def test_session_freezes_the_latest_complete_month_known_on_its_date(personas):
    """Issue 13: not today's latest month, but the latest complete one as of the session's
    day; figures that arrive afterwards (a later month, or one kab/kota) change nothing."""
    figures.load()
    early = session_input(["15.03", "15"], held=True)
    early.date = dt.date(2024, 10, 2)  # October figures are as of 28 Oct: not known yet
    session = services.record_session(personas.national, early)
    snaps = {s.region.code: s for s in session.snapshots.all()}
    assert snaps["15.03"].period == dt.date(2024, 9, 1)
    assert snaps["15.03"].data["active_participants"] == 30_800 + 16_000
    assert snaps["15"].data["completeness"]["complete"] is True
    assert indicators.coverage("15.03")["period"] == "2024-10"  # today's default differs
    frozen = {code: s.data for code, s in snaps.items()}
    # Sarolangun alone reports November; a correction lands on September.
    Participation.objects.create(
        region=figures.region("15.03"), period=dt.date(2024, 11, 1), segment="PU",
        count=99_000, source="terlambat", as_of=dt.date(2024, 11, 28),
    )  # fmt: skip
    Participation.objects.filter(region__code="15.03", period=dt.date(2024, 9, 1)).update(count=1)
    services.hold_session(session)
    assert {s.region.code: s.data for s in session.snapshots.all()} == frozen
