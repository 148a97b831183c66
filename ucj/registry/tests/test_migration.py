"""The data migration of issue 14 rewrites rows stored the old way (on either database):
the full birth date becomes the birth year (valid NIKs only), every masked NIK the new
4+2 mask, and nothing else changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("registry", "0002_entries_payer_region_batch")]
AFTER = [("registry", "0004_drop_roster_birth_date")]


def _migrate(targets: list[tuple[str, str]]) -> object:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def latest_after():
    """Back to the newest migrations afterwards: later tests (and later migrations such
    as registry 0005) need the current schema."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    _migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_old_rows_are_rewritten(master: None, latest_after: None) -> None:
    old = _migrate(BEFORE)
    try:
        region = old.get_model("regions", "Region").objects.get(code="15.03")
        roster = old.get_model("registry", "Roster").objects.create(
            name="lama", region_id=region.pk, group="non_asn", payer="APBD"
        )
        entry = old.get_model("registry", "RosterEntry")
        entry.objects.create(
            roster=roster, row=2, nik_hash="a" * 64, nik_masked="150301******0003",
            nik_valid=True, birth_date=dt.date(1988, 5, 15), sex="F", group="non_asn",
        )  # fmt: skip
        entry.objects.create(  # invalid NIK: no birth year kept
            roster=roster, row=3, nik_hash="b" * 64, nik_masked="150301******0000",
            nik_valid=False, nik_error="serial", birth_date=dt.date(1990, 1, 2),
            group="non_asn",
        )  # fmt: skip
        entry.objects.create(
            roster=roster, row=4, nik_hash="c" * 64, nik_masked="*****", nik_valid=False,
            nik_error="format", group="non_asn",
        )  # fmt: skip
        mlist = old.get_model("registry", "MembershipList").objects.create(
            region_id=region.pk, as_of=dt.date(2025, 5, 1)
        )
        old.get_model("registry", "MembershipEntry").objects.create(
            membership_list=mlist, nik_hash="a" * 64, nik_masked="150301******0003",
            status="aktif",
        )  # fmt: skip
    finally:
        new = _migrate(AFTER)
    rows = list(
        new.get_model("registry", "RosterEntry")
        .objects.order_by("row")
        .values_list("row", "nik_masked", "birth_year", "sex")
    )
    assert rows == [
        (2, "1503**********03", 1988, "F"),
        (3, "1503**********00", None, ""),
        (4, "*****", None, ""),
    ]
    member = new.get_model("registry", "MembershipEntry").objects.get()
    assert member.nik_masked == "1503**********03"
    columns = [c.name for c in connection.introspection.get_table_description(
        connection.cursor(), "registry_rosterentry"
    )]  # fmt: skip
    assert "birth_date" not in columns and "birth_year" in columns
