"""The data version keys the page caches: an edit of any kind is seen on the next page
view and API call, an import bumps it once (a rolled-back one not at all), and a page
view pays one primary-key read instead of aggregates over the figure tables."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from ucj.indicators import version
from ucj.indicators.models import DataVersion, Participation
from ucj.intake.models import ImportBatch
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor, write_csv
from ucj.web.tests import data

pytestmark = pytest.mark.django_db

MAY = dt.date(2025, 5, 1)
PAGE = "/wilayah/15.03/?periode=2025-05"
API = "/api/v1/coverage/15.03?period=2025-05"
HEAD = ["wilayah", "periode", "segmen", "program", "peserta_aktif", "data_per", "sumber"]


def _persons(client) -> tuple[int, int]:
    """Active participants of Sarolangun in May 2025 as the page and the API show them."""
    page = client.get(PAGE)
    assert page.status_code == 200
    api = client.get(API)
    assert api.status_code == 200
    return page.context["cov"]["active_participants"], api.json()["active_participants"]


def _pu() -> Participation:
    return Participation.objects.get(region__code="15.03", period=MAY, segment="PU", program="")


def test_orm_edit_is_seen_on_the_next_page_view_and_api_call(client):
    data.load(provinces=("15",))
    before = _persons(client)
    assert before[0] == before[1]
    row = _pu()
    start = version.current()
    row.count += 7  # same row count, same ids: the old aggregate stamp did not change
    row.save()
    assert version.current() == start + 1
    assert _persons(client) == (before[0] + 7, before[0] + 7)


def test_admin_edit_is_seen_on_the_next_page_view(client, personas):
    data.load(provinces=("15",))
    shown = _persons(client)[0]
    row = _pu()
    form = {k: ("" if v is None else v) for k, v in model_to_dict(row).items()}
    form.update(count=row.count + 11, period=MAY.isoformat(), as_of=row.as_of.isoformat())
    client.force_login(personas.admin)
    answer = client.post(f"/admin/indicators/participation/{row.pk}/change/", form)
    assert answer.status_code == 302, answer.content[:2000]
    assert _pu().count == row.count + 11
    client.logout()
    assert _persons(client) == (shown + 11, shown + 11)


def test_category_band_edit_bumps_the_version():
    from ucj.indicators.models import CategoryBand

    band = CategoryBand.objects.first()
    assert band is not None
    start = version.current()
    band.colour = "#123456"
    band.save()
    assert version.current() == start + 1


def test_an_import_bumps_once_and_a_rolled_back_one_not_at_all(tmp_path):
    rows = [HEAD, ["15.03", "2025-05", "PU", "", "25.430", "31/05/2025", "BPJS TK"]]
    start = version.current()
    assert run_import(write_csv(tmp_path / "a.csv", rows), "participants", user=system_actor()).ok
    assert version.current() == start + 1
    again = run_import(write_csv(tmp_path / "a.csv", rows), "participants", user=system_actor())
    assert again.ok and again.batch is None  # nothing changed: no bump
    assert version.current() == start + 1

    def fail_while_storing(stage: str, done: int, total: int) -> None:
        if stage.startswith("simpan") and done:  # rows written, transaction still open
            raise RuntimeError("the worker died")

    changed = [HEAD, ["15.03", "2025-05", "PU", "", "30.000", "31/05/2025", "BPJS TK"]]
    with pytest.raises(RuntimeError):
        run_import(
            write_csv(tmp_path / "b.csv", changed),
            "participants",
            progress=fail_while_storing,
            user=system_actor(),
        )
    assert version.current() == start + 1
    assert Participation.objects.get(region__code="15.03", period=MAY).count == 25430
    assert ImportBatch.objects.count() == 1


def test_a_version_rolled_back_never_matches_the_next_data():
    """A failed import (or a restored backup) brings the number back; the next write
    reaches the same number with other data, so the cache key must differ."""
    with transaction.atomic():
        version.bump()
        inside = version.stamp()
        transaction.set_rollback(True)
    version.bump()
    after = version.stamp()
    assert version.number_of(inside) == version.number_of(after)
    assert inside != after


def test_a_page_view_reads_the_version_once_and_counts_nothing(client):
    data.load(provinces=("15",))
    for url in ("/", "/provinsi/15/", "/wilayah/15.03/"):
        client.get(url)  # fill the cache
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        sql = [q["sql"].upper() for q in queries.captured_queries]
        table = DataVersion._meta.db_table.upper()
        assert sum(table in s for s in sql) == 1, sql
        part = Participation._meta.db_table.upper()
        assert not [s for s in sql if part in s and ("COUNT(" in s or "MAX(" in s)], sql
        assert response[version.VERSION_HEADER] == str(version.current())
