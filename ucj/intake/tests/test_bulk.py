"""The bulk-insert path: indexes and foreign keys set aside for a big import come back
exactly as they were, on success and on failure, and the keys still hold."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction

from ucj.accounts.testing import region
from ucj.indicators.models import Participation
from ucj.intake import bulk
from ucj.intake.pipeline import run_import
from ucj.intake.testing import system_actor, write_csv
from ucj.intake.writer import insert_frame

pytestmark = pytest.mark.django_db

TABLE = Participation._meta.db_table
ROWS = [
    ["wilayah", "periode", "segmen", "program", "peserta_aktif", "data_per", "sumber"],
    *[["15.03", f"2025-{m:02d}", "PU", "", f"{1000 + m}", "28/09/2025", "BPJS TK"] for m in (1, 2)],
    *[["18.71", f"2025-{m:02d}", "BPU", "JKK", f"{50 + m}", "28/09/2025", ""] for m in (1, 2, 3)],
]


def schema() -> set[tuple[str, ...]]:
    """Indexes and foreign keys of the participation table as the catalogue has them."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE tbl_name = %s AND type = 'index'",
                [TABLE],
            )
            found = {("index", n, s or "") for n, s in cursor.fetchall()}
            cursor.execute(f"PRAGMA foreign_key_list({TABLE})")
            return found | {("fk", str(r[2]), str(r[3]), str(r[4])) for r in cursor.fetchall()}
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [TABLE])
        found = {("index", n, d) for n, d in cursor.fetchall()}
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid), convalidated::text FROM pg_constraint "
            "WHERE conrelid = %s::regclass",
            [TABLE],
        )
        return found | {("constraint", *r) for r in cursor.fetchall()}


@pytest.fixture
def small_bulk(monkeypatch):
    """Treat every insert as big, and record the statements that ran."""
    monkeypatch.setattr(bulk, "BIG_INSERT", 1)
    ran: list[str] = []

    def record(execute, sql, params, many, context):
        ran.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        yield ran


def test_big_import_restores_indexes_and_keys(tmp_path, small_bulk):
    before = schema()
    out = run_import(
        write_csv(tmp_path / "p.csv", ROWS), "participants", source="Kanwil", user=system_actor()
    )
    assert out.ok and out.inserted == 5, out.as_json()
    assert any(s.startswith("DROP INDEX") for s in small_bulk), "bulk path not taken"
    assert schema() == before
    saro = Participation.objects.get(region=region("15.03"), period=dt.date(2025, 2, 1))
    assert (saro.count, saro.batch_id) == (1002, out.batch)
    # The rebuilt indexes answer queries: the batch's rows by batch, a month by period.
    assert Participation.objects.filter(batch_id=out.batch).count() == 5
    assert Participation.objects.filter(period=dt.date(2025, 3, 1)).count() == 1


def test_failure_inside_the_window_leaves_the_schema(small_bulk):
    before = schema()
    with (
        pytest.raises(RuntimeError),
        transaction.atomic(),
        bulk.relaxed_for_bulk(Participation, 10),
    ):
        assert schema() != before  # something was set aside
        raise RuntimeError("killed mid-import")
    assert schema() == before


def test_foreign_keys_still_hold_after_a_bulk_insert(small_bulk):
    """PostgreSQL refuses the row when the key is added back; SQLite, whose keys are
    never set aside, at the constraint check Django runs on COMMIT."""
    import polars as pl

    before = schema()
    bad = pl.DataFrame(
        {
            "region_id": [999_999_999],
            "period": [dt.date(2025, 1, 1)],
            "segment": ["PU"],
            "program": [""],
            "count": [1],
            "source": ["x"],
        }
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        insert_frame(Participation, bad)
        connection.check_constraints(table_names=[TABLE])
    assert schema() == before
    assert not Participation.objects.filter(region_id=999_999_999).exists()
